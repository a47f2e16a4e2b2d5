/**
 * A bidirectional recurrent layer, spelled out: one copy of the layer reads the sequence left to
 * right; a second copy (its own weights) reads it right to left, which is done by reversing the
 * inputs, running the layer as usual, and reversing its states back so that position t holds
 * what the backward copy knew about tokens t … T−1. The two states of each position are merged,
 * by concatenation unless told otherwise, exactly as Keras' and tfjs' Bidirectional do.
 *
 * Without return_sequences the layer hands on one vector: the forward copy's last state and the
 * backward copy's last state, i.e. [h→_{T−1}, h←_0] — both have read the whole sequence.
 */
import type { MergeMode } from './spec';

/** Runs one direction's copy of the layer left to right and returns its state after each step. */
export type RunLayer = (inputs: Float32Array[]) => Float32Array[];

export interface BidirectionalTrace {
  /** Forward copy's states, position t = after reading tokens 0 … t. */
  forward: Float32Array[];
  /** The inputs reversed: what the backward copy reads, in its reading order. */
  reversedInputs: Float32Array[];
  /** Backward copy's states in its reading order: step k has read tokens T−1 … T−1−k. */
  backwardRun: Float32Array[];
  /** backwardRun reversed back, so that position t lines up with token t. */
  backward: Float32Array[];
  /** merge(forward[t], backward[t]) per position: the output with return_sequences. */
  merged: Float32Array[];
  /** merge(forward[T−1], backward[0]): the output without return_sequences. */
  last: Float32Array;
}

export type HandMergeMode = Exclude<MergeMode, null>;

export function mergeStates(a: Float32Array, b: Float32Array, mode: HandMergeMode = 'concat'): Float32Array {
  if (mode === 'concat') {
    const out = new Float32Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }
  if (a.length !== b.length) throw new Error(`Cannot merge states of ${a.length} and ${b.length} numbers with "${mode}".`);
  return a.map((v, i) => (mode === 'sum' ? v + b[i] : mode === 'mul' ? v * b[i] : (v + b[i]) / 2));
}

// #region listing:bidirectional-forward
export function bidirectionalForward(inputs: readonly Float32Array[], runForward: RunLayer, runBackward: RunLayer, mode: HandMergeMode = 'concat'): BidirectionalTrace {
  if (inputs.length === 0) throw new Error('A bidirectional layer needs at least one step.');
  const forward = runForward([...inputs]);
  const reversedInputs = [...inputs].reverse();
  const backwardRun = runBackward(reversedInputs);
  const backward = [...backwardRun].reverse(); // position t ↔ token t again
  const merged = forward.map((h, t) => mergeStates(h, backward[t], mode));
  const last = mergeStates(forward[forward.length - 1], backward[0], mode);
  return { forward, reversedInputs, backwardRun, backward, merged, last };
}
// #endregion
