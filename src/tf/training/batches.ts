/**
 * Batch sources for the one loop. Each batch is a pure function of (epoch, index): examples are
 * shuffled with a generator seeded by (seed, epoch), and the char-LM's windows come in text
 * order. That is what lets a resumed run continue with exactly the batches it would have seen.
 */
import { BookError } from '../../engine/errors';
import { type BatchLayout, charBatch } from '../../engine/charBatches';
import { seededRandom } from '../../engine/random';
import type { KernelInput, KernelTarget } from '../../engine/train';
import type { Batch, BatchSource, TrainingEngine, Validation } from './types';

/** A labelled set as flat arrays: x ids [n, steps] or values [n, steps, features]; y classes or value rows. */
export interface ExampleSet {
  n: number;
  steps: number;
  x: { kind: 'ids'; ids: Int32Array } | { kind: 'values'; values: Float32Array; features: number };
  /** Classes: `perExample` ids each (1, or `steps` for a sequence head); values: `width` numbers each. */
  y: { kind: 'classes'; classes: Int32Array; perExample: number } | { kind: 'values'; values: Float32Array; width: number };
}

/** The examples at `indices`, as one batch. */
export function pickExamples(set: ExampleSet, indices: ArrayLike<number>): Batch {
  const size = indices.length;
  const { steps } = set;
  let x: KernelInput;
  if (set.x.kind === 'ids') {
    const ids = new Int32Array(size * steps);
    for (let k = 0; k < size; k++) ids.set(set.x.ids.subarray(indices[k] * steps, (indices[k] + 1) * steps), k * steps);
    x = { kind: 'ids', ids, batch: size, steps };
  } else {
    const F = set.x.features;
    const row = steps * F;
    const values = new Float32Array(size * row);
    for (let k = 0; k < size; k++) values.set(set.x.values.subarray(indices[k] * row, (indices[k] + 1) * row), k * row);
    x = { kind: 'values', values, batch: size, steps, features: F };
  }
  let y: KernelTarget;
  if (set.y.kind === 'classes') {
    const per = set.y.perExample;
    const classes = new Int32Array(size * per);
    for (let k = 0; k < size; k++) classes.set(set.y.classes.subarray(indices[k] * per, (indices[k] + 1) * per), k * per);
    y = { kind: 'classes', classes };
  } else {
    const w = set.y.width;
    const values = new Float32Array(size * w);
    for (let k = 0; k < size; k++) values.set(set.y.values.subarray(indices[k] * w, (indices[k] + 1) * w), k * w);
    y = { kind: 'values', values };
  }
  return { x, y, size };
}

/** Fisher–Yates with a generator seeded by the run's seed and the epoch, so every epoch's order is fixed. */
export function epochOrder(n: number, seed: number, epoch: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom((seed * 7919 + epoch * 104729 + 1) >>> 0);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/**
 * Mini-batches of n examples, reshuffled each epoch (or in order with shuffle false); the last
 * batch of an epoch holds the remainder, as model.fit's does. `pick` turns indices into a batch.
 */
export function shuffledBatches(n: number, batchSize: number, pick: (indices: Int32Array) => Batch, { seed = 1, shuffle = true }: { seed?: number; shuffle?: boolean } = {}): BatchSource {
  if (n < 1) throw new BookError('train.nothing', 'There is nothing to train on.');
  const size = Math.max(1, Math.min(batchSize, n));
  let cached: { epoch: number; order: Int32Array } | null = null;
  const orderOf = (epoch: number) => {
    if (!shuffle) return (cached ??= { epoch: 0, order: Int32Array.from({ length: n }, (_, i) => i) }).order;
    if (cached?.epoch !== epoch) cached = { epoch, order: epochOrder(n, seed, epoch) };
    return cached.order;
  };
  return {
    batchesPerEpoch: Math.ceil(n / size),
    stateful: false,
    batch(epoch, index) {
      const order = orderOf(epoch);
      return pick(order.subarray(index * size, Math.min(n, (index + 1) * size)));
    },
  };
}

export function exampleBatches(set: ExampleSet, batchSize: number, options?: { seed?: number; shuffle?: boolean }): BatchSource {
  return shuffledBatches(set.n, batchSize, (indices) => pickExamples(set, indices), options);
}

/**
 * The char-LM's batches, as the source makes them: the text as N rows read M characters at a
 * time, batch k being columns k·M … k·M + M − 1 of every row, so row r of batch k + 1 continues
 * row r of batch k and its state carries over (stateful). Targets are the next characters.
 */
export function charWindowBatches(ids: Int32Array, layout: BatchLayout): BatchSource {
  const { numSeqs: N, numSteps: M } = layout;
  return {
    batchesPerEpoch: layout.numBatches,
    stateful: true,
    batch(_epoch, k) {
      const { x, y } = charBatch(ids, layout, k, 'next');
      const xs = new Int32Array(N * M);
      const ys = new Int32Array(N * M);
      for (let r = 0; r < N; r++) {
        xs.set(x[r], r * M);
        ys.set(y[r], r * M);
      }
      return { x: { kind: 'ids', ids: xs, batch: N, steps: M }, y: { kind: 'classes', classes: ys }, size: N, items: N * M };
    },
  };
}

/** Mean loss and accuracy over the batches of a source's first epoch, weighted by batch size (dropout off). */
export function evaluateAll(engine: Pick<TrainingEngine, 'evaluate'>, source: BatchSource, maxBatches = Infinity): Validation {
  let loss = 0;
  let correct = 0;
  let seen = 0;
  const batches = Math.min(source.batchesPerEpoch, maxBatches);
  for (let k = 0; k < batches; k++) {
    const batch = source.batch(0, k);
    const e = engine.evaluate(batch);
    loss += e.loss * batch.size;
    correct += e.accuracy * batch.size;
    seen += batch.size;
  }
  return { loss: loss / seen, accuracy: correct / seen };
}
