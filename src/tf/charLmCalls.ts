/**
 * The calls of the character-model worker (charLm.worker.ts) and the plain data they exchange.
 * The worker owns the text, the model, its optimizer and its checkpoints; the page only sends
 * settings and receives numbers and strings.
 */
import type { TraceStep } from '../engine/cellTrace';
import type { ModelSpec } from '../engine/spec';
import type { ModelForPython } from './notebookExport';
import type { EnginePreference, EngineReport, TrainProgress } from './training/types';
import type { TrainFailure } from './training/failure';
import type { BackendName, NamedWeight } from './types';

/**
 * What the first layer reads. 'one-hot' is the source's recipe: each character a V-wide row (the
 * kernel never builds it: one row of the input kernel is gathered). 'embedding' learns a
 * 64-number vector per character instead. 'auto' picks one-hot up to EMBEDDING_ABOVE distinct
 * characters and an Embedding above (chapter 17 explains why).
 */
export type CharInput = 'auto' | 'one-hot' | 'embedding';

/**
 * Above this many distinct characters 'auto' reads an Embedding. The one-hot input's kernel is
 * V × 4u (for LSTM(128): 512 numbers per character, all updated by Adam every step); an Embedding
 * of 64 is V × 64 + 64 × 4u. At V = 83 (Moby-Dick) both are small and one-hot keeps the source's
 * model; at V = 5,000 (Chinese) the one-hot kernel alone is 2.6 M weights and dominates the step.
 */
export const EMBEDDING_ABOVE = 256;
export const EMBEDDING_DIM = 64;

export interface CharLmConfig {
  layers: number;
  units: number;
  /** N: sequences per batch. */
  batchSize: number;
  /** M: characters per sequence window. */
  numSteps: number;
  /** Fraction of each LSTM's outputs dropped while training (the source's keep_prob 0.5 is 0.5 here). */
  dropout: number;
  learningRate: number;
  /** Clip the gradients' global norm to this (the source uses 5). */
  clipNorm: number;
  /** What the first layer reads; absent means 'auto'. */
  input?: CharInput;
}

/**
 * Learning rate 0.01, ten times the source's. Chosen on 25 November 2026 (commit ce8e0a9) from one
 * run per rate of this trainer in node on the tfjs wasm backend, everything else as below: the
 * held-out loss after 300 steps was 2.03 nats/char at 0.01 and 2.21 at 0.005, while 0.001–0.002 stayed
 * on the early plateau far longer. Single runs, not repeated since; the live figure is the chapter's loss
 * curve, and `npm run bench` measures it as charlm_val_nats_at_180s.
 */
export const BROWSER_CONFIG: CharLmConfig = { layers: 1, units: 128, batchSize: 32, numSteps: 50, dropout: 0, learningRate: 0.01, clipNorm: 5 };
export const BOOK_CONFIG: CharLmConfig = { layers: 2, units: 512, batchSize: 100, numSteps: 100, dropout: 0.5, learningRate: 0.001, clipNorm: 5 };

export type TextSource = { kind: 'moby-dick'; url: string } | { kind: 'own'; name: string; text: string };

export interface HistoryPoint {
  step: number;
  /** Training loss of this batch, nats per character. */
  loss: number;
  /** Held-out loss, nats per character, on the steps where it was measured. */
  valLoss?: number;
  /** Seconds of training so far (across sessions). */
  seconds: number;
}

export interface SampleLog {
  step: number;
  text: string;
}

export interface CorpusInfo {
  name: string;
  characters: number;
  vocabulary: string[];
  trainCharacters: number;
  validationCharacters: number;
  first200: string;
}

