/**
 * Text to training batches for a character model, as the source builds them: characters to ids,
 * the id array cut to a whole number of batches and reshaped into N rows (one long sequence per
 * row, N × (M·K)), then read M columns at a time. Row r of consecutive batches continues the same
 * stretch of text, which is what lets a model carry its state from one batch to the next.
 */

export interface CharVocabulary {
  /** chars[id] is the character with that id. */
  chars: string[];
  index: Map<string, number>;
}

/** Every distinct character, sorted by code point so the ids do not depend on a set's order. */
export function buildCharVocabulary(text: string): CharVocabulary {
  const chars = [...new Set(text)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return vocabularyOf(chars);
}

export function vocabularyOf(chars: string[]): CharVocabulary {
  const index = new Map(chars.map((c, i) => [c, i]));
  if (index.size !== chars.length) throw new Error('A character list must not repeat a character.');
  return { chars, index };
}

export function encodeChars(text: string, vocab: CharVocabulary): Int32Array {
  const ids = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const id = vocab.index.get(text[i]);
    if (id === undefined) throw new Error(`The character ${JSON.stringify(text[i])} (position ${i}) is not in the vocabulary.`);
    ids[i] = id;
  }
  return ids;
}

export function decodeChars(ids: ArrayLike<number>, vocab: CharVocabulary): string {
  return Array.from(ids, (id) => vocab.chars[id] ?? '\uFFFD').join('');
}

/**
 * How the last target of each window is found.
 * 'source': the source's rule, y[:, :-1] = x[:, 1:] and y[:, -1] = x[:, 0]: the last target wraps
 *   round to the window's own first input, a character that does not follow it in the text.
 * 'next': every target is the character that really comes next in the text; one character is
 *   held back at the end so the very last input has a successor too.
 */
export type TargetWrap = 'source' | 'next';

export interface BatchLayout {
  numSeqs: number;
  numSteps: number;
  /** K, the number of whole batches. */
  numBatches: number;
  /** Characters per row of the reshaped grid: M·K. */
  rowLength: number;
  /** Characters left off the end so the grid is whole. */
  dropped: number;
}

export function batchLayout(length: number, numSeqs: number, numSteps: number, wrap: TargetWrap): BatchLayout {
  if (!Number.isInteger(numSeqs) || numSeqs < 1 || !Number.isInteger(numSteps) || numSteps < 1) {
    throw new Error(`N and M must be whole numbers ≥ 1 (got N = ${numSeqs}, M = ${numSteps}).`);
  }
  const usable = wrap === 'next' ? length - 1 : length;
  const numBatches = Math.max(0, Math.floor(usable / (numSeqs * numSteps)));
  const kept = numBatches * numSeqs * numSteps;
  return { numSeqs, numSteps, numBatches, rowLength: numBatches * numSteps, dropped: length - kept };
}

/** The N × (M·K) grid as rows of ids: row r is the text from r·M·K to (r+1)·M·K − 1. */
export function reshapeRows(ids: ArrayLike<number>, layout: BatchLayout): Int32Array[] {
  return Array.from({ length: layout.numSeqs }, (_, r) => Int32Array.from({ length: layout.rowLength }, (_, c) => ids[r * layout.rowLength + c]));
}

export interface CharBatch {
  /** Which batch, 0 … K−1; its window covers grid columns k·M … k·M + M − 1. */
  k: number;
  /** N rows of M input ids. */
  x: Int32Array[];
  /** N rows of M target ids. */
  y: Int32Array[];
}

/** Batch k of the grid, with its targets by the chosen rule. */
export function charBatch(ids: ArrayLike<number>, layout: BatchLayout, k: number, wrap: TargetWrap): CharBatch {
  if (k < 0 || k >= layout.numBatches) throw new Error(`Batch ${k} does not exist; there are ${layout.numBatches}.`);
  const { numSeqs, numSteps, rowLength } = layout;
  const x: Int32Array[] = [];
  const y: Int32Array[] = [];
  for (let r = 0; r < numSeqs; r++) {
    const start = r * rowLength + k * numSteps;
    const xr = Int32Array.from({ length: numSteps }, (_, j) => ids[start + j]);
    // #region listing:window-targets
    // 'source': y[:, :-1] = x[:, 1:] and y[:, -1] = x[:, 0], the window's first input as its last target.
    // 'next': every target is the character that really follows its input in the text.
    const yr =
      wrap === 'source'
        ? Int32Array.from({ length: numSteps }, (_, j) => (j < numSteps - 1 ? xr[j + 1] : xr[0]))
        : Int32Array.from({ length: numSteps }, (_, j) => ids[start + j + 1]);
    // #endregion
    x.push(xr);
    y.push(yr);
  }
  return { k, x, y };
}

/** All batches in order, like the source's generator. */
export function* characterBatches(ids: ArrayLike<number>, numSeqs: number, numSteps: number, wrap: TargetWrap = 'source'): Generator<CharBatch> {
  const layout = batchLayout(ids.length, numSeqs, numSteps, wrap);
  for (let k = 0; k < layout.numBatches; k++) yield charBatch(ids, layout, k, wrap);
}
