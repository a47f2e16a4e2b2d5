/**
 * Two ways to turn a sentence into numbers, side by side: a bag of words (one count per
 * vocabulary word, order thrown away) and the token-by-token inputs a recurrent layer reads
 * (order kept). "A is faster than B" and "B is faster than A" are the book's test case: the
 * first representation cannot tell them apart, the second can. The token vectors themselves come
 * from tokenVectors.ts.
 */
import { vocabularyOf } from './tokenVectors';

/** Every distinct token of the token lists, in the order it first appears. */
export const sharedVocabulary = (tokenLists: readonly (readonly string[])[]): string[] => vocabularyOf(tokenLists.flat());

/** How often each vocabulary word occurs in `tokens`; words outside the vocabulary are dropped. */
// #region listing:count-vector
export function countVector(tokens: readonly string[], vocabulary: readonly string[]): Float32Array {
  const index = new Map(vocabulary.map((word, i) => [word, i]));
  const counts = new Float32Array(vocabulary.length);
  // Where a word stood in the sentence is never looked at.
  for (const token of tokens) {
    const i = index.get(token);
    if (i !== undefined) counts[i] += 1;
  }
  return counts;
}
// #endregion

export interface BagsOfWords {
  vocabulary: string[];
  /** One count vector per token list, all over the same vocabulary. */
  vectors: Float32Array[];
}

/** Count vectors for several token lists over their shared vocabulary, so they can be compared. */
export function bagsOfWords(tokenLists: readonly (readonly string[])[]): BagsOfWords {
  const vocabulary = sharedVocabulary(tokenLists);
  return { vocabulary, vectors: tokenLists.map((tokens) => countVector(tokens, vocabulary)) };
}

/** Euclidean length of a − b. Exactly 0 only when every entry agrees. */
export function l2Distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Cannot compare vectors of lengths ${a.length} and ${b.length}.`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return Math.sqrt(sum);
}
