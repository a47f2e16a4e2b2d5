/**
 * One trainable model in a worker: the tfjs model the book reads (summary, predict, the hand
 * checks, save, export, notebooks) and the engine that trains it (the kernel or tfjs), kept in
 * step. Every worker — toy models, hello, sentiment, MNIST, the char-LM — holds its model in one
 * of these, so choosing the engine, running the one loop, checkpointing, resuming and going back
 * to the last good weights are written once.
 *
 * The engine's weights move into the tfjs model after every run, before every checkpoint, and
 * whenever the model is read (model()), so the tfjs model is never stale when someone looks.
 */
import type { ModelSpec } from '../../engine/spec';
import { type TfModel, buildModel } from '../buildModel';
import { loadTrainingKernels } from '../trainingKernels';
import type { NamedWeight, Tf } from '../types';
import { readWeights, writeWeights } from '../weights';
import type { Checkpoint, CheckpointStore } from './checkpoints';
import { RunControl } from './control';
import { chooseEngine, createEngine, probeEngines } from './engines';
import { type LoopHooks, type LoopResult, restoreSnapshot, runTraining, snapshotOf } from './loop';
import type { TfjsEngineSettings } from './tfjsEngine';
import type { Batch, BatchSource, EngineName, EnginePreference, EngineReport, EpochLog, Position, RunBudget, TrainingEngine, TrainingSnapshot } from './types';

export interface SessionOptions {
  spec: ModelSpec;
  settings: TfjsEngineSettings;
  /** Start weights (tfjs order); when absent, tfjs' own initialisers draw them. */
  weights?: NamedWeight[];
}

export type RunHooks = Omit<LoopHooks, 'engine' | 'data' | 'control' | 'checkpoint'> & {
  /** Saves a checkpoint every budget.checkpointEvery steps (and at the end) under this name. */
  checkpointTo?: { store: CheckpointStore; name: string; meta: () => unknown };
};

export class TrainingSession {
  readonly spec: ModelSpec;
  readonly settings: TfjsEngineSettings;
  readonly control = new RunControl();
  private readonly tf: Tf;
  private readonly book: TfModel;
  private engine: TrainingEngine | null = null;
  private report: EngineReport | null = null;
  private preference: EnginePreference = 'auto';
  private synced = true;
  position: Position = { step: 0, epoch: 0, batchInEpoch: 0 };
  seconds = 0;
  history: EpochLog[] = [];
  /** The last step whose weights were good, after a run ended in NaN or divergence. */
  lastGood: TrainingSnapshot | null = null;
  /** Goes up whenever the weights change, so a page knows when to read them again. */
  weightsVersion = 0;
  private pendingSnapshot: TrainingSnapshot | null = null;

  constructor(tf: Tf, { spec, settings, weights }: SessionOptions) {
    this.tf = tf;
    this.spec = spec;
    this.settings = settings;
    this.book = buildModel(tf, spec);
    if (weights) writeWeights(tf, this.book, weights);
  }

  /** The tfjs model with the trained weights in it. */
  model(): TfModel {
    this.sync();
    return this.book;
  }

  weights(): NamedWeight[] {
    return readWeights(this.model());
  }

  setWeights(weights: NamedWeight[]): void {
    writeWeights(this.tf, this.book, weights);
    this.engine?.setWeights(weights);
    this.synced = true;
    this.weightsVersion += 1;
  }

  get engineReport(): EngineReport | null {
    return this.report;
  }

  /** The reader's choice for the next run ('auto': the probe decides); the current engine goes if it no longer fits. */
  prefer(preference: EnginePreference): void {
    this.preference = preference;
    if (!this.engine || !this.report) return;
    const fits = preference === 'auto' ? this.report.chosenBy !== 'reader' : this.report.engine === preference;
    if (!fits) this.retire();
  }

  /** Where the current engine is, to carry into the next one (weights, Adam, states). */
  private retire(): void {
    if (!this.engine) return;
    this.sync();
    this.pendingSnapshot = snapshotOf(this.engine, this.position, this.seconds);
    this.engine.dispose();
    this.engine = null;
  }

  /**
   * The engine for the next run: probed once (about a second, timing `sample` on each
   * candidate), then kept; a reader's choice skips nothing but is honoured.
   */
  async ensureEngine(sample: Batch): Promise<TrainingEngine> {
    if (this.engine) return this.engine;
    const wasm = (await loadTrainingKernels()) ?? undefined;
    const subject = { spec: this.spec, settings: { ...this.settings, weights: readWeights(this.book) } };
    const timings = this.report?.timings.length ? this.report.timings : await probeEngines(this.tf, subject, sample, { wasm });
    this.report = chooseEngine(timings, this.preference);
    const engine = await createEngine(this.tf, this.report.engine, subject, wasm);
    const carried = this.pendingSnapshot;
    if (carried) restoreSnapshot(engine, carried);
    this.pendingSnapshot = null;
    this.engine = engine;
    return engine;
  }

