/**
 * Turning a model's next-character distribution into a character. Every function takes its
 * randomness as an argument (a seeded Random from ./random), so a sampled sequence can be
 * replayed exactly and a test can count thousands of draws.
 */
import { softmax } from './activations';
import type { Random } from './random';

/** The index with the highest value; ties go to the first, as numpy's argmax does. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Draws index i with probability probs[i] / Σ probs (the inputs need not sum to exactly 1:
 * float32 softmax outputs rarely do). One uniform number, one pass.
 */
export function sampleFromProbs(probs: ArrayLike<number>, random: Random): number {
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    if (!(probs[i] >= 0)) throw new Error(`Probabilities must be non-negative numbers; entry ${i} is ${probs[i]}.`);
    total += probs[i];
  }
  if (!(total > 0)) throw new Error('Cannot sample from a distribution whose entries are all zero.');
  let threshold = random() * total;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] === 0) continue;
    last = i;
    threshold -= probs[i];
    if (threshold < 0) return i;
  }
  // Rounding can leave a sliver of threshold; it belongs to the last character that could be drawn.
  return last;
}

/**
 * The source's choose_top_n: keep the n most likely entries, zero the rest, renormalise. Ties at
 * the cut are broken by index so exactly n entries survive.
 */
export function topN(probs: ArrayLike<number>, n: number): Float32Array {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Top-N needs a whole number N ≥ 1, got ${n}.`);
  const keep = Array.from({ length: probs.length }, (_, i) => i)
    .sort((a, b) => probs[b] - probs[a] || a - b)
    .slice(0, n);
  const out = new Float32Array(probs.length);
  let total = 0;
  for (const i of keep) total += probs[i];
  for (const i of keep) out[i] = total > 0 ? probs[i] / total : 1 / keep.length;
  return out;
}

/**
 * softmax(logits / T). T < 1 sharpens the distribution towards the argmax, T > 1 flattens it
 * towards uniform; T = 1 is the model's own distribution.
 */
export function withTemperature(logits: ArrayLike<number>, temperature: number): Float32Array {
  return softmax(logits, temperature);
}

export interface SamplingOptions {
  /** 'greedy' always takes the argmax; 'sample' draws from the (tempered, truncated) distribution. */
  mode: 'greedy' | 'sample';
  temperature: number;
  /** Keep only the N most likely characters; null keeps all. */
  topN: number | null;
}

export interface SampledChar {
  index: number;
  /** The distribution the character was drawn from, after temperature and top-N. */
  probs: Float32Array;
}

/** One step of generation: logits in, a character index and the distribution it came from out. */
// #region listing:choose-next
export function chooseNext(logits: ArrayLike<number>, options: SamplingOptions, random: Random): SampledChar {
  const tempered = withTemperature(logits, options.temperature); // softmax(logits / T)
  const probs = options.topN === null ? tempered : topN(tempered, Math.min(options.topN, tempered.length));
  return { index: options.mode === 'greedy' ? argmax(probs) : sampleFromProbs(probs, random), probs };
}
// #endregion
