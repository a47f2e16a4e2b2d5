/**
 * The book's metadata inside an exported sentiment model.json (userDefinedMetadata.unrolled),
 * checked against the layers it came with: words are matched to the Embedding's ids, classes to
 * the output units, and texts padded to the input length. A file whose metadata does not fit is
 * refused here, with a coded reason, before it replaces the reader's model — not later, in a
 * widget that indexes past the end of a table.
 */
import { BookError } from './errors';
import type { ModelSpec } from './spec';

export interface SentimentModelMeta {
  /** Words by id: vocabWords[i] has id i + 1. */
  vocabWords: string[];
  numWords: number | undefined;
  classes: string[];
  maxlen: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
  datasetName: string;
}

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export function readSentimentModelMeta(metadata: unknown, spec: ModelSpec): SentimentModelMeta {
  const embedding = spec.layers[0];
  if (embedding?.kind !== 'embedding') throw new BookError('modelFiles.noEmbedding', 'The imported model does not start with an Embedding layer, so it cannot read word ids.');
  const meta = (metadata as { unrolled?: Record<string, unknown> } | null)?.unrolled;
  if (!meta || typeof meta !== 'object' || !isStrings(meta.vocabWords) || !isStrings(meta.classes)) {
    throw new BookError('modelFiles.noVocabulary', 'The model has no vocabulary in its metadata (it was not exported by this book), so its word ids cannot be matched to words.');
  }
  const words = meta.vocabWords.length;
  const last = embedding.inputDim - 1;
  if (words > last) {
    throw new BookError('modelFiles.vocabularyTooLong', `The vocabulary in the metadata has ${words} words, but the model’s Embedding layer reads only ids 1 to ${last}.`, { words, last });
  }
  const head = spec.layers[spec.layers.length - 1];
  const units = head?.kind === 'dense' ? head.units : 0;
  if (meta.classes.length !== units) {
    throw new BookError('modelFiles.classesMismatch', `The metadata names ${meta.classes.length} classes, but the model’s output layer has ${units} units.`, { classes: meta.classes.length, units });
  }
  const maxlen = spec.inputShape[0] ?? meta.maxlen;
  if (typeof maxlen !== 'number' || !Number.isInteger(maxlen) || maxlen < 1) {
    throw new BookError('modelFiles.noMaxlen', 'The model does not say how many words it reads per text (a fixed input length or a whole-number "maxlen" in its metadata).');
  }
  return {
    vocabWords: meta.vocabWords,
    numWords: Number.isInteger(meta.numWords) ? (meta.numWords as number) : undefined,
    classes: meta.classes,
    maxlen,
    padding: meta.padding === 'pre' ? 'pre' : 'post',
    truncating: meta.truncating === 'pre' ? 'pre' : 'post',
    datasetName: typeof meta.datasetName === 'string' ? meta.datasetName : 'imported',
  };
}
