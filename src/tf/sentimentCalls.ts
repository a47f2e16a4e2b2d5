/**
 * The calls of the sentiment worker (sentiment.worker.ts): a model whose first layer is an
 * Embedding, trained with the sparse embedding step (trainLoop.ts), saved to IndexedDB, and
 * exported or imported as tfjs model files. Chapters 04, 07, 08, 11, 12 and 13 share it.
 */
import type { ModelSpec } from '../engine/spec';
import type { BuiltModel } from './modelSession';
import type { IdData, TrainProgress, TrainRunOptions, TrainRunResult } from './trainLoop';
import type { BackendName, CompileOptions, NamedWeight } from './types';

export type SentimentBuilt = BuiltModel & { backend: BackendName };

export type SentimentCalls = {
  /** Builds a fresh model (or one holding `weights`). */
  build: { args: { spec: ModelSpec; compile: CompileOptions; weights?: NamedWeight[] }; result: SentimentBuilt };
  /** Trains the built model; progress after every batch; the worker's cancel ends it after the batch. */
  train: {
    args: { train: IdData; validation: IdData | null; options: Omit<TrainRunOptions, 'onProgress' | 'shouldStop'> };
    result: TrainRunResult & { weights: NamedWeight[] };
    progress: TrainProgress;
  };
  /** Model outputs for ids [n, maxlen], flat [n, outputs]. */
  predict: { args: { ids: Int32Array; n: number }; result: Float32Array };
  /** Stores the model in IndexedDB at tfjsModelUrl(key). */
  save: { args: { key: string }; result: null };
  /** Rebuilds the stored model for `spec`; null when nothing is stored under the key. */
  restore: { args: { key: string; spec: ModelSpec; compile: CompileOptions }; result: SentimentBuilt | null };
  forget: { args: { key: string }; result: null };
  /** model.json text (with `metadata` as userDefinedMetadata) and the weights file's bytes. */
  exportModel: { args: { metadata: object; weightsFile: string }; result: { modelJson: string; weights: ArrayBuffer } };
  /** A model from model.json text and its weight files' bytes (in the manifest's order, joined). */
  importModel: { args: { modelJson: string; weights: ArrayBuffer; compile: CompileOptions }; result: SentimentBuilt & { spec: ModelSpec; metadata: unknown } };
};
