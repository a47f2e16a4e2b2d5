/**
 * Data parallelism, the arithmetic part: a batch cut into shards of whole examples, one per
 * thread, and the shards' gradients put back together into the batch's.
 *
 * The loss of a batch is the mean over its output rows, and every example has as many output
 * rows (one, or one per time step), so the batch's gradient is the shards' gradients weighted by
 * their share of the examples: ∂L/∂w = Σₖ (nₖ / n) · ∂Lₖ/∂w. The same weights give the loss and
 * the accuracy. Inputs and targets are batch-major, so a shard is one contiguous slice of each.
 */
import type { KernelInput, KernelTarget } from './types';

export interface Shard {
  x: KernelInput;
  y: KernelTarget;
  /** First example of the batch in this shard, and how many. */
  from: number;
  examples: number;
  /** nₖ / n. */
  weight: number;
}

/** Example counts of `shards` nearly equal parts of `batch` (the first ones one larger), no part empty. */
export function shardSizes(batch: number, shards: number): number[] {
  const k = Math.max(1, Math.min(shards, batch));
  return Array.from({ length: k }, (_, i) => Math.floor(batch / k) + (i < batch % k ? 1 : 0));
}

function sliceInput(x: KernelInput, from: number, count: number): KernelInput {
  if (x.kind === 'ids') return { kind: 'ids', ids: x.ids.subarray(from * x.steps, (from + count) * x.steps), batch: count, steps: x.steps };
  const per = x.steps * x.features;
  return { kind: 'values', values: x.values.subarray(from * per, (from + count) * per), batch: count, steps: x.steps, features: x.features };
}

function sliceTarget(y: KernelTarget, batch: number, from: number, count: number): KernelTarget {
  const data = y.kind === 'classes' ? y.classes : y.values;
  if (data.length % batch !== 0) throw new Error(`A target of ${data.length} values does not divide into ${batch} examples.`);
  const per = data.length / batch;
  return y.kind === 'classes'
    ? { kind: 'classes', classes: y.classes.subarray(from * per, (from + count) * per) }
    : { kind: 'values', values: y.values.subarray(from * per, (from + count) * per) };
}

/** The batch cut into `count` shards of whole examples (views on the batch's arrays, nothing copied). */
export function splitBatch(x: KernelInput, y: KernelTarget, count: number): Shard[] {
  let from = 0;
  return shardSizes(x.batch, count).map((examples) => {
    const shard = { x: sliceInput(x, from, examples), y: sliceTarget(y, x.batch, from, examples), from, examples, weight: examples / x.batch };
    from += examples;
    return shard;
  });
}

/** Σₖ weightₖ · gradientsₖ, weight array by weight array, into `into` (which it returns). */
export function combineGradients(parts: readonly { weight: number; gradients: readonly Float32Array[] }[], into: Float32Array[]): Float32Array[] {
  into.forEach((sum, i) => {
    sum.fill(0);
    for (const { weight, gradients } of parts) {
      const g = gradients[i];
      for (let k = 0; k < sum.length; k++) sum[k] += weight * g[k];
    }
  });
  return into;
}

/**
 * The dropout generator's start for shard `k` at Adam iteration `step`: a fresh, reproducible
 * stream per shard and step, so a run resumed from a checkpoint (which knows the iteration)
 * draws the same masks as the unbroken one.
 */
export function shardDropoutState(seed: number, step: number, k: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const v of [step, k]) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}
