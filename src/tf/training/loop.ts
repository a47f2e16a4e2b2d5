/**
 * The one training loop. Every model in the book trains here, on whichever engine was chosen
 * (the from-scratch kernel or tfjs, behind TrainingEngine), over batches that are a pure function
 * of (epoch, index), so that
 *
 *   - a run stopped anywhere and resumed from its snapshot (weights, Adam's moments, carried
 *     states, position) continues with exactly the steps it would have taken;
 *   - pause, resume and cancel take effect at the next step (the loop yields after every step);
 *   - epoch, step and time budgets, early stopping on the held-out loss, and evaluations and
 *     checkpoints every N steps are the same code for every chapter;
 *   - a step whose loss or gradient is NaN/Inf, or a loss that keeps exceeding three times the
 *     loss of guessing, stops the run with an explanation and the last step whose weights were
 *     still good, to go back to (the kernel refuses a non-finite update, so NaN never reaches
 *     the weights; divergence may have, which is why the good snapshot is kept).
 */
import { BookError } from '../../engine/errors';
import { RunControl, yieldToEvents } from './control';
import type { BadStep, BatchSource, EpochLog, Position, RunBudget, RunResult, StopReason, TrainProgress, TrainingEngine, TrainingSnapshot, Validation } from './types';

/** A loss above this many times the loss of guessing (or of the first step) counts as diverging… */
export const DIVERGENCE_FACTOR = 3;
/** …when it stays there this many steps in a row (one noisy batch is not divergence). */
export const DIVERGENCE_STEPS = 3;
/** Throughput is averaged over windows of about this long. */
const RATE_WINDOW_MS = 5000;

export interface LoopHooks {
  engine: TrainingEngine;
  data: BatchSource;
  /** The held-out figures of the engine's current weights; absent or null: no validation. */
  validate?: () => Validation | null;
  /** The loss of guessing uniformly (ln classes); the divergence guard's yardstick. */
  chanceLoss?: number;
  /** Writes a checkpoint of this snapshot (IndexedDB in the browser). */
  checkpoint?: (snapshot: TrainingSnapshot, history: EpochLog[]) => Promise<void>;
  /** Extra fields for this step's progress report (e.g. a generated sample). */
  decorate?: (progress: TrainProgress) => Partial<TrainProgress> | void;
  onProgress?: (progress: TrainProgress) => void;
  control?: RunControl;
  /** Lets queued messages in; defaults to one macrotask turn. */
  yieldNow?: () => Promise<void>;
  now?: () => number;
}

export interface RunStart {
  position: Position;
  seconds: number;
  history: EpochLog[];
}

export interface LoopResult extends RunResult {
  /** The snapshot lastGoodStep names; the caller keeps it to offer going back. */
  lastGood: TrainingSnapshot | null;
}

export const FRESH_START: RunStart = { position: { step: 0, epoch: 0, batchInEpoch: 0 }, seconds: 0, history: [] };

export function snapshotOf(engine: TrainingEngine, position: Position, seconds: number): TrainingSnapshot {
  return { weights: engine.getWeights(), optimizer: engine.getOptimizerState(), states: engine.getStates(), position: { ...position }, seconds };
}

export function restoreSnapshot(engine: TrainingEngine, snapshot: TrainingSnapshot): void {
  engine.setWeights(snapshot.weights);
  engine.setOptimizerState(snapshot.optimizer);
  engine.setStates(snapshot.states);
}

function explain(reason: 'nan' | 'diverged', bad: BadStep, reference: number, lastGood: number | null): string {
  const back = lastGood === null ? 'Start again with a smaller learning rate.' : `The weights of step ${lastGood} were still good: go back to them, lower the learning rate and train on.`;
  if (reason === 'nan') {
    return `At step ${bad.step} the loss or a gradient became ${Number.isNaN(bad.loss) ? 'NaN' : bad.loss} (not a number): the update was refused, so the weights are those before it. A learning rate that is too large is the usual cause. ${back}`;
  }
  return `The loss rose to ${bad.loss.toFixed(2)} at step ${bad.step}, more than ${DIVERGENCE_FACTOR}× the ${reference.toFixed(2)} of ${
    reference === 0 ? 'the first step' : 'guessing'
  }, for ${DIVERGENCE_STEPS} steps in a row: training is diverging, usually because the learning rate is too large. ${back}`;
}

