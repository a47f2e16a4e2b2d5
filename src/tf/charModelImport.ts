/**
 * Loading a reader's pre-trained character model: the model.json that tfjs-converter writes for a
 * Keras model, its binary weight shards, and the list of characters it was trained on. Each way
 * this can go wrong gets its own message naming the file or layer at fault.
 */
import type { ActivationName, LayerSpec, ModelSpec } from '../engine/spec';
import { kernelCannotTrain } from '../engine/train';
import type { TfModel } from './buildModel';
import type { Tf } from './types';
import { BookError, type ErrorParams, errorMessage } from '../engine/errors';
import { checkWeightBytes, weightsManifestOf } from '../engine/fileChecks';

/**
 * A reason the reader's model files cannot be used: a code worded by the book, its parameters,
 * and the English message as `detail`, which charModel.unsupported, charModel.unknownLayer and
 * model.tfjsLoadFailed frame when the reason is tfjs' or the kernel's own English.
 */
export class ModelImportError extends BookError {
  constructor(message: string, code = 'charModel.unsupported', params: ErrorParams = {}) {
    super(code, message, { detail: message, ...params });
  }
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * The character list, in id order. Accepts a JSON array of characters, a JSON string, an object
 * char → id (Keras scripts' char_indices) or id → char (indices_char), or { "chars": [...] }.
 */
export function parseCharList(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ModelImportError('The character list is not JSON. Give a JSON array of characters, e.g. ["\\n", " ", "a", …].', 'charModel.charsNotJson');
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && 'chars' in value) value = (value as { chars: unknown }).chars;
  let chars: unknown[];
  if (typeof value === 'string') chars = [...value];
  else if (Array.isArray(value)) chars = value;
  else if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const charToId = entries.every(([, v]) => Number.isInteger(v));
    chars = [];
    for (const [k, v] of entries) {
      const [char, id] = charToId ? [k, v as number] : [v, Number(k)];
      // Ids 0 … n−1 only: an id past the list (say 10⁹) would make a list of a billion holes.
      if (!Number.isInteger(id) || id < 0 || id >= entries.length) throw new ModelImportError(`The character list maps ${JSON.stringify(k)} to ${JSON.stringify(v)}, which is not an id.`, 'charModel.charsBadId', { key: JSON.stringify(k), value: JSON.stringify(v) ?? String(v) });
      chars[id] = char;
    }
  } else throw new ModelImportError('The character list must be a JSON array, string or object.', 'charModel.charsBadType');
  chars.forEach((c, i) => {
    if (typeof c !== 'string' || [...c].length !== 1) throw new ModelImportError(`Entry ${i} of the character list is ${JSON.stringify(c)}, not one character.`, 'charModel.charsNotOne', { index: i, value: JSON.stringify(c) ?? String(c) });
  });
  if (new Set(chars).size !== chars.length) throw new ModelImportError('The character list repeats a character.', 'charModel.charsRepeat');
  return chars as string[];
}

export interface ImportedCharModel {
  /** The loaded tfjs model (for notebooks and model.predict). */
  model: TfModel;
  /** The same network as the book's spec, which the kernel runs for generation and traces. */
  spec: ModelSpec;
  vocabulary: string[];
  input: 'one-hot' | 'embedding';
  /** Fixed input length of a model whose last LSTM returns only its final output; else null. */
  window: number | null;
}

type Config = Record<string, unknown>;
type AnyLayer = TfModel['layers'][number];

const activationOf = (value: unknown): ActivationName => {
  const name = typeof value === 'string' ? value : ((value as { className?: string } | undefined)?.className ?? 'linear');
  return (name === 'hardSigmoid' ? 'hard_sigmoid' : name) as ActivationName;
};

const SUPPORTED: ActivationName[] = ['tanh', 'sigmoid', 'hard_sigmoid', 'relu', 'linear', 'softmax'];