export interface TrainerStatus {
  /** The tfjs backend of the model the book reads (summary, save, notebook). */
  backend: BackendName;
  /** Where training runs and why; null until the first run probes. */
  engine: EngineReport | null;
  /** What the first layer reads for this text (auto resolved). */
  input: 'one-hot' | 'embedding';
  /** After a run stopped on NaN or divergence: why, and the step it can go back to. */
  failure: TrainFailure | null;
  corpus: CorpusInfo;
  config: CharLmConfig;
  params: number;
  step: number;
  history: HistoryPoint[];
  samples: SampleLog[];
  /** True when this state came from a saved checkpoint. */
  resumed: boolean;
}

/** The one loop's progress (src/tf/training), with a sample every sampleEvery steps. */
export type { TrainProgress };

export interface GenerateArgs {
  prime: string;
  length: number;
  topN: number | null;
  temperature: number;
  seed: number;
  greedy?: boolean;
}

export interface GeneratedChar {
  char: string;
  /** Probability of the chosen character under the distribution it was drawn from. */
  p: number;
  /** The top candidates of that distribution, most likely first. */
  top: { char: string; p: number }[];
}

/** Hidden and cell values of every layer at every character: values[t][unit]. */
export interface UnitTrace {
  text: string;
  layers: { h: Float32Array[]; c: Float32Array[] }[];
}

/** One step of the first LSTM layer at one character, every wire of the cell diagram (see firstLayerStep). */
export interface CharCellStep {
  /** The character's index in the text (clamped into it). */
  at: number;
  char: string;
  /** Its id in the vocabulary: where a one-hot x has its 1. */
  id: number;
  /** What the layer reads: the character's one-hot row, or its embedding. */
  input: 'one-hot' | 'embedding';
  units: number;
  step: TraceStep;
}

export interface ModelInfo {
  source: 'trained' | 'imported';
  name: string;
  vocabulary: string[];
  layers: { units: number; recurrentActivation: string }[];
  inputLayout: 'one-hot' | 'embedding';
  /** Fixed input length of a window model, null when it reads any length. */
  window: number | null;
}

export type CharLmCalls = {
  load: { args: { source: TextSource; config: CharLmConfig; storageKey: string; resume: boolean }; result: TrainerStatus; progress: { loaded: number; total: number } };
  train: {
    args: { maxSteps: number; timeLimitMs?: number | null; sampleEvery: number; evalEvery: number; checkpointEvery: number; prime: string };
    result: TrainerStatus;
    progress: TrainProgress;
  };
  /** The reader's engine choice for the next run ('auto': measured). */
  setEngine: { args: { preference: EnginePreference }; result: TrainerStatus | null };
  /** Times one training step on every engine again, `seconds` in all, and chooses anew. */
  measureEngines: { args: { seconds: number }; result: TrainerStatus };
  /** After NaN or divergence: back to the last good step's weights and optimizer state. */
  restoreLastGood: { args: null; result: TrainerStatus };
  /** The model in use: its spec, weights in tfjs order and vocabulary (e.g. for the cell diagram). */
  weights: { args: null; result: { spec: ModelSpec; weights: NamedWeight[]; vocabulary: string[]; source: 'trained' | 'imported' } | null };
  generate: { args: GenerateArgs; result: { chars: GeneratedChar[]; trace: UnitTrace } };
  trace: { args: { text: string }; result: UnitTrace };
  /** The first LSTM layer's step at character `at` of `text`, for the cell diagram. */
  cellStep: { args: { text: string; at: number }; result: CharCellStep | null };
  clearCheckpoint: { args: { storageKey: string }; result: null };
  importModel: {
    args: { modelJson: string; weightFiles: { name: string; data: ArrayBuffer }[]; chars: string };
    result: ModelInfo;
  };
  useTrained: { args: null; result: ModelInfo | null };
  /** The model in use (trained or imported): its spec, weights and model.predict on `prime`, for a notebook. */
  forPython: {
    args: { prime: string };
    result: ModelForPython & { spec: ModelSpec; vocabulary: string[]; text: string; trained: boolean; step: number };
  };
  compareWithFit: { args: { batches: number }; result: { loopCharsPerSecond: number; fitCharsPerSecond: number; batches: number; engine: string; fitBackend: string } };
};