export async function runTraining(hooks: LoopHooks, budget: RunBudget, start: RunStart = FRESH_START): Promise<LoopResult> {
  const { engine, data, validate, checkpoint, decorate, onProgress } = hooks;
  const control = hooks.control ?? new RunControl();
  const yieldNow = hooks.yieldNow ?? yieldToEvents;
  const now = hooks.now ?? (() => performance.now());
  if (data.batchesPerEpoch < 1) throw new BookError('train.noBatch', 'There is not enough data for one batch.');
  const { patience = 0, restoreBest = true, evaluateEvery = 0, evaluateEverySeconds = 0, checkpointEvery = 0, checkpointOnValidation = false } = budget;
  const epochLimit = budget.epochs ?? null;
  const stepLimit = budget.maxSteps ?? null;
  const timeLimitMs = budget.timeLimitMs ?? null;

  const position: Position = { ...start.position };
  const history = [...start.history];
  const firstEpoch = position.epoch;
  let seconds = start.seconds;
  let evaluationMark = evaluateEverySeconds > 0 ? Math.floor(seconds / evaluateEverySeconds) : 0;
  let runMs = 0;
  let runSteps = 0;
  // The weights a run may go back to after NaN or divergence. A step's loss is measured on the
  // weights from before its update, so the weights after a step are only known to be good once
  // the next step's loss on them is healthy: until then they wait as `unproven`.
  let lastGood: TrainingSnapshot | null = snapshotOf(engine, position, seconds);
  let unproven: TrainingSnapshot | null = null;
  let best: { loss: number; epoch: number; snapshot: TrainingSnapshot | null } | null = null;
  let waited = 0;
  let highSteps = 0;
  let reference = hooks.chanceLoss ?? NaN;
  let epochLossSum = 0;
  let epochCorrect = 0;
  let epochSeen = 0;
  let rateItems = 0;
  let rateMs = 0;
  let itemsPerSecond = 0;
  let lastCheckpointStep = -1;

  const finish = (stopReason: StopReason, extra: Partial<RunResult> = {}): LoopResult => {
    let bestEpoch: number | null = null;
    if (stopReason === 'earlyStopping' && restoreBest && best?.snapshot) {
      restoreSnapshot(engine, best.snapshot);
      bestEpoch = best.epoch;
    }
    return { stopReason, history, position: { ...position }, seconds, bestEpoch, lastGoodStep: lastGood?.position.step ?? null, lastGood, ...extra };
  };

  const etaMs = (): number | null => {
    if (runSteps === 0) return null;
    const perStep = runMs / runSteps;
    const left: number[] = [];
    if (epochLimit !== null) left.push(((firstEpoch + epochLimit - position.epoch) * data.batchesPerEpoch - position.batchInEpoch) * perStep);
    if (stepLimit !== null) left.push((stepLimit - runSteps) * perStep);
    if (timeLimitMs !== null) left.push(timeLimitMs - runMs);
    return left.length ? Math.max(0, Math.min(...left)) : null;
  };

  /** Records a validation and applies early stopping; returns true when the run should stop. */
  const watch = (v: Validation | null, fallbackLoss: number, epoch: number): boolean => {
    const watched = v ? v.loss : fallbackLoss;
    if (!Number.isFinite(watched)) return false;
    if (!best || watched < best.loss) {
      best = { loss: watched, epoch, snapshot: restoreBest && patience > 0 ? snapshotOf(engine, position, seconds) : null };
      waited = 0;
      return false;
    }
    waited += 1;
    return patience > 0 && waited >= patience;
  };

  // A cancel that came before the first step (while the engine was being chosen) is honoured too.
  if (control.isCancelled) return await ended('cancelled');
  for (;;) {
    if (epochLimit !== null && position.epoch - firstEpoch >= epochLimit) return await ended('done');
    if (position.batchInEpoch === 0 && data.stateful) engine.resetStates();
    const batch = data.batch(position.epoch, position.batchInEpoch);
    const t0 = now();
    const out = await engine.trainBatch(batch);
    const ms = now() - t0;
    runMs += ms;
    seconds += ms / 1000;
    runSteps += 1;
    const bad: BadStep = { step: position.step + 1, epoch: position.epoch + 1, loss: out.loss };
    if (!out.finite || !Number.isFinite(out.loss)) {
      return finish('nan', { badStep: bad, explanation: explain('nan', bad, reference, lastGood?.position.step ?? null) });
    }
    if (!Number.isFinite(reference)) reference = out.loss;
    highSteps = out.loss > DIVERGENCE_FACTOR * reference ? highSteps + 1 : 0;
    if (highSteps === 0 && unproven) lastGood = unproven;
    unproven = null;
    position.step += 1;
    position.batchInEpoch += 1;
    if (highSteps >= DIVERGENCE_STEPS) {
      return finish('diverged', { badStep: bad, explanation: explain('diverged', bad, hooks.chanceLoss ?? 0, lastGood?.position.step ?? null) });
    }

    epochLossSum += out.loss * batch.size;
    epochCorrect += out.accuracy * batch.size;
    epochSeen += batch.size;
    rateItems += batch.items ?? batch.size;
    rateMs += ms;
    itemsPerSecond = rateItems / Math.max(rateMs / 1000, 1e-9);
    if (rateMs > RATE_WINDOW_MS) {
      rateItems = 0;
      rateMs = 0;
    }

    const epochEnded = position.batchInEpoch >= data.batchesPerEpoch;
    const progress: TrainProgress = {
      engine: engine.name,
      epoch: position.epoch + 1,
      epochs: epochLimit === null ? null : firstEpoch + epochLimit,
      step: position.step,
      batchInEpoch: position.batchInEpoch,
      batchesPerEpoch: data.batchesPerEpoch,
      loss: out.loss,
      accuracy: out.accuracy,
      epochLoss: epochLossSum / epochSeen,
      epochAccuracy: epochCorrect / epochSeen,
      seconds,
      etaMs: null,
      epochEtaMs: (data.batchesPerEpoch - position.batchInEpoch) * (runMs / runSteps),
      itemsPerSecond,
    };
    // The position always names the next batch, so any snapshot from here on resumes cleanly.
    if (epochEnded) {
      position.epoch += 1;
      position.batchInEpoch = 0;
      epochLossSum = 0;
      epochCorrect = 0;
      epochSeen = 0;
    }
    let stopEarly = false;
    let evaluateNow = epochEnded;
    if (evaluateEvery > 0) evaluateNow = position.step % evaluateEvery === 0;
    else if (evaluateEverySeconds > 0) {
      const mark = Math.floor(seconds / evaluateEverySeconds);
      evaluateNow = mark > evaluationMark;
      evaluationMark = mark;
    }
    if (validate && evaluateNow) {
      const v = validate();
      if (v) progress.validation = v;
      stopEarly = watch(v, progress.epochLoss, progress.epoch);
    } else if (!validate && epochEnded) {
      stopEarly = watch(null, progress.epochLoss, progress.epoch);
    }
    if (epochEnded) {
      const log: EpochLog = { epoch: progress.epoch, loss: progress.epochLoss, accuracy: progress.epochAccuracy };
      if (progress.validation) {
        log.valLoss = progress.validation.loss;
        log.valAccuracy = progress.validation.accuracy;
      }
      history.push(log);
      progress.epochEnd = log;
    }
    // Healthy so far: if the next step's loss on these weights is healthy too, they are the step to go back to.
    if (highSteps === 0 && (position.batchInEpoch === 0 || position.step % Math.max(1, checkpointEvery || 25) === 0)) {
      unproven = snapshotOf(engine, position, seconds);
    }
    const checkpointNow = (checkpointEvery > 0 && position.step % checkpointEvery === 0) || (checkpointOnValidation && progress.validation !== undefined);
    if (checkpoint && checkpointNow && highSteps === 0) {
      await checkpoint(snapshotOf(engine, position, seconds), history);
      lastCheckpointStep = position.step;
      progress.checkpointed = true;
    }
    progress.etaMs = etaMs();
    Object.assign(progress, decorate?.(progress) ?? {});
    onProgress?.(progress);

    if (stopEarly) return await ended('earlyStopping');
    if (stepLimit !== null && runSteps >= stepLimit) return await ended('stepLimit');
    if (timeLimitMs !== null && runMs >= timeLimitMs) return await ended('timeLimit');
    await yieldNow();
    if (control.isPaused) {
      onProgress?.({ ...progress, paused: true, validation: undefined, epochEnd: undefined, checkpointed: undefined, sample: undefined });
      await control.waitWhilePaused();
    }
    if (control.isCancelled) return await ended('cancelled');
  }

  /** A run that ends well writes a final checkpoint, so a reload finds every step. */
  async function ended(reason: StopReason): Promise<LoopResult> {
    const result = finish(reason);
    const justWritten = lastCheckpointStep === position.step && reason !== 'earlyStopping';
    if (checkpoint && runSteps > 0 && !justWritten) {
      await checkpoint(snapshotOf(engine, position, seconds), history);
    }
    return result;
  }
}
