/**
 * The one training loop's plain-data types (loop.ts runs it): what a run is asked to do, what it
 * reports while it runs, why it stopped, and the engine a step runs on. Every model in the book —
 * the toy RNN/LSTM, hello, the sentiment classifiers, MNIST rows and the char-LM — trains through
 * the same loop with these types; only the batches and the engine differ.
 */
import type { KernelInput, KernelOptimizerState, KernelStates, KernelTarget } from '../../engine/train';
import type { EpochLog, NamedWeight } from '../types';

export type { EpochLog };

/**
 * Where a training step runs:
 *   kernel — the book's own from-scratch trainer (src/engine/train), in this worker;
 *   kernel-parallel — the same kernel with each batch shared among helper threads (parallelEngine.ts);
 *   tfjs-<backend> — tfjs' autodiff and Adam on that tfjs backend (the reference the kernel is tested against).
 */
export type EngineName = 'kernel' | 'kernel-parallel' | 'tfjs-wasm' | 'tfjs-webgl' | 'tfjs-webgpu' | 'tfjs-cpu';

export const ENGINES: EngineName[] = ['kernel', 'kernel-parallel', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu', 'tfjs-cpu'];

/** 'auto': the probe picks the fastest; otherwise the reader's choice. */
export type EnginePreference = 'auto' | EngineName;

/** A saved or linked preference that still names an engine (an old or edited one falls back). */
export const isEnginePreference = (v: unknown): v is EnginePreference => v === 'auto' || ENGINES.includes(v as EngineName);

/** Why an engine has no time in the probe, as a code the book words in each edition. */
export type EngineUnavailable = 'cannotTrain' | 'noWebgpu' | 'noAdapter' | 'softwareAdapter' | 'webgpuFailed' | 'notInBrowser' | 'oneCore' | 'failedToStart' | 'failed';

/** One engine's timing in the probe: ms per training step of the actual model, or why it could not run. */
export interface EngineTiming {
  engine: EngineName;
  msPerStep: number | null;
  /** Why there is no time. */
  reason?: EngineUnavailable;
  /** The technical detail behind the reason (the kernel's limits, tfjs' error), for a tooltip and logs. */
  note?: string;
}

export interface EngineReport {
  /** The engine training runs on. */
  engine: EngineName;
  /** How it was chosen. */
  chosenBy: 'probe' | 'reader' | 'only';
  /** The probe's measurements, fastest first (empty when nothing was probed). */
  timings: EngineTiming[];
}

/** One batch: the kernel's plain input and target forms serve both engines. */
export interface Batch {
  x: KernelInput;
  y: KernelTarget;
  /** Examples (rows of x) in this batch. */
  size: number;
  /** Characters, pixels rows…: what a throughput figure counts; defaults to size. */
  items?: number;
}

/**
 * Where a run's batches come from. batch(epoch, index) must be a pure function of its
 * arguments (seeded shuffles), so a resumed run sees exactly the batches the interrupted one would.
 */
export interface BatchSource {
  batchesPerEpoch: number;
  /** Carry recurrent states from batch to batch within an epoch (the char-LM); reset at each epoch. */
  stateful: boolean;
  batch(epoch: number, index: number): Batch;
}

/** What a training engine does; the kernel and tfjs implement it (kernelEngine.ts, tfjsEngine.ts). */
export interface TrainingEngine {
  readonly name: EngineName;
  trainBatch(batch: Batch): Promise<StepOutcome> | StepOutcome;
  /**
   * Resolves once the work of every step so far has finished. A GPU backend returns from a step
   * with the weight update still queued; timing a step honestly (the probe) waits for this too.
   */
  settle?(): Promise<void>;
  evaluate(batch: Batch): { loss: number; accuracy: number };
  getWeights(): NamedWeight[];
  setWeights(weights: NamedWeight[]): void;
  getOptimizerState(): KernelOptimizerState;
  setOptimizerState(state: KernelOptimizerState): void;
  setLearningRate(learningRate: number): void;
  getStates(): KernelStates | null;
  setStates(states: KernelStates | null): void;
  resetStates(): void;
  dispose(): void;
}

export interface StepOutcome {
  loss: number;
  accuracy: number;
  /** False when the loss or a gradient was NaN/Inf; the engine then left the weights as they were. */
  finite: boolean;
}

/** Where a run is in its data: the next batch to train is (epoch, batchInEpoch), both 0-based. */
export interface Position {
  /** Steps trained so far, over every run of this model. */
  step: number;
  epoch: number;
  batchInEpoch: number;
}

/** A model's whole training state: enough to continue exactly where it was. */
export interface TrainingSnapshot {
  weights: NamedWeight[];
  optimizer: KernelOptimizerState;
  states: KernelStates | null;
  position: Position;
  /** Seconds of training so far, over every run. */
  seconds: number;
}

export type StopReason = 'done' | 'cancelled' | 'earlyStopping' | 'nan' | 'diverged' | 'timeLimit' | 'stepLimit';

export interface Validation {
  loss: number;
  accuracy: number;
}

/** The one progress report every training widget reads, sent after every step. */
export interface TrainProgress {
  engine: EngineName;
  /** 1-based epoch (over every run) and how many this run may reach (null: no epoch budget). */
  epoch: number;
  epochs: number | null;
  /** Steps trained over every run; batches done in this epoch, and per epoch. */
  step: number;
  batchInEpoch: number;
  batchesPerEpoch: number;
  /** This batch. */
  loss: number;
  accuracy: number;
  /** Running means over this epoch's batches so far. */
  epochLoss: number;
  epochAccuracy: number;
  /** Seconds of training over every run (pauses excluded). */
  seconds: number;
  /** Time left until the first budget runs out (epochs, steps or time); null when unbounded. */
  etaMs: number | null;
  /** Time left to the end of this epoch, from the mean step time of this run. */
  epochEtaMs: number;
  /** Items (examples, characters) per second over the last few seconds of this run. */
  itemsPerSecond: number;
  /** Present on steps where the held-out data was evaluated. */
  validation?: Validation;
  /** Present when an epoch has just ended. */
  epochEnd?: EpochLog;
  /** Present when a checkpoint was written after this step. */
  checkpointed?: boolean;
  /** A generated sample (the char-LM), when one was made after this step. */
  sample?: { step: number; text: string };
  paused?: boolean;
}

export interface BadStep {
  step: number;
  epoch: number;
  loss: number;
}

export interface RunResult {
  stopReason: StopReason;
  history: EpochLog[];
  position: Position;
  seconds: number;
  /** When the model was put back to the weights of its best validation loss (early stopping): that epoch. */
  bestEpoch: number | null;
  /** For 'nan' and 'diverged': where the loss went bad, and why in words. */
  badStep?: BadStep;
  explanation?: string;
  /** The last step whose weights were still good, which the reader may go back to. */
  lastGoodStep: number | null;
}

/** Plain data sent to and from the worker: the loop's options without its callbacks. */
export interface RunBudget {
  /** Stop after this many more epochs, as Keras' fit(epochs=n) continues from where the model is (null: no epoch budget). */
  epochs?: number | null;
  /** Stop after this many more steps. */
  maxSteps?: number | null;
  /** Stop after this much more training time (ms, pauses excluded). */
  timeLimitMs?: number | null;
  /** Stop when the validation loss has not improved on this many evaluations in a row (0: never). */
  patience?: number;
  /** On an early stop, go back to the weights of the best validation loss. */
  restoreBest?: boolean;
  /** Evaluate on held-out data every this many steps (0 or absent: at each epoch end, unless evaluateEverySeconds). */
  evaluateEvery?: number;
  /** Or every this many seconds of training (counted over every run). */
  evaluateEverySeconds?: number;
  /** Also write a checkpoint after every evaluation. */
  checkpointOnValidation?: boolean;
  /** Write a checkpoint every this many steps (0 or absent: only at the end). */
  checkpointEvery?: number;
}
