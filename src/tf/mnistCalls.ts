/**
 * The calls of the MNIST worker (mnist.worker.ts) and the plain data they exchange. The worker
 * owns the digits it trains on, the model and its optimizer; the page sends settings and pixels
 * and receives numbers and weights.
 */
import type { ModelForPython } from './notebookExport';
import type { EnginePreference, EngineReport, TrainProgress } from './training/types';
import type { TrainFailure } from './training/failure';
import type { BackendName, NamedWeight } from './types';

export interface MnistConfig {
  /** Hidden units of the LSTM (the source: 128). */
  units: number;
  batchSize: number;
  learningRate: number;
}

/** The source's settings: 128 units, batches of 128, Adam at 0.001. */
export const MNIST_BOOK_CONFIG: MnistConfig = { units: 128, batchSize: 128, learningRate: 0.001 };
/** Smaller and faster to learn on a laptop CPU; see the chapter for the measured difference. */
export const MNIST_BROWSER_CONFIG: MnistConfig = { units: 32, batchSize: 32, learningRate: 0.008 };

export interface MnistHistoryPoint {
  /** Batches trained so far (across sessions). */
  step: number;
  /** Cross-entropy of this batch, nats. */
  loss: number;
  /** Share of this batch classified right. */
  accuracy: number;
  /** Seconds spent training so far, evaluation excluded. */
  seconds: number;
}

export interface MnistEvaluation {
  step: number;
  seconds: number;
  /** Share of the held-out digits classified right. */
  accuracy: number;
  loss: number;
}

export interface MnistStatus {
  backend: BackendName;
  /** Where training runs and why; null until the first run probes. */
  engine: EngineReport | null;
  /** After a run stopped on NaN or divergence: why, and the step it can go back to. */
  failure: TrainFailure | null;
  config: MnistConfig;
  params: number;
  /** Per-layer counts and summary() lines of the built tfjs model, to set beside our arithmetic. */
  layerParams: { name: string; params: number }[];
  summary: string[];
  step: number;
  seconds: number;
  history: MnistHistoryPoint[];
  evaluations: MnistEvaluation[];
  /** True when the weights came from this browser's saved copy. */
  resumed: boolean;
  /** Digits loaded for training and evaluation; 0 until the first training run fetches them. */
  trainCount: number;
  testCount: number;
  /** Goes up whenever the weights change, so the page knows when to fetch them again. */
  weightsVersion: number;
}

/** The one loop's progress (src/tf/training); `validation` is set when the held-out digits were just evaluated. */
export type MnistTrainProgress = TrainProgress;

export interface MnistDataUrls {
  train: string;
  test: string;
}

export type MnistCalls = {
  /** Restores the saved model for this config, or builds a fresh one. Loads no digits. */
  load: { args: { config: MnistConfig; resume: boolean }; result: MnistStatus };
  /** Fetches the training and held-out digits (once). */
  loadData: { args: MnistDataUrls; result: MnistStatus; progress: { loaded: number; total: number } };
  /** Trains until cancelled or until the time limit; evaluates every evalEverySeconds of training. */
  train: { args: { evalEverySeconds: number; timeLimitSeconds: number | null }; result: MnistStatus; progress: MnistTrainProgress };
  /** model.predict on one digit: ten probabilities. */
  predict: { args: { pixels: Float32Array }; result: { probabilities: Float32Array } };
  /** The model's weights and model.predict on one digit, with how long it has trained: a notebook's data. */
  forPython: { args: { pixels: Float32Array }; result: ModelForPython & { step: number; seconds: number } };
  weights: { args: null; result: { weights: NamedWeight[]; version: number } };
  setEngine: { args: { preference: EnginePreference }; result: MnistStatus | null };
  /** Times one training step on every engine again, `seconds` in all, and chooses anew (digits must be loaded). */
  measureEngines: { args: { seconds: number }; result: MnistStatus };
  restoreLastGood: { args: null; result: MnistStatus };
  /** Forgets the saved model and starts again from random weights. */
  reset: { args: { config: MnistConfig }; result: MnistStatus };
};
