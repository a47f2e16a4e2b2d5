/**
 * Recipe 4's preprocessing for labelled sentences (tweets, reviews), from scratch:
 *
 *   1. lowercase; 2. keep only the letters a–z (everything else becomes a space);
 *   3. drop stop words; 4. number the words by frequency (most frequent = 1, 0 = padding),
 *   optionally keeping only the `numWords − 1` most frequent; 5. replace words by ids;
 *   6. pad ('post', as the recipe does) or truncate to one length (the longest by default);
 *   7. split into training and validation sets, shuffled with a fixed seed and stratified so
 *      both keep the classes' proportions; 8. a class id per text.
 *
 * Letters outside a–z: accented Latin letters are folded to their base letter first (café →
 * cafe, Québec → quebec), so a review keeps its words; every other script (Chinese, Cyrillic,
 * emoji) is removed like punctuation, as the recipe's rule does. Digits are removed too: the
 * recipe's (garbled) `[^0-9a-zA-Z]+` keeps them, so dropping them is this book's choice, stated
 * in chapter 4. A text with nothing left is dropped and counted, because a sequence of pure
 * padding carries no signal.
 *
 * The stop-word list is an argument, so this file stays free of npm packages; the widgets pass
 * the `stopword` package's English list.
 */
import { BookError } from './errors';
import type { Random } from './random';
import { seededRandom } from './random';
import { type Vocabulary, buildVocabulary, encode, padSequences } from './text';

/** Lowercase, fold accents, keep a–z, drop stop words: one cleaned, space-separated string. */
// #region listing:clean-text
export function cleanText(text: string, stopWords: ReadonlySet<string>): string {
  const folded = text.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
  return folded
    .replace(/[^a-z]+/g, ' ')
    .split(' ')
    .filter((w) => w.length > 0 && !stopWords.has(w))
    .join(' ');
}
// #endregion

export interface SentimentOptions {
  stopWords: readonly string[];
  /** Keras' num_words: keep ids 1 … numWords − 1 (the most frequent words). Default: every word. */
  numWords?: number;
  /** Sequence length; defaults to the longest cleaned text, as the recipe does. */
  maxlen?: number;
  padding?: 'pre' | 'post';
  truncating?: 'pre' | 'post';
  /** Share of each class held out for validation (the recipe's test_size=0.30). */
  validationFraction?: number;
  seed?: number;
}

export interface SentimentDataset {
  /** Label names in class-index order: class i is one-hot at position i. */
  classes: string[];
  /** The texts that survived cleaning, in input order, as given and as cleaned. */
  texts: string[];
  cleaned: string[];
  /** Class index of each kept text. */
  labels: number[];
  vocab: Vocabulary;
  /** Rows of the embedding table: the largest id + 1 (id 0 is padding). */
  vocabSize: number;
  maxlen: number;
  /** Encoded and padded ids, one row per kept text. */
  ids: number[][];
  /** Row indices into ids/labels: shuffled and stratified. */
  train: number[];
  validation: number[];
  /** Texts left with no word after cleaning (and left out). */
  dropped: number;
  options: Required<Omit<SentimentOptions, 'stopWords' | 'numWords' | 'maxlen'>> & Pick<SentimentOptions, 'numWords' | 'maxlen'>;
}

/** Distinct labels, sorted (numerically when every label is a number), so class order is stable. */
export function classesOf(labels: readonly string[]): string[] {
  const unique = [...new Set(labels)];
  const numeric = unique.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return unique.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Holds out round(n_c · fraction) of every class c, each class shuffled on its own, so a small
 * class is never missing from validation; both halves are shuffled again to mix the classes.
 */
export function stratifiedSplit(labels: readonly number[], fraction: number, random: Random): { train: number[]; validation: number[] } {
  if (!(fraction >= 0 && fraction < 1)) throw new Error(`The validation share must be in [0, 1), got ${fraction}.`);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  const train: number[] = [];
  const validation: number[] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = shuffleInPlace(byClass.get(label)!, random);
    const held = Math.round(rows.length * fraction);
    validation.push(...rows.slice(0, held));
    train.push(...rows.slice(held));
  }
  return { train: shuffleInPlace(train, random), validation: shuffleInPlace(validation, random) };
}

