/**
 * Running a character model forward, for sampling, unit traces and the held-out loss, on the
 * from-scratch kernel's predict (src/engine/train) with its states carried by hand: each call
 * starts from the states the previous one ended in, as the source feeds final_state back in.
 * The same code runs the model trained here and one imported from Keras (any engine trained
 * them: the weights are tfjs-shaped either way).
 */
import type { CharVocabulary } from '../engine/charBatches';
import { type BatchLayout, charBatch } from '../engine/charBatches';
import { BookError } from '../engine/errors';
import type { ElementwiseActivation } from '../engine/activations';
import { runCell } from '../engine/cellTrace';
import { seededRandom } from '../engine/random';
import { chooseNext } from '../engine/sampling';
import type { ModelSpec } from '../engine/spec';
import { type KernelStates, type KernelTrainer, createKernelTrainer } from '../engine/train';
import type { CharCellStep, GenerateArgs, GeneratedChar, UnitTrace } from './charLmCalls';
import type { NamedWeight } from './types';

export interface CharModel {
  spec: ModelSpec;
  vocab: CharVocabulary;
  /** Fixed input length of a window model, null when it reads any length with carried states. */
  window: number | null;
  predictor: KernelTrainer;
}

export function charModelOf(spec: ModelSpec, weights: NamedWeight[], vocab: CharVocabulary, window: number | null, wasm?: WebAssembly.Module): CharModel {
  // A forward-only copy: stateless (states are passed in), no optimizer steps.
  const predictor = createKernelTrainer(spec, { optimizer: { learningRate: 0 }, weights, wasm });
  return { spec, vocab, window, predictor };
}

/** The head's output as logits: log-probabilities for a softmax head, the raw outputs otherwise. */
function logitsOf(model: CharModel, values: Float32Array, row: number, V: number): Float32Array {
  const head = model.spec.layers[model.spec.layers.length - 1];
  const out = values.subarray(row * V, (row + 1) * V);
  if (head.kind === 'dense' && head.activation === 'softmax') return Float32Array.from(out, (p) => Math.log(Math.max(p, 1e-30)));
  return Float32Array.from(out);
}

export function encodePrime(text: string, vocab: CharVocabulary): number[] {
  const unknown = [...new Set([...text].filter((c) => !vocab.index.has(c)))];
  if (unknown.length > 0) {
    const chars = unknown.map((c) => JSON.stringify(c)).join(', ');
    throw new BookError('charLm.unseenChars', `The model has never seen ${chars}; remove it from the text.`, { chars });
  }
  return [...text].map((c) => vocab.index.get(c)!);
}

function emptyTrace(model: CharModel): UnitTrace['layers'] {
  return model.spec.layers.filter((l) => l.kind === 'lstm').map(() => ({ h: [], c: [] }));
}

/**
 * Feeds ids one character at a time from `states`, recording every layer's h and c after each;
 * returns the logits after the last character and the states to continue from.
 */
function feed(model: CharModel, ids: number[], states: KernelStates | undefined, layers: UnitTrace['layers'] | null) {
  const V = model.vocab.chars.length;
  let logits: Float32Array = new Float32Array(V);
  let at = states;
  for (const id of ids) {
    const out = model.predictor.predict({ kind: 'ids', ids: Int32Array.of(id), batch: 1, steps: 1 }, at ? { states: at } : undefined);
    at = out.states;
    logits = logitsOf(model, out.values, out.rows - 1, V);
    layers?.forEach((l, i) => {
      l.h.push(out.states.layers[i].h);
      l.c.push(out.states.layers[i].c ?? new Float32Array(0));
    });
  }
  return { logits, states: at };
}

/** h and c of every layer at every character of `text` (from zero states). */
export function traceText(model: CharModel, text: string): UnitTrace {
  const ids = encodePrime(text, model.vocab);
  const layers = emptyTrace(model);
  if (model.window) {
    // A window model: each character's trace is the last step of its own window from zero.
    for (let t = 0; t < ids.length; t++) {
      const window = ids.slice(Math.max(0, t + 1 - model.window), t + 1);
      const one = emptyTrace(model);
      feed(model, window, undefined, one);
      one.forEach((l, i) => {
        layers[i].h.push(l.h[l.h.length - 1]);
        layers[i].c.push(l.c[l.c.length - 1]);
      });
    }
    return { text, layers };
  }
  feed(model, ids, undefined, layers);
  return { text, layers };
}

/**
 * Character `at` of `text` as the model's first LSTM layer computes it, for the cell diagram. The
 * kernel's forward reads the text up to that character (a window model: its window, from zero)
 * and gives the states the layer starts the step from; the engine's cell (cellTrace.runCell) then
 * computes the step from the layer's own weights and activations, so every gate and wire drawn is
 * the engine's number at the states the model really reached. null for an empty text or a model
 * whose first layer is not an LSTM (after an optional Embedding).
 */
