/**
 * Keras-style text preprocessing, from scratch: split text into words, count them, give the most
 * frequent word id 1, turn texts into id sequences, pad or truncate them to one length, and
 * one-hot the labels. Id 0 is never a word: padding owns it.
 */

/** The characters Keras' Tokenizer strips by default. */
export const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

export interface TokenizeOptions {
  lower?: boolean;
  filters?: string;
}

export interface VocabularyOptions extends TokenizeOptions {
  /** Keep only the numWords − 1 most frequent words when encoding, as Keras does. */
  numWords?: number;
  /** When set, this token takes id 1 and stands in for every word outside the vocabulary. */
  oovToken?: string;
}

export interface Vocabulary {
  /** [word, count] in the order words were first seen. */
  counts: [string, number][];
  /** word -> id, most frequent first, from 1. Ties keep first-seen order. */
  wordIndex: Map<string, number>;
  options: VocabularyOptions;
}

export function tokenize(text: string, { lower = true, filters = KERAS_FILTERS }: TokenizeOptions = {}): string[] {
  let s = lower ? text.toLowerCase() : text;
  for (const ch of filters) s = s.split(ch).join(' ');
  return s.split(' ').filter((w) => w.length > 0);
}

// #region listing:build-vocabulary
export function buildVocabulary(texts: string[], options: VocabularyOptions = {}): Vocabulary {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of tokenize(text, options)) counts.set(word, (counts.get(word) ?? 0) + 1);
  // Array.prototype.sort is stable, so equal counts keep the order in which words first appeared.
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  const ordered = options.oovToken ? [options.oovToken, ...byFrequency.filter((w) => w !== options.oovToken)] : byFrequency;
  return { counts: [...counts.entries()], wordIndex: new Map(ordered.map((w, i) => [w, i + 1])), options };
}
// #endregion

export function encode(text: string, vocab: Vocabulary): number[] {
  const { numWords, oovToken } = vocab.options;
  const oovId = oovToken ? vocab.wordIndex.get(oovToken) : undefined;
  const ids: number[] = [];
  for (const word of tokenize(text, vocab.options)) {
    const id = vocab.wordIndex.get(word);
    const known = id !== undefined && (numWords === undefined || id < numWords);
    if (known) ids.push(id);
    else if (oovId !== undefined) ids.push(oovId);
  }
  return ids;
}

export interface PadOptions {
  /** Defaults to the longest sequence. */
  maxlen?: number;
  padding?: 'pre' | 'post';
  truncating?: 'pre' | 'post';
  value?: number;
}

export function padSequences(
  sequences: number[][],
  { maxlen, padding = 'pre', truncating = 'pre', value = 0 }: PadOptions = {},
): number[][] {
  const length = maxlen ?? Math.max(0, ...sequences.map((s) => s.length));
  if (!Number.isInteger(length) || length < 0) throw new Error(`maxlen must be a whole number ≥ 0, got ${maxlen}.`);
  return sequences.map((seq) => {
    const kept = seq.length <= length ? seq : truncating === 'pre' ? seq.slice(seq.length - length) : seq.slice(0, length);
    const fill = new Array<number>(length - kept.length).fill(value);
    return padding === 'pre' ? [...fill, ...kept] : [...kept, ...fill];
  });
}

/** One row per label, with a 1 at the label's index: Keras' to_categorical. */
export function toCategorical(labels: number[], numClasses?: number): number[][] {
  const n = numClasses ?? Math.max(...labels) + 1;
  return labels.map((label) => {
    if (!Number.isInteger(label) || label < 0 || label >= n) {
      throw new Error(`Label ${label} does not fit ${n} classes (0 to ${n - 1}).`);
    }
    return Array.from({ length: n }, (_, i) => (i === label ? 1 : 0));
  });
}
