/**
 * Recipe 3's whole preprocessing pipeline in one place: the reader's documents and one-word
 * labels become word counts, ids, encoded and padded sequences, and one-hot targets. Every
 * stage is returned, because the chapter shows every stage.
 */
import { BookError } from './errors';
import { type Vocabulary, buildVocabulary, encode, padSequences, toCategorical } from './text';

export interface ToyCorpus {
  vocab: Vocabulary;
  encodedDocs: number[][];
  encodedLabels: number[][];
  padded: number[][];
  oneHot: number[][];
  /** Vocabulary size + 1: id 0 is padding, so it is a class too, as in the source. */
  numClasses: number;
  maxlen: number;
}

export interface ToyCorpusOptions {
  padding?: 'pre' | 'post';
  maxlen?: number;
}

export const TOY_DOCS = ['this, is', 'is an'];
export const TOY_LABELS = ['an', 'example'];

export function prepareToyCorpus(docs: string[], labels: string[], { padding = 'pre', maxlen }: ToyCorpusOptions = {}): ToyCorpus {
  if (docs.length === 0) throw new BookError('toy.noDocs', 'Write at least one document.');
  if (docs.length !== labels.length) {
    throw new BookError('toy.labelCount', `Each document needs one label: there are ${docs.length} documents and ${labels.length} labels.`, { docs: docs.length, labels: labels.length });
  }
  // The source counts the labels' words too, so every label word gets an id the model can predict.
  const vocab = buildVocabulary([...docs, ...labels]);
  const encodedDocs = docs.map((d) => encode(d, vocab));
  const encodedLabels = labels.map((l) => encode(l, vocab));
  encodedLabels.forEach((ids, i) => {
    if (ids.length !== 1) throw new BookError('toy.labelWords', `Label ${i + 1} ("${labels[i]}") must be exactly one word; it has ${ids.length}.`, { n: i + 1, label: labels[i], words: ids.length });
  });
  const emptyDoc = encodedDocs.findIndex((ids) => ids.length === 0);
  if (emptyDoc >= 0) throw new BookError('toy.emptyDoc', `Document ${emptyDoc + 1} has no words left once punctuation is stripped.`, { n: emptyDoc + 1 });
  const padded = padSequences(encodedDocs, { maxlen, padding });
  const numClasses = vocab.wordIndex.size + 1;
  return {
    vocab,
    encodedDocs,
    encodedLabels,
    padded,
    oneHot: toCategorical(encodedLabels.map((ids) => ids[0]), numClasses),
    numClasses,
    maxlen: padded[0].length,
  };
}
