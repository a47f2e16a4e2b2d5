/**
 * The character model as explicit tensor operations over a tfjs LayersModel's own variables.
 * The LayersModel is what gets built, saved to IndexedDB and loaded (ours or one exported from
 * Keras); this view of it is what trains and generates, because it can do three things
 * model.fit cannot: carry each row's LSTM state from one batch to the next (the source feeds
 * final_state back in), compute x·W + b for all time steps in one matrix product instead of one
 * per step, and hand out h and c of every layer at every character.
 */
import type { Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';
import type { Tf } from './types';

type LayersModel = Awaited<ReturnType<Tf['loadLayersModel']>>;
type AnyLayer = LayersModel['layers'][number];

export interface RecurrentLayerView {
  name: string;
  units: number;
  kernel: Variable;
  recurrentKernel: Variable;
  bias: Variable | null;
  activation: string;
  recurrentActivation: string;
}

export interface CharNet {
  model: LayersModel;
  vocabSize: number;
  input: 'one-hot' | 'embedding';
  embedding: Variable | null;
  lstms: RecurrentLayerView[];
  dense: { kernel: Variable; bias: Variable | null; activation: string };
  /** Fixed window length of a model whose last LSTM returns only its final output; else null. */
  window: number | null;
  trainable: Variable[];
}

export interface LayerState {
  h: Tensor2D;
  c: Tensor2D;
}

/** Not a format or architecture this book can run; the message is for the reader. */
export class UnsupportedModelError extends Error {}

const variablesOf = (layer: AnyLayer): Map<string, Variable> =>
  new Map(layer.weights.map((w) => [w.originalName.slice(w.originalName.lastIndexOf('/') + 1), (w as unknown as { read(): Variable }).read()]));

function configOf(layer: AnyLayer): Record<string, unknown> {
  return layer.getConfig() as Record<string, unknown>;
}

function activationName(value: unknown): string {
  const name = typeof value === 'string' ? value : ((value as { className?: string } | undefined)?.className ?? 'linear');
  return name === 'hard_sigmoid' ? 'hardSigmoid' : name;
}

const SUPPORTED_ACTIVATIONS = new Set(['tanh', 'sigmoid', 'hardSigmoid', 'relu', 'linear', 'softmax']);

/**
 * Reads a Sequential-style char model: [Embedding] → LSTM… (with Dropout anywhere) → Dense, where
 * Dense may be wrapped in TimeDistributed. Anything else is refused with the layer that broke it.
 */
export function charNetOf(model: LayersModel): CharNet {
  const lstms: RecurrentLayerView[] = [];
  let embedding: Variable | null = null;
  let dense: CharNet['dense'] | null = null;
  let lastReturnsSequences = true;
  model.layers.forEach((layer, index) => {
    const kind = layer.getClassName();
    const config = configOf(layer);
    if (dense) throw new UnsupportedModelError(`Layer "${layer.name}" (${kind}) comes after the output Dense layer; only Dropout may follow it.`);
    switch (kind) {
      case 'InputLayer':
      case 'Dropout':
      case 'SpatialDropout1D':
        return;
      case 'Embedding':
        if (index > 1 || lstms.length > 0) throw new UnsupportedModelError(`The Embedding layer "${layer.name}" must be the first layer.`);
        embedding = variablesOf(layer).get('embeddings') ?? null;
        return;
      case 'LSTM': {
        const w = variablesOf(layer);
        const kernel = w.get('kernel');
        const recurrentKernel = w.get('recurrent_kernel');
        if (!kernel || !recurrentKernel) throw new UnsupportedModelError(`LSTM "${layer.name}" has no kernel or recurrent kernel.`);
        const activation = activationName(config.activation);
        const recurrentActivation = activationName(config.recurrentActivation);
        for (const a of [activation, recurrentActivation]) {
          if (!SUPPORTED_ACTIVATIONS.has(a)) throw new UnsupportedModelError(`LSTM "${layer.name}" uses the activation "${a}", which this page cannot run.`);
        }
        if (config.goBackwards) throw new UnsupportedModelError(`LSTM "${layer.name}" reads backwards (go_backwards); a language model must read forwards.`);
        lstms.push({ name: layer.name, units: recurrentKernel.shape[0], kernel, recurrentKernel, bias: w.get('bias') ?? null, activation, recurrentActivation });
        lastReturnsSequences = Boolean(config.returnSequences);
        return;
      }
      case 'Dense':
      case 'TimeDistributed': {
        const inner = kind === 'TimeDistributed' ? (layer as unknown as { layer: AnyLayer }).layer : layer;
        if (inner.getClassName() !== 'Dense') throw new UnsupportedModelError(`TimeDistributed "${layer.name}" wraps ${inner.getClassName()}; only Dense is supported.`);
        const w = variablesOf(inner);
        const kernel = w.get('kernel');
        if (!kernel) throw new UnsupportedModelError(`Dense "${layer.name}" has no kernel.`);
        dense = { kernel, bias: w.get('bias') ?? null, activation: activationName(configOf(inner).activation) };
        return;
      }
      default:
        throw new UnsupportedModelError(
          `Layer "${layer.name}" is a ${kind}. This page runs character models built from Embedding (optional), LSTM, Dropout and Dense layers.`,
        );
    }
  });
  if (lstms.length === 0) throw new UnsupportedModelError('The model has no LSTM layer.');
  if (!dense) throw new UnsupportedModelError('The model has no Dense output layer.');
  const out = dense as CharNet['dense'];
  const vocabSize = out.kernel.shape[1];
  const inputShape = (model.inputs[0]?.shape ?? []) as (number | null)[];
  const input = embedding ? 'embedding' : 'one-hot';
  const fed = embedding ? (embedding as Variable).shape[0] : lstms[0].kernel.shape[0];
  if (fed !== vocabSize) {
    throw new UnsupportedModelError(
      `The model reads ${fed} different characters but predicts ${vocabSize}; a character model must read and predict the same vocabulary.`,
    );
  }
  // A model whose last LSTM returns only its final output was trained on fixed windows; it must
  // be fed the same window length, not a state carried on forever.
  const window = !lastReturnsSequences && typeof inputShape[1] === 'number' ? inputShape[1] : null;
  const trainable = model.trainableWeights.map((w) => (w as unknown as { read(): Variable }).read());
  return { model, vocabSize, input, embedding, lstms, dense: out, window, trainable };
}

function activate(tf: Tf, name: string, x: Tensor): Tensor {
  switch (name) {
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    // Keras' and tfjs' hard sigmoid: clip(0.2·x + 0.5, 0, 1).
    case 'hardSigmoid':
      return tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1);
    case 'relu':
      return tf.relu(x);
    default:
      return x;
  }
}

