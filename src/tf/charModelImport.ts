/**
 * Loading a reader's pre-trained character model: the model.json that tfjs-converter writes for a
 * Keras model, its binary weight shards, and the list of characters it was trained on. Each way
 * this can go wrong gets its own message naming the file or layer at fault.
 */
import { type CharNet, UnsupportedModelError, charNetOf } from './charLmNet';
import type { Tf } from './types';
import { errorMessage } from '../engine/errors';

export class ModelImportError extends Error {}

interface ManifestGroup {
  paths: string[];
  weights: { name: string; shape: number[]; dtype: string }[];
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
    throw new ModelImportError('The character list is not JSON. Give a JSON array of characters, e.g. ["\\n", " ", "a", …].');
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
      if (!Number.isInteger(id)) throw new ModelImportError(`The character list maps ${JSON.stringify(k)} to ${JSON.stringify(v)}, which is not an id.`);
      chars[id] = char;
    }
  } else throw new ModelImportError('The character list must be a JSON array, string or object.');
  chars.forEach((c, i) => {
    if (typeof c !== 'string' || [...c].length !== 1) throw new ModelImportError(`Entry ${i} of the character list is ${JSON.stringify(c)}, not one character.`);
  });
  if (new Set(chars).size !== chars.length) throw new ModelImportError('The character list repeats a character.');
  return chars as string[];
}

export interface ImportedCharModel {
  net: CharNet;
  vocabulary: string[];
}

export async function importCharModel(
  tf: Tf,
  { modelJson, weightFiles, chars }: { modelJson: string; weightFiles: { name: string; data: ArrayBuffer }[]; chars: string },
): Promise<ImportedCharModel> {
  let json: { modelTopology?: unknown; weightsManifest?: ManifestGroup[]; format?: string };
  try {
    json = JSON.parse(modelJson);
  } catch {
    throw new ModelImportError('model.json is not JSON. Choose the model.json that tensorflowjs_converter (or model.save) wrote.');
  }
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new ModelImportError(
      json?.format === 'graph-model'
        ? 'This is a tfjs graph model; a layers model is needed (convert with --output_format tfjs_layers_model).'
        : 'This file is not a tfjs layers model: it needs "modelTopology" and "weightsManifest".',
    );
  }
  const vocabulary = parseCharList(chars);
  const byName = new Map(weightFiles.map((f) => [baseName(f.name), f.data]));
  const paths = json.weightsManifest.flatMap((g) => g.paths);
  const missing = paths.filter((p) => !byName.has(baseName(p)));
  if (missing.length > 0) throw new ModelImportError(`Missing weight shard${missing.length > 1 ? 's' : ''}: ${missing.map(baseName).join(', ')}. Select them together with model.json.`);
  const shards = paths.map((p) => new Uint8Array(byName.get(baseName(p))!));
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((offset, s) => (weightData.set(s, offset), offset + s.length), 0);
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights) as import('@tensorflow/tfjs').io.WeightsManifestEntry[];

  let model: Awaited<ReturnType<Tf['loadLayersModel']>>;
  try {
    model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology as object, weightSpecs, weightData: weightData.buffer }));
  } catch (error) {
    const message = errorMessage(error);
    if (/Unknown layer/i.test(message)) throw new ModelImportError(`The model uses a layer type tfjs does not know: ${message}`);
    throw new ModelImportError(`tfjs could not load the model: ${message}`);
  }
  let net: CharNet;
  try {
    net = charNetOf(model);
  } catch (error) {
    model.dispose();
    if (error instanceof UnsupportedModelError) throw new ModelImportError(error.message);
    throw error;
  }
  if (vocabulary.length !== net.vocabSize) {
    model.dispose();
    throw new ModelImportError(
      `Vocabulary mismatch: the character list has ${vocabulary.length} characters but the model predicts ${net.vocabSize}.`,
    );
  }
  return { net, vocabulary };
}
