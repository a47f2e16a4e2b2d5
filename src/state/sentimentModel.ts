/**
 * What the sentiment widgets know about a model besides the worker's copy: the trained model with
 * everything it needs to read new text, what its checkpoint keeps beside the weights (and the
 * check that a restored one is usable), the data it was trained on, and the live curve's points.
 */
import type { SentimentDataset } from '../engine/sentimentPreprocess';
import { vocabWordsOf } from '../engine/sentimentVocabulary';
import type { ModelSpec } from '../engine/spec';
import type { SentimentModelStatus } from '../tf/sentimentCalls';
import type { NamedWeight } from '../tf/types';
import type { SentimentModelMeta } from '../engine/sentimentModelMeta';

/** A trained (or restored, or imported) model and what it needs to read new text. */
export interface TrainedModel extends SentimentModelMeta {
  spec: ModelSpec;
  weights: NamedWeight[];
  summary: string[];
  layerParams: { name: string; params: number }[];
}

/** The model without what the worker hands back (weights, summary, per-layer counts): what is saved beside it. */
export type ModelInfo = Omit<TrainedModel, 'weights' | 'summary' | 'layerParams'>;

/** The page's part of a sentiment checkpoint: the model's reading of text, and which data it trains on. */
export interface SavedModel {
  info: ModelInfo;
  /** dataKeyOf() of the data it was trained on: a run continues only on the same data. */
  dataKey: string;
}

/** A point of the live curve: running training figures at a fractional epoch. */
export interface LivePoint {
  x: number;
  loss: number;
  accuracy: number;
}

export function withoutWeights(model: TrainedModel): ModelInfo {
  const { weights: _w, summary: _s, layerParams: _l, ...rest } = model;
  return rest;
}

export function modelInfoOf(dataset: SentimentDataset, datasetName: string, spec: ModelSpec): ModelInfo {
  return {
    spec,
    vocabWords: vocabWordsOf(dataset),
    numWords: dataset.options.numWords,
    classes: dataset.classes,
    maxlen: dataset.maxlen,
    padding: dataset.options.padding,
    truncating: dataset.options.truncating,
    datasetName,
  };
}

/** Names the texts, their preprocessing and split: equal keys mean the very same examples. */
export function dataKeyOf(dataset: SentimentDataset, datasetName: string): string {
  const { options } = dataset;
  return JSON.stringify([datasetName, dataset.texts.length, dataset.vocabSize, dataset.maxlen, options.padding, options.truncating, options.numWords ?? 0, options.seed, dataset.train.length, dataset.validation.length]);
}

/** The worker's model with the page's info: the TrainedModel the widgets read. */
export const trainedModelOf = (info: ModelInfo, status: Pick<SentimentModelStatus, 'spec' | 'weights' | 'summary' | 'layerParams'>): TrainedModel => ({
  ...info,
  spec: status.spec,
  weights: status.weights,
  summary: status.summary,
  layerParams: status.layerParams,
});

/** A checkpoint's page part as read back from IndexedDB, which anyone on the page may have edited. */
export function isSavedModel(value: unknown): value is SavedModel {
  const v = value as SavedModel | null;
  const i = v?.info;
  return !!i && typeof v.dataKey === 'string' && !!i.spec && Array.isArray(i.spec.layers) && Array.isArray(i.vocabWords) && Array.isArray(i.classes) && Number.isInteger(i.maxlen);
}