  /**
   * Times every candidate again on `sample`, `budgetMs` in all (the reader's "Measure again", and
   * the bench's side-by-side ratios), and chooses anew for the next run: the current engine goes if
   * the new choice differs. The model's weights, Adam's state and position are carried over.
   */
  async measure(sample: Batch, budgetMs: number): Promise<EngineReport> {
    const wasm = (await loadTrainingKernels()) ?? undefined;
    this.sync();
    const weights = this.engine ? this.engine.getWeights() : readWeights(this.book);
    const timings = await probeEngines(this.tf, { spec: this.spec, settings: { ...this.settings, weights } }, sample, { wasm, budgetMs });
    const report = chooseEngine(timings, this.preference);
    if (this.engine && this.report?.engine !== report.engine) this.retire();
    this.report = report;
    return report;
  }

  /** Skips the probe: train on this engine (tests, and the tfjs comparison runs). */
  async useEngine(name: EngineName): Promise<TrainingEngine> {
    this.retire();
    const wasm = (await loadTrainingKernels()) ?? undefined;
    const subject = { spec: this.spec, settings: { ...this.settings, weights: readWeights(this.book) } };
    const engine = await createEngine(this.tf, name, subject, wasm);
    if (this.pendingSnapshot) restoreSnapshot(engine, this.pendingSnapshot);
    this.pendingSnapshot = null;
    this.engine = engine;
    this.report = { engine: name, chosenBy: 'reader', timings: this.report?.timings ?? [] };
    return engine;
  }

  /** The engine if one exists (after the first run or a restore), else null. */
  get currentEngine(): TrainingEngine | null {
    return this.engine;
  }

  /** Runs the one loop on this model from where it is. */
  async run(data: BatchSource, budget: RunBudget, hooks: RunHooks = {}): Promise<LoopResult> {
    // Reset before the probe, not after: a pause or cancel sent while the probe runs (about a
    // second) must reach the loop's first check instead of being wiped.
    this.control.reset();
    const engine = await this.ensureEngine(data.batch(this.position.epoch, this.position.batchInEpoch % data.batchesPerEpoch));
    this.lastGood = null;
    const { checkpointTo, ...rest } = hooks;
    const checkpoint = checkpointTo
      ? async (snapshot: TrainingSnapshot, history: EpochLog[]) => {
          this.position = snapshot.position;
          this.seconds = snapshot.seconds;
          this.history = history;
          await this.saveTo(checkpointTo.store, checkpointTo.name, checkpointTo.meta(), snapshot);
        }
      : undefined;
    this.synced = false;
    let result: LoopResult;
    try {
      result = await runTraining({ ...rest, engine, data, control: this.control, checkpoint }, budget, { position: this.position, seconds: this.seconds, history: this.history });
    } finally {
      this.weightsVersion += 1;
      this.sync();
    }
    this.position = result.position;
    this.seconds = result.seconds;
    this.history = result.history;
    if (result.stopReason === 'nan' || result.stopReason === 'diverged') this.lastGood = result.lastGood;
    return result;
  }

  /** After NaN or divergence: the weights, Adam's state and position of the last good step. */
  restoreLastGood(): Position | null {
    const good = this.lastGood;
    if (!good) return null;
    if (this.engine) restoreSnapshot(this.engine, good);
    else this.pendingSnapshot = good;
    writeWeights(this.tf, this.book, good.weights);
    this.synced = true;
    this.position = { ...good.position };
    this.seconds = good.seconds;
    this.history = this.history.filter((h) => h.epoch <= good.position.epoch);
    this.lastGood = null;
    this.weightsVersion += 1;
    return this.position;
  }

  setLearningRate(learningRate: number): void {
    this.settings.learningRate = learningRate;
    this.engine?.setLearningRate(learningRate);
  }

  /** A checkpoint of where the model is now. */
  snapshot(): TrainingSnapshot {
    if (this.engine) return snapshotOf(this.engine, this.position, this.seconds);
    if (this.pendingSnapshot) return this.pendingSnapshot;
    const weights = readWeights(this.book);
    const zeros = weights.map((w) => new Float32Array(w.values.length));
    return {
      weights,
      optimizer: { kind: 'adam', iterations: 0, accBeta1: Math.fround(0.9), accBeta2: Math.fround(0.999), m: zeros, v: zeros.map((z) => new Float32Array(z.length)), dropoutRandomState: 0 },
      states: null,
      position: { ...this.position },
      seconds: this.seconds,
    };
  }

  async saveTo(store: CheckpointStore, name: string, meta: unknown, snapshot = this.snapshot()): Promise<void> {
    const checkpoint: Checkpoint = { version: 2, spec: this.spec, engine: this.report?.engine ?? 'kernel', snapshot, history: this.history, meta, savedAt: new Date().toISOString() };
    await store.save(name, checkpoint);
  }

  /** Continues from a checkpoint: weights now, Adam and states on the next run's engine. */
  resumeFrom(checkpoint: Checkpoint): void {
    const { snapshot } = checkpoint;
    writeWeights(this.tf, this.book, snapshot.weights);
    this.synced = true;
    if (this.engine) restoreSnapshot(this.engine, snapshot);
    else this.pendingSnapshot = snapshot;
    this.position = { ...snapshot.position };
    this.seconds = snapshot.seconds;
    this.history = checkpoint.history;
    this.weightsVersion += 1;
  }

  cancel(): void {
    this.control.cancel();
  }

  private sync(): void {
    if (this.synced || !this.engine) return;
    writeWeights(this.tf, this.book, this.engine.getWeights());
    this.synced = true;
  }

  dispose(): void {
    this.control.cancel();
    this.engine?.dispose();
    this.engine = null;
    this.book.dispose();
  }
}
