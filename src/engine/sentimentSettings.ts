/**
 * The sentiment lab's choices — preprocessing and model settings — their defaults and limits, the
 * check that turns saved or chapter-given values into valid ones, and the dataset the choices
 * give for a set of labelled texts. Pure: the store (src/state/sentimentStore.ts) holds them.
 */
import { type LabelledTexts, STOP_WORDS } from './labelledTexts';
import { choice, flag, linkSchema, number } from './linkSchema';
import type { SentimentCell } from './sentimentModels';
import { type SentimentDataset, prepareSentiment } from './sentimentPreprocess';

export interface PrepSettings {
  /** 0 = keep every word. */
  numWords: number;
  /** 0 = the longest text. */
  maxlen: number;
  padding: 'pre' | 'post';
}

export interface ModelSettings {
  cell: SentimentCell;
  embeddingDim: number;
  units: number;
  layers: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Early stopping patience in epochs; 0 = off. */
  patience: number;
  /** Dropout rate after each recurrent layer (recipe 12); 0 = none. */
  dropout: number;
  /** Each recurrent layer wrapped in Bidirectional (recipe 13). */
  bidirectional: boolean;
}

/** What a chapter passes to its <SentimentLab>. */
export interface SentimentLabDefaults {
  settings?: Partial<ModelSettings>;
  prep?: Partial<PrepSettings>;
}

export const DEFAULT_PREP: PrepSettings = { numWords: 0, maxlen: 0, padding: 'post' };
export const DEFAULT_SETTINGS: ModelSettings = { cell: 'simpleRNN', embeddingDim: 32, units: 40, layers: 1, epochs: 10, batchSize: 32, learningRate: 0.005, patience: 3, dropout: 0, bidirectional: false };
export const SENTIMENT_LIMITS = { units: [2, 256], embeddingDim: [2, 128], layers: [1, 3], epochs: [1, 200], batchSize: [4, 512], learningRate: [1e-5, 10], patience: [0, 50], dropout: [0, 0.9], numWords: [0, 50000], maxlen: [0, 500] } as const;

/**
 * The trainer's settings as a link: the chosen model (cell, sizes, stacking, dropout, direction)
 * and its hyperparameters. Trained weights do not travel in a link; the export does that.
 */
export const SENTIMENT_SETTINGS_LINK = linkSchema<ModelSettings>(1, {
  cell: choice(['simpleRNN', 'lstm', 'gru'] as const),
  embeddingDim: number(...SENTIMENT_LIMITS.embeddingDim, { integer: true }),
  units: number(...SENTIMENT_LIMITS.units, { integer: true }),
  layers: number(...SENTIMENT_LIMITS.layers, { integer: true }),
  epochs: number(...SENTIMENT_LIMITS.epochs, { integer: true }),
  batchSize: number(...SENTIMENT_LIMITS.batchSize, { integer: true }),
  learningRate: number(...SENTIMENT_LIMITS.learningRate),
  patience: number(...SENTIMENT_LIMITS.patience, { integer: true }),
  dropout: number(...SENTIMENT_LIMITS.dropout),
  bidirectional: flag(),
});

/** The data widget's preprocessing choices as a link. A CSV of the reader's own never goes into one. */
export const SENTIMENT_PREP_LINK = linkSchema<PrepSettings>(1, {
  numWords: number(...SENTIMENT_LIMITS.numWords, { integer: true }),
  maxlen: number(...SENTIMENT_LIMITS.maxlen, { integer: true }),
  padding: choice(['pre', 'post'] as const),
});

const clampTo = (value: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, value));

/** Saved or given settings, field by field: anything missing or invalid takes the default, numbers are clamped. */
export function cleanSettings(s: Partial<ModelSettings> | undefined): ModelSettings {
  const out = { ...DEFAULT_SETTINGS };
  if (!s || typeof s !== 'object') return out;
  if (s.cell === 'simpleRNN' || s.cell === 'lstm' || s.cell === 'gru') out.cell = s.cell;
  if (typeof s.bidirectional === 'boolean') out.bidirectional = s.bidirectional;
  for (const key of ['embeddingDim', 'units', 'layers', 'epochs', 'batchSize', 'learningRate', 'patience', 'dropout'] as const) {
    const v = s[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = clampTo(v, SENTIMENT_LIMITS[key]);
  }
  return out;
}

export function cleanPrep(p: Partial<PrepSettings> | undefined): PrepSettings {
  const out = { ...DEFAULT_PREP };
  if (!p || typeof p !== 'object') return out;
  if (p.padding === 'pre' || p.padding === 'post') out.padding = p.padding;
  if (typeof p.numWords === 'number' && Number.isInteger(p.numWords) && p.numWords >= 0) out.numWords = p.numWords === 1 ? 0 : p.numWords;
  if (typeof p.maxlen === 'number' && Number.isInteger(p.maxlen) && p.maxlen >= 0) out.maxlen = p.maxlen;
  return out;
}

/** The dataset the lab trains on: the texts cleaned of stop words, tokenized, capped and padded as chosen. */
export function datasetOf(texts: LabelledTexts, prep: PrepSettings): SentimentDataset {
  return prepareSentiment(texts.texts, texts.labels, {
    stopWords: STOP_WORDS,
    numWords: prep.numWords >= 2 ? prep.numWords : undefined,
    maxlen: prep.maxlen > 0 ? prep.maxlen : undefined,
    padding: prep.padding,
  });
}
