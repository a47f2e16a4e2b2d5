/**
 * What the sentiment lab knows about a model besides the worker's tfjs copy: the trained model
 * with everything it needs to read new text, why training stopped, the live curve's points, and
 * the compile options the lab's settings give.
 */
import type { ModelSettings } from '../engine/sentimentSettings';
import type { ModelSpec } from '../engine/spec';
import type { StopReason } from '../tf/trainLoop';
import type { CompileOptions, NamedWeight } from '../tf/types';

/** A trained (or restored, or imported) model and what it needs to read new text. */
export interface TrainedModel {
  spec: ModelSpec;
  weights: NamedWeight[];
  /** Words by id: vocabWords[i] has id i + 1. */
  vocabWords: string[];
  numWords: number | undefined;
  classes: string[];
  maxlen: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
  datasetName: string;
  summary: string[];
  layerParams: { name: string; params: number }[];
}

export interface StopInfo {
  reason: StopReason;
  epoch?: number;
  batch?: number;
  loss?: number;
  bestEpoch?: number | null;
}

/** A point of the live curve: running training figures at a fractional epoch. */
export interface LivePoint {
  x: number;
  loss: number;
  accuracy: number;
}

export const compileOf = (settings: Pick<ModelSettings, 'learningRate'>): CompileOptions => ({
  optimizer: 'adam',
  learningRate: settings.learningRate,
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
});

/** The model without what the worker rebuilds (weights, summary, per-layer counts): what is saved beside it. */
export function withoutWeights(model: TrainedModel): Omit<TrainedModel, 'weights' | 'summary' | 'layerParams'> {
  const { weights: _w, summary: _s, layerParams: _l, ...rest } = model;
  return rest;
}