export function firstLayerStep(model: CharModel, text: string, at: number): CharCellStep | null {
  const ids = encodePrime(text, model.vocab);
  const { layers } = model.spec;
  const embedding = layers[0]?.kind === 'embedding' ? layers[0] : null;
  const layer = layers[embedding ? 1 : 0];
  if (ids.length === 0 || layer?.kind !== 'lstm') return null;
  const t = Math.max(0, Math.min(ids.length - 1, Math.round(at)));
  const start = model.window ? Math.max(0, t + 1 - model.window) : 0;
  const before = t > start ? feed(model, ids.slice(start, t), undefined, null).states?.layers[0] : undefined;
  const weights = new Map(model.predictor.getWeights().map((w) => [w.name, w.values]));
  const kernel = weights.get(`${layer.name}/kernel`)!;
  const recurrentKernel = weights.get(`${layer.name}/recurrent_kernel`)!;
  const inputDim = kernel.length / (4 * layer.units);
  const x = embedding
    ? weights.get(`${embedding.name}/embeddings`)!.slice(ids[t] * inputDim, (ids[t] + 1) * inputDim)
    : Float32Array.from({ length: inputDim }, (_, k) => (k === ids[t] ? 1 : 0));
  const trace = runCell(
    { kind: 'lstm', units: layer.units, inputDim, resetAfter: false },
    { kernel, recurrentKernel, bias: weights.get(`${layer.name}/bias`) ?? new Float32Array(4 * layer.units) },
    [x],
    {
      initialState: before ? { h: before.h, c: before.c } : undefined,
      activation: (layer.activation ?? 'tanh') as ElementwiseActivation,
      recurrentActivation: (layer.recurrentActivation ?? 'sigmoid') as ElementwiseActivation,
    },
  );
  return { at: t, char: model.vocab.chars[ids[t]], id: ids[t], input: embedding ? 'embedding' : 'one-hot', units: layer.units, step: trace.steps[0] };
}

export function generate(model: CharModel, { prime, length, topN, temperature, seed, greedy }: GenerateArgs): { chars: GeneratedChar[]; trace: UnitTrace } {
  if (prime.length === 0) throw new BookError('charLm.emptyPrime', 'Give a prime text of at least one character.');
  const random = seededRandom(seed);
  const layers = emptyTrace(model);
  const context = encodePrime(prime, model.vocab);
  const traced = [...context];
  const chars: GeneratedChar[] = [];
  const { window } = model;
  // A window model is fed its last `window` characters from a zero state each time, as in
  // training; a sequence model carries its state and is fed one character at a time.
  let out: ReturnType<typeof feed>;
  if (window) {
    traceText(model, prime).layers.forEach((l, i) => {
      layers[i].h.push(...l.h);
      layers[i].c.push(...l.c);
    });
    out = feed(model, context.slice(-window), undefined, null);
  } else {
    out = feed(model, context, undefined, layers);
  }
  for (let n = 0; n < length; n++) {
    const pick = chooseNext(out.logits, { mode: greedy ? 'greedy' : 'sample', temperature, topN }, random);
    const top = Array.from(pick.probs, (p, i) => ({ char: model.vocab.chars[i], p }))
      .sort((a, b) => b.p - a.p)
      .slice(0, 5);
    chars.push({ char: model.vocab.chars[pick.index], p: pick.probs[pick.index], top });
    context.push(pick.index);
    if (n === length - 1) break;
    if (window) {
      const one = emptyTrace(model);
      out = feed(model, context.slice(-window), undefined, one);
      one.forEach((l, i) => {
        layers[i].h.push(l.h[l.h.length - 1]);
        layers[i].c.push(l.c[l.c.length - 1]);
      });
    } else {
      out = feed(model, [pick.index], out.states, layers);
    }
    traced.push(pick.index);
  }
  return { chars, trace: { text: traced.map((id) => model.vocab.chars[id]).join(''), layers } };
}

/**
 * Mean cross-entropy (nats per character) over the first `batches` held-out windows, each row's
 * state carried from one window to the next as in training.
 */
export function heldOutLoss(model: CharModel, ids: Int32Array, layout: BatchLayout, batches: number): number {
  const n = Math.min(batches, layout.numBatches);
  if (n === 0) return NaN;
  const V = model.vocab.chars.length;
  const { numSeqs: N, numSteps: M } = layout;
  let states: KernelStates | undefined;
  let total = 0;
  for (let k = 0; k < n; k++) {
    const { x, y } = charBatch(ids, layout, k, 'next');
    const flat = new Int32Array(N * M);
    x.forEach((row, r) => flat.set(row, r * M));
    const out = model.predictor.predict({ kind: 'ids', ids: flat, batch: N, steps: M }, states ? { states } : undefined);
    states = out.states;
    let sum = 0;
    for (let r = 0; r < N; r++) for (let t = 0; t < M; t++) sum -= Math.log(Math.max(out.values[(r * M + t) * V + y[r][t]], 1e-30));
    total += sum / (N * M);
  }
  return total / n;
}