export function prepareSentiment(texts: readonly string[], labels: readonly string[], options: SentimentOptions): SentimentDataset {
  const { stopWords, numWords, maxlen, padding = 'post', truncating = 'post', validationFraction = 0.3, seed = 42 } = options;
  if (texts.length !== labels.length) throw new BookError('sentimentData.labelCount', `There are ${texts.length} texts but ${labels.length} labels.`, { texts: texts.length, labels: labels.length });
  if (texts.length === 0) throw new BookError('sentimentData.noTexts', 'There are no texts to learn from.');
  if (numWords !== undefined && !(Number.isInteger(numWords) && numWords >= 2)) throw new BookError('sentimentData.numWords', `num_words must be a whole number ≥ 2, got ${numWords}.`, { got: numWords });
  const stop = new Set(stopWords);
  const kept: { text: string; cleaned: string; label: string }[] = [];
  texts.forEach((text, i) => {
    const cleaned = cleanText(text, stop);
    if (cleaned.length > 0) kept.push({ text, cleaned, label: labels[i] });
  });
  if (kept.length === 0) throw new BookError('sentimentData.nothingLeft', 'No text has a word left after cleaning (only a–z letters are kept).');
  const classes = classesOf(kept.map((k) => k.label));
  if (classes.length < 2) throw new BookError('sentimentData.oneClass', `Every text has the same label ("${classes[0]}"); a classifier needs at least two classes.`, { label: classes[0] });
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const cleaned = kept.map((k) => k.cleaned);
  // Cleaned text holds only a–z and spaces, so no further filtering is needed when tokenizing.
  const vocab = buildVocabulary(cleaned, { filters: '', numWords });
  const encoded = cleaned.map((c) => encode(c, vocab));
  const ids = padSequences(encoded, { maxlen, padding, truncating });
  const labelIds = kept.map((k) => classIndex.get(k.label)!);
  const { train, validation } = stratifiedSplit(labelIds, validationFraction, seededRandom(seed));
  return {
    classes,
    texts: kept.map((k) => k.text),
    cleaned,
    labels: labelIds,
    vocab,
    vocabSize: numWords === undefined ? vocab.wordIndex.size + 1 : Math.min(numWords, vocab.wordIndex.size + 1),
    maxlen: ids[0].length,
    ids,
    train,
    validation,
    dropped: texts.length - kept.length,
    options: { numWords, maxlen, padding, truncating, validationFraction, seed },
  };
}

/** A new text in the dataset's vocabulary and length: what the Inspect widget feeds the model. */
export function encodeForModel(
  text: string,
  dataset: Pick<SentimentDataset, 'vocab' | 'maxlen'> & { options: Pick<SentimentDataset['options'], 'padding' | 'truncating'> },
  stopWords: ReadonlySet<string>): { cleaned: string; ids: number[]; padded: number[] } {
  const cleaned = cleanText(text, stopWords);
  const ids = encode(cleaned, dataset.vocab);
  const [padded] = padSequences([ids], { maxlen: dataset.maxlen, padding: dataset.options.padding, truncating: dataset.options.truncating });
  return { cleaned, ids, padded };
}

/** The rows `indices` as flat arrays: ids [n, maxlen] and one class id per row (what the training loop's batches are cut from). */
export function toTrainingArrays(dataset: Pick<SentimentDataset, 'ids' | 'labels' | 'maxlen' | 'classes'>, indices: readonly number[]) {
  const n = indices.length;
  const ids = new Int32Array(n * dataset.maxlen);
  indices.forEach((row, i) => ids.set(dataset.ids[row], i * dataset.maxlen));
  const classes = Int32Array.from(indices, (row) => dataset.labels[row]);
  return { ids, classes, n, maxlen: dataset.maxlen, classCount: dataset.classes.length };
}
