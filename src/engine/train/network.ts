/**
 * From a ModelSpec (the one src/tf/buildModel.ts builds with tfjs) to the kernel's layers, in
 * the same order, so their weights line up with the tfjs model's one for one. kernelCannotTrain
 * says up front what the kernel does not do, so a loop can hand such a model to tfjs instead.
 */
import type { LayerSpec, ModelSpec, RecurrentSpec } from '../spec';
import { isRecurrent } from '../spec';
import type { Arena } from './arena';
import { BidirectionalLayer } from './bidirectional';
import { DenseLayer } from './dense';
import { DropoutLayer } from './dropout';
import { EmbeddingLayer } from './embedding';
import type { KernelLayer, Param } from './layer';
import { HeadLoss } from './loss';
import { RecurrentLayer } from './recurrent';
import type { KernelLoss } from './types';

export interface Network {
  layers: KernelLayer[];
  params: Param[];
  /** The last Dense layer and its loss; null for a model that ends elsewhere (it can only predict). */
  head: DenseLayer | null;
  loss: HeadLoss | null;
  /** Every recurrent layer whose state a stateful run carries, in layer order (Bidirectional: forward copy, backward copy). */
  recurrent: RecurrentLayer[];
  /** What the first layer reads: ids for an Embedding, ids or floats for a recurrent layer on [steps, V]. */
  input: { embedding: boolean; features: number; oneHotAllowed: boolean };
  /** needInputGradient[i]: whether layer i must hand a gradient down (some layer below it has weights). */
  needInputGradient: boolean[];
}

function recurrentProblems(layer: RecurrentSpec, where: string): string[] {
  const problems: string[] = [];
  if (layer.returnState) problems.push(`${where} returns its state (return_state); the kernel trains single-output models.`);
  if ((layer.dropout ?? 0) > 0 || (layer.recurrentDropout ?? 0) > 0) problems.push(`${where} has dropout inside the recurrent layer; the kernel has only Dropout layers.`);
  if (layer.activation === 'softmax') problems.push(`${where} uses a softmax activation inside the cell.`);
  if (layer.kind !== 'simpleRNN' && layer.recurrentActivation === 'softmax') problems.push(`${where} uses a softmax gate.`);
  return problems;
}

export const NO_HEAD = 'The last layer must be Dense (the head the loss reads) for the kernel to train the model; without one it can only predict.';

/** The loss a head implies, or the one asked for if it fits the head's activation; null without a Dense head. */
export function lossFor(spec: ModelSpec, asked?: KernelLoss): KernelLoss | string | null {
  const last = spec.layers[spec.layers.length - 1];
  if (!last || last.kind !== 'dense') return null;
  const activation = last.activation ?? 'linear';
  const implied: KernelLoss = activation === 'softmax' ? 'categoricalCrossentropy' : activation === 'sigmoid' ? 'binaryCrossentropy' : 'meanSquaredError';
  const loss = asked ?? implied;
  const fits =
    (activation === 'softmax' && (loss === 'categoricalCrossentropy' || loss === 'softmaxCrossEntropy')) ||
    (activation === 'sigmoid' && loss === 'binaryCrossentropy') ||
    (activation === 'linear' && loss === 'meanSquaredError');
  return fits ? loss : `A ${activation} head with ${loss} is not a pair the kernel differentiates (softmax + cross-entropy, sigmoid + binary cross-entropy, linear + MSE).`;
}

const LOSSES: readonly string[] = ['categoricalCrossentropy', 'softmaxCrossEntropy', 'binaryCrossentropy', 'meanSquaredError'];

/** Why the kernel cannot train the spec (with this loss); empty when it can. */
export function kernelCannotTrain(spec: ModelSpec, loss?: KernelLoss): string[] {
  const lossOrWhy = lossFor(spec, loss);
  const head = lossOrWhy === null ? [NO_HEAD] : LOSSES.includes(lossOrWhy) ? [] : [lossOrWhy];
  return [...head, ...kernelCannotRun(spec)];
}