/**
 * Reads a Sequential-style char model as a spec: [Embedding] → LSTM… (Dropout anywhere) → Dense,
 * where Dense may be wrapped in TimeDistributed. Anything else is refused, naming the layer.
 */
export function charSpecOf(model: TfModel): { spec: ModelSpec; input: 'one-hot' | 'embedding'; window: number | null } {
  const layers: LayerSpec[] = [];
  let dense = false;
  let lastReturnsSequences = true;
  let embedding = false;
  model.layers.forEach((layer: AnyLayer, index: number) => {
    const kind = layer.getClassName();
    const c = layer.getConfig() as Config;
    const name = String(c.name ?? layer.name);
    if (dense) throw new ModelImportError(`Layer "${layer.name}" (${kind}) comes after the output Dense layer; only Dropout may follow it.`, 'charModel.afterDense', { layer: layer.name, kind });
    switch (kind) {
      case 'InputLayer':
        return;
      case 'Dropout':
      case 'SpatialDropout1D':
        layers.push({ kind: kind === 'Dropout' ? 'dropout' : 'spatialDropout1d', name, rate: Number(c.rate) });
        return;
      case 'Embedding':
        if (index > 1 || layers.length > 0) throw new ModelImportError(`The Embedding layer "${layer.name}" must be the first layer.`, 'charModel.embeddingNotFirst', { layer: layer.name });
        embedding = true;
        layers.push({ kind: 'embedding', name, inputDim: Number(c.inputDim), outputDim: Number(c.outputDim) });
        return;
      case 'LSTM': {
        const activation = activationOf(c.activation);
        const recurrentActivation = activationOf(c.recurrentActivation);
        for (const a of [activation, recurrentActivation]) {
          if (!SUPPORTED.includes(a)) throw new ModelImportError(`LSTM "${layer.name}" uses the activation "${a}", which this page cannot run.`, 'charModel.activation', { layer: layer.name, activation: a });
        }
        if (c.goBackwards) throw new ModelImportError(`LSTM "${layer.name}" reads backwards (go_backwards); a language model must read forwards.`, 'charModel.backwards', { layer: layer.name });
        lastReturnsSequences = c.returnSequences === true;
        layers.push({ kind: 'lstm', name, units: Number(c.units), activation, recurrentActivation, useBias: c.useBias !== false, returnSequences: lastReturnsSequences });
        return;
      }
      case 'Dense':
      case 'TimeDistributed': {
        const inner = kind === 'TimeDistributed' ? (layer as unknown as { layer: AnyLayer }).layer : layer;
        if (inner.getClassName() !== 'Dense') throw new ModelImportError(`TimeDistributed "${layer.name}" wraps ${inner.getClassName()}; only Dense is supported.`, 'charModel.timeDistributed', { layer: layer.name, kind: inner.getClassName() });
        const ic = inner.getConfig() as Config;
        dense = true;
        layers.push({ kind: 'dense', name, units: Number(ic.units), activation: activationOf(ic.activation), useBias: ic.useBias !== false });
        return;
      }
      default:
        throw new ModelImportError(`Layer "${layer.name}" is a ${kind}. This page runs character models built from Embedding (optional), LSTM, Dropout and Dense layers.`, 'charModel.layerKind', { layer: layer.name, kind });
    }
  });
  const lstms = layers.filter((l) => l.kind === 'lstm');
  if (lstms.length === 0) throw new ModelImportError('The model has no LSTM layer.', 'charModel.noLstm');
  if (!dense) throw new ModelImportError('The model has no Dense output layer.', 'charModel.noDense');
  const shape = model.inputs[0].shape.slice(1) as (number | null)[];
  const head = layers[layers.length - 1] as Extract<LayerSpec, { kind: 'dense' }>;
  const fed = embedding ? (layers[0] as Extract<LayerSpec, { kind: 'embedding' }>).inputDim : (shape[1] as number);
  if (fed !== head.units) {
    throw new ModelImportError(`The model reads ${fed} different characters but predicts ${head.units}; a character model must read and predict the same vocabulary.`, 'charModel.readsPredicts', { reads: fed, predicts: head.units });
  }
  const spec: ModelSpec = { inputShape: shape, layers };
  const problems = kernelCannotTrain(spec);
  // The kernel's own reasons (a programmer's English) are framed by charModel.unsupported.
  if (problems.length > 0) throw new ModelImportError(`This page cannot run the model: ${problems.join(' ')}`);
  // A model whose last LSTM returns only its final output was trained on fixed windows; it must
  // be fed the same window length, not a state carried on forever.
  const window = !lastReturnsSequences && typeof shape[0] === 'number' ? shape[0] : null;
  return { spec, input: embedding ? 'embedding' : 'one-hot', window };
}

