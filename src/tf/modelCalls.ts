/**
 * The calls of the general-purpose model worker (model.worker.ts, handlers in modelHandlers.ts)
 * and the plain data they exchange. A worker either builds a model only to read it (`build`: the
 * summaries beside our arithmetic) or holds one small model the reader trains (`open`, `train`:
 * the toy RNN/LSTM of chapters 3 and 6, "hello" of chapter 15) in the book's one training loop.
 */
import type { TensorValues } from '../engine/notebook/writeNotebook';
import type { ModelSpec } from '../engine/spec';
import type { BuiltModel } from './modelSession';
import type { ModelForPython } from './notebookExport';
import type { ExampleSet } from './training/batches';
import type { TrainFailure } from './training/failure';
import type { EnginePreference, EngineReport, TrainProgress } from './training/types';
import type { BackendName, EpochLog, NamedWeight } from './types';

export interface OpenArgs {
  spec: ModelSpec;
  learningRate: number;
  /** The model's checkpoint name in the one store (e.g. "toy-rnn"). */
  checkpoint: string;
  /** What the weights belong to (spec and data): a checkpoint saved for another key is not resumed. */
  key: string;
  /** Start from fresh random weights even when a checkpoint for this key exists. */
  fresh: boolean;
}

export interface TrainArgs {
  data: ExampleSet;
  /** More epochs from where the model is, as a second model.fit(epochs=n) continues. */
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export interface TrainedStatus {
  /** The tfjs backend of the model the book reads (summary, predict, notebook). */
  backend: BackendName;
  /** Where training runs and why; null until the first run probes. */
  engine: EngineReport | null;
  failure: TrainFailure | null;
  summary: string[];
  layerParams: { name: string; params: number }[];
  weights: NamedWeight[];
  /** Every epoch trained so far, over every run (and every reload). */
  history: EpochLog[];
  step: number;
  /** True when the weights came from this browser's checkpoint. */
  resumed: boolean;
}

export type ModelCalls = {
  /** Builds a model to read (summary, counts, weights); nothing is trained. */
  build: { args: { spec: ModelSpec; weights?: NamedWeight[] }; result: BuiltModel & { backend: BackendName } };
  /** Opens the trainable model: its checkpoint when one is saved for this key, else fresh weights (saved at once). */
  open: { args: OpenArgs; result: TrainedStatus };
  train: { args: TrainArgs; result: TrainedStatus; progress: TrainProgress };
  /** The reader's engine choice for the next run ('auto': measured). */
  setEngine: { args: { preference: EnginePreference }; result: TrainedStatus | null };
  /** After NaN or divergence: back to the last good step's weights and Adam state (and saved). */
  restoreLastGood: { args: null; result: TrainedStatus };
  /** model.predict of the open (or built) model. */
  predict: { args: { x: Float32Array; shape: number[] }; result: { values: Float32Array; shape: number[] } };
  /** The model's weights and model.predict for `input`: what a notebook carries. */
  forPython: { args: { input: TensorValues }; result: ModelForPython };
};