/** Why the kernel cannot even run the spec forward; empty when it can. */
export function kernelCannotRun(spec: ModelSpec): string[] {
  const problems: string[] = [];
  if (spec.layers.length === 0) problems.push('The model has no layers.');
  const [first] = spec.layers;
  if (first && first.kind !== 'embedding' && spec.inputShape.length !== 2) {
    problems.push(`Input shape [${spec.inputShape.join(', ')}]: the kernel reads [steps, features] sequences, or ids into an Embedding.`);
  }
  let sequence = true;
  spec.layers.forEach((layer: LayerSpec, i) => {
    const where = `Layer "${layer.name}"`;
    if (layer.kind === 'embedding' && i > 0) problems.push(`${where}: an Embedding must be the first layer.`);
    if (isRecurrent(layer) || layer.kind === 'bidirectional') {
      if (!sequence) problems.push(`${where} needs a sequence, but the layer before it returns only its last state.`);
      const inner = layer.kind === 'bidirectional' ? layer.layer : layer;
      problems.push(...recurrentProblems(inner, where));
      if (layer.kind === 'bidirectional' && layer.mergeMode === null) problems.push(`${where}: merge_mode=None gives two outputs; the kernel trains single-output models.`);
      sequence = inner.returnSequences ?? false;
    }
    if (layer.kind === 'dense' && layer.activation === 'softmax' && i < spec.layers.length - 1) problems.push(`${where}: softmax is only supported on the last layer.`);
    if (layer.kind === 'spatialDropout1d' && !sequence) problems.push(`${where}: SpatialDropout1D needs a sequence.`);
  });
  return problems;
}

/** loss null: a model without a Dense head, for predict only. */
export function buildNetwork(arena: Arena, spec: ModelSpec, loss: KernelLoss | null, batch: number, steps: number): Network {
  const problems = loss ? kernelCannotTrain(spec, loss) : kernelCannotRun(spec);
  if (problems.length > 0) throw new Error(problems.join(' '));
  const first = spec.layers[0];
  const embedding = first.kind === 'embedding';
  const inputFeatures = embedding ? 0 : (spec.inputShape[1] as number);
  if (!embedding && !(inputFeatures > 0)) throw new Error(`The input's feature count must be fixed, got ${spec.inputShape[1]}.`);
  const layers: KernelLayer[] = [];
  const recurrent: RecurrentLayer[] = [];
  let features = inputFeatures;
  let sequence = true;
  let head = null as DenseLayer | null;
  spec.layers.forEach((layer, i) => {
    // A recurrent first layer on [steps, V] may be fed ids: one-hot rows it never builds.
    const oneHot = i === 0 && !embedding;
    let built: KernelLayer;
    switch (layer.kind) {
      case 'embedding':
        built = new EmbeddingLayer(arena, layer, batch, steps);
        break;
      case 'dense':
        built = new DenseLayer(arena, layer, features, sequence, batch, steps, loss !== null && i === spec.layers.length - 1);
        if (loss !== null && i === spec.layers.length - 1) head = built as DenseLayer;
        break;
      case 'dropout':
      case 'spatialDropout1d':
        built = new DropoutLayer(arena, layer, features, sequence, batch, steps);
        break;
      case 'bidirectional': {
        const bi = new BidirectionalLayer(arena, layer, features, oneHot, batch, steps);
        recurrent.push(bi.forwardCopy, bi.backwardCopy);
        built = bi;
        break;
      }
      default: {
        const rnn = new RecurrentLayer(arena, {
          spec: layer,
          prefix: layer.name,
          features,
          oneHot,
          reverse: layer.goBackwards ?? false,
          returnSequences: layer.returnSequences ?? false,
          batch,
          steps,
        });
        recurrent.push(rnn);
        built = rnn;
      }
    }
    layers.push(built);
    features = built.outputFeatures;
    sequence = built.outputSequence;
  });
  const params = layers.flatMap((l) => l.params);
  let below = false;
  const needInputGradient = layers.map((l) => {
    const need = below;
    below = below || l.params.length > 0;
    return need;
  });
  const firstIsRecurrent = isRecurrent(first) || first.kind === 'bidirectional';
  return {
    layers,
    params,
    head,
    loss: loss && head ? new HeadLoss(loss, head.outputFeatures) : null,
    recurrent,
    input: { embedding, features: embedding ? first.inputDim : inputFeatures, oneHotAllowed: embedding || firstIsRecurrent },
    needInputGradient,
  };
}