export async function importCharModel(
  tf: Tf,
  { modelJson, weightFiles, chars }: { modelJson: string; weightFiles: { name: string; data: ArrayBuffer }[]; chars: string },
): Promise<ImportedCharModel> {
  let json: { modelTopology?: unknown; weightsManifest?: unknown; format?: string };
  try {
    json = JSON.parse(modelJson);
  } catch {
    throw new ModelImportError('model.json is not JSON. Choose the model.json that tensorflowjs_converter (or model.save) wrote.', 'charModel.modelNotJson');
  }
  const manifest = weightsManifestOf(json);
  if (!json || typeof json !== 'object' || !json.modelTopology || !manifest) {
    if (json?.format === 'graph-model') throw new ModelImportError('This is a tfjs graph model; a layers model is needed (convert with --output_format tfjs_layers_model).', 'charModel.graphModel');
    throw new ModelImportError('This file is not a tfjs layers model: it needs "modelTopology" and "weightsManifest".', 'charModel.notLayersModel');
  }
  const vocabulary = parseCharList(chars);
  const byName = new Map(weightFiles.map((f) => [baseName(f.name), f.data]));
  const { paths } = manifest;
  const missing = paths.filter((p) => !byName.has(baseName(p)));
  if (missing.length > 0) {
    const files = missing.map(baseName).join(', ');
    throw new ModelImportError(`Missing weight shard(s): ${files}. Select them together with model.json.`, 'charModel.missingShards', { files });
  }
  const shards = paths.map((p) => new Uint8Array(byName.get(baseName(p))!));
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((offset, s) => (weightData.set(s, offset), offset + s.length), 0);
  const sizeProblem = checkWeightBytes(manifest.weights, weightData.length);
  if (sizeProblem) throw sizeProblem;
  const weightSpecs = manifest.weights as import('@tensorflow/tfjs').io.WeightsManifestEntry[];

  let model: Awaited<ReturnType<Tf['loadLayersModel']>>;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology as object, weightSpecs, weightData: weightData.buffer }));
  } catch (error) {
    const message = errorMessage(error);
    if (/Unknown layer/i.test(message)) throw new ModelImportError(`The model uses a layer type tfjs does not know: ${message}`, 'charModel.unknownLayer', { detail: message });
    throw new ModelImportError(`tfjs could not load the model: ${message}`, 'model.tfjsLoadFailed', { detail: message });
  }
  let read: ReturnType<typeof charSpecOf>;
  try {
    read = charSpecOf(model as TfModel);
  } catch (error) {
    model.dispose();
    throw error;
  }
  const predicts = (read.spec.layers[read.spec.layers.length - 1] as { units: number }).units;
  if (vocabulary.length !== predicts) {
    model.dispose();
    throw new ModelImportError(`Vocabulary mismatch: the character list has ${vocabulary.length} characters but the model predicts ${predicts}.`, 'charModel.vocabMismatch', { chars: vocabulary.length, predicts });
  }
  return { model: model as TfModel, vocabulary, ...read };
}