export function zeroStates(tf: Tf, net: CharNet, batch: number): LayerState[] {
  return net.lstms.map((l) => ({ h: tf.zeros([batch, l.units]) as Tensor2D, c: tf.zeros([batch, l.units]) as Tensor2D }));
}

export interface ForwardResult {
  /** [batch·steps, vocab], row b·steps + t. */
  logits: Tensor2D;
  states: LayerState[];
  /** Per layer, per step: h and c of shape [batch, units]; only when asked for. */
  trace?: { h: Tensor2D[]; c: Tensor2D[] }[];
}

/**
 * Runs ids [batch, steps] through the network from the given states. The input projection of
 * every step is one matrix product; only h·U stays inside the time loop. Gate blocks are in
 * Keras order i, f, c, o.
 */
export function forward(tf: Tf, net: CharNet, ids: Tensor2D, states: LayerState[], options: { dropout?: number; trace?: boolean } = {}): ForwardResult {
  const [batch, steps] = ids.shape;
  const flatIds = tf.cast(tf.reshape(ids, [-1]), 'int32');
  let seq: Tensor2D | null = net.embedding ? (tf.gather(net.embedding, flatIds) as Tensor2D) : null;
  const newStates: LayerState[] = [];
  const trace: ForwardResult['trace'] = options.trace ? [] : undefined;
  net.lstms.forEach((layer, li) => {
    // one-hot · W is row lookup; only the first layer of a one-hot model reads characters.
    const projected = seq ? tf.matMul(seq, layer.kernel) : oneHotTimes(tf, flatIds, layer.kernel as Tensor2D, net.vocabSize);
    const withBias = layer.bias ? tf.add(projected, layer.bias) : projected;
    const perStep = tf.unstack(tf.reshape(withBias, [batch, steps, 4 * layer.units]), 1) as Tensor2D[];
    let { h, c } = states[li];
    const outputs: Tensor2D[] = [];
    const layerTrace = { h: [] as Tensor2D[], c: [] as Tensor2D[] };
    for (let t = 0; t < steps; t++) {
      const z = tf.add(perStep[t], tf.matMul(h, layer.recurrentKernel));
      const [i, f, g, o] = tf.split(z, 4, 1);
      c = tf.add(tf.mul(activate(tf, layer.recurrentActivation, f), c), tf.mul(activate(tf, layer.recurrentActivation, i), activate(tf, layer.activation, g))) as Tensor2D;
      h = tf.mul(activate(tf, layer.recurrentActivation, o), activate(tf, layer.activation, c)) as Tensor2D;
      outputs.push(h);
      if (trace) {
        layerTrace.h.push(h);
        layerTrace.c.push(c);
      }
    }
    newStates.push({ h, c });
    trace?.push(layerTrace);
    let out = tf.reshape(tf.stack(outputs, 1), [batch * steps, layer.units]) as Tensor2D;
    if (options.dropout) out = tf.dropout(out, options.dropout) as Tensor2D;
    seq = out;
  });
  const projected = tf.matMul(seq!, net.dense.kernel);
  const logits = (net.dense.bias ? tf.add(projected, net.dense.bias) : projected) as Tensor2D;
  return { logits, states: newStates, trace };
}

/**
 * oneHot(ids) · W without building the one-hot matrix: the forward pass gathers rows of W, and
 * the gradient w.r.t. W is oneHot(ids)ᵀ · dy. (tf.gather's own gradient needs the
 * UnsortedSegmentSum kernel, which the wasm backend lacks; and a plain one-hot matMul would also
 * compute a gradient for the one-hot matrix, which nobody needs.)
 */
export function oneHotTimes(tf: Tf, ids: Tensor, kernel: Tensor2D, vocabSize: number): Tensor2D {
  const f = tf.customGrad((...args: unknown[]) => {
    const [i, w, save] = args as [Tensor, Tensor2D, (t: Tensor[]) => void];
    save([i]);
    return {
      value: tf.gather(w, i) as Tensor2D,
      gradFunc: (dy: Tensor, saved: Tensor[]) => [tf.zerosLike(saved[0]), tf.matMul(tf.cast(tf.oneHot(saved[0] as import('@tensorflow/tfjs').Tensor1D, vocabSize), 'float32'), dy as Tensor2D, true, false)],
    };
  });
  return f(ids, kernel) as Tensor2D;
}

/** Mean softmax cross-entropy in nats per character. */
export function crossEntropy(tf: Tf, logits: Tensor2D, targets: Tensor2D, vocabSize: number): Tensor {
  const labels = tf.oneHot(tf.cast(tf.reshape(targets, [-1]), 'int32'), vocabSize);
  return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1)));
}
