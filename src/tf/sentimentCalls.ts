/**
 * The calls of the sentiment worker (sentiment.worker.ts) and the plain data they exchange. The
 * worker holds one trainable model per name ("lab" for a chapter's trainer; "simpleRNN", "lstm"
 * and "gru" for the comparison), each a TrainingSession trained by the one loop (src/tf/training)
 * on the engine the probe measured fastest or the reader chose, checkpointed with Adam's state in
 * the one checkpoint store, and exported or imported as tfjs model files. Chapters 04, 07, 08,
 * 11, 12 and 13 share it.
 */
import type { TensorValues } from '../engine/notebook/writeNotebook';
import type { ModelSpec } from '../engine/spec';
import type { ModelForPython } from './notebookExport';
import type { EnginePreference, EngineReport, Position, StopReason, TrainProgress } from './training/types';
import type { TrainFailure } from './training/failure';
import type { BackendName, EpochLog, NamedWeight } from './types';

/** Labelled texts as word ids [n, maxlen] and one class id each: what the loop's batches are cut from. */
export interface SentimentExamples {
  ids: Int32Array;
  classes: Int32Array;
  n: number;
  maxlen: number;
  /** How many classes there are (the loss of guessing is ln of it). */
  classCount: number;
}

/** How a run trains; kept with the checkpoint, so a run resumed after a reload trains exactly as it would have. */
export interface SentimentRunConfig {
  /** The epoch the run goes to, counted over every run of this model. */
  epochs: number;
  batchSize: number;
  /** Adam's learning rate from this run on (a continued run may lower it, e.g. after going back from a divergence). */
  learningRate: number;
  /** Early stopping: epochs without a lower validation loss before stopping (0 = off). */
  patience: number;
  /** On an early stop, go back to the weights of the lowest validation loss. */
  restoreBest: boolean;
  /** Seeds the shuffle of each epoch. */
  seed: number;
}

/** After a run stopped on NaN or divergence (the one loop's failure type). */
export type SentimentFailure = TrainFailure;

export interface SentimentStop {
  reason: StopReason;
  /** The epoch whose weights the model holds after an early stop that went back to the best. */
  bestEpoch: number | null;
}

/** One model as the page sees it after any call that changes it. */
export interface SentimentModelStatus {
  /** The tfjs backend the model's tfjs copy lives on (predict, save, export). */
  backend: BackendName;
  /** Where training runs and why; null until the first run probes. */
  engine: EngineReport | null;
  spec: ModelSpec;
  learningRate: number;
  summary: string[];
  layerParams: { name: string; params: number }[];
  weights: NamedWeight[];
  /** Where the model is in its data, over every run, and the seconds of training so far. */
  position: Position;
  seconds: number;
  history: EpochLog[];
  /** How the last run trained and why it stopped (null before any run). */
  run: SentimentRunConfig | null;
  stop: SentimentStop | null;
  failure: SentimentFailure | null;
  /** When the checkpoint was last written (ISO), or null when this model has none. */
  savedAt: string | null;
}

/** Where a model's checkpoint goes, and what the page keeps beside its weights (vocabulary, classes…). */
export interface SentimentCheckpointTarget {
  name: string;
  meta: unknown;
}

export type SentimentCalls = {
  /** A fresh model (or one holding `weights`) under this name, replacing any before it. */
  build: { args: { model: string; spec: ModelSpec; learningRate: number; weights?: NamedWeight[] }; result: SentimentModelStatus };
  /**
   * Trains the model from where it is until `run.epochs`; progress after every batch; the
   * worker's cancel ends it after the batch. With a checkpoint target, a checkpoint after each
   * epoch and at the end.
   */
  train: {
    args: { model: string; train: SentimentExamples; validation: SentimentExamples | null; run: SentimentRunConfig; checkpoint: SentimentCheckpointTarget | null };
    result: SentimentModelStatus;
    progress: TrainProgress;
  };
  /** The reader's engine choice for this model's next run ('auto': the probe decides). */
  setEngine: { args: { model: string; preference: EnginePreference }; result: EngineReport | null };
  /** Times one training step of this model on every engine again, on the first batch of `sample`, `seconds` in all. */
  measureEngines: { args: { model: string; sample: SentimentExamples; batchSize: number; seconds: number }; result: EngineReport };
  /** After NaN or divergence: the weights, Adam's state and position of the last good step (saved again when a target is given). */
  restoreLastGood: { args: { model: string; checkpoint: SentimentCheckpointTarget | null }; result: SentimentModelStatus };
  /** Model outputs for ids [n, maxlen], flat [n, classes]. */
  predict: { args: { model: string; ids: Int32Array; n: number }; result: Float32Array };
  /** The weights and model.predict on one input, read together: a notebook's data. */
  forPython: { args: { model: string; input: TensorValues }; result: ModelForPython };
  /** Writes the model's checkpoint now (after an import). */
  save: { args: { model: string; checkpoint: SentimentCheckpointTarget }; result: { savedAt: string } };
  /** Rebuilds the model from its checkpoint, ready to continue; null when none is saved under the name. */
  restore: { args: { model: string; name: string }; result: (SentimentModelStatus & { meta: unknown }) | null };
  /** Deletes a checkpoint (and, when given, drops the model). */
  forget: { args: { name: string; model?: string }; result: null };
  /** model.json text (with `metadata` as userDefinedMetadata) and the weights file's bytes. */
  exportModel: { args: { model: string; metadata: object; weightsFile: string }; result: { modelJson: string; weights: ArrayBuffer } };
  /** A model from model.json text and its weight files' bytes (in the manifest's order, joined). */
  importModel: { args: { model: string; modelJson: string; weights: ArrayBuffer; learningRate: number }; result: SentimentModelStatus & { metadata: unknown } };
};
