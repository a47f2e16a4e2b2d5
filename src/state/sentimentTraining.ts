/**
 * One training run of a sentiment model in its worker, for the lab's trainer and the comparison
 * alike: the dataset's split as (ids, class) examples, the run handed to the one training loop,
 * and its progress handed on at most once per frame (batches arrive faster than the screen
 * refreshes) with the live curve's points since the last frame.
 */
import type { SentimentDataset } from '../engine/sentimentPreprocess';
import { toTrainingArrays } from '../engine/sentimentPreprocess';
import type { SentimentCheckpointTarget, SentimentExamples, SentimentModelStatus, SentimentRunConfig } from '../tf/sentimentCalls';
import type { SentimentWorkerApi } from '../tf/sentimentClient';
import type { EngineReport, TrainProgress } from '../tf/training/types';
import type { EpochLog } from '../tf/types';
import type { LivePoint } from './sentimentModel';

interface RunListener {
  /** The latest batch and the curve points since the last call (once per frame at most). */
  progress(progress: TrainProgress, live: LivePoint[]): void;
  /** An epoch ended (with its validation figures). */
  epoch(log: EpochLog): void;
}

function splitOf(dataset: SentimentDataset): { train: SentimentExamples; validation: SentimentExamples | null } {
  return { train: toTrainingArrays(dataset, dataset.train), validation: dataset.validation.length > 0 ? toTrainingArrays(dataset, dataset.validation) : null };
}

/** Where a live point sits on the epoch axis: epoch 1's batches between 0 and 1, and so on. */
const livePoint = (p: TrainProgress): LivePoint => ({ x: p.epoch - 1 + p.batchInEpoch / p.batchesPerEpoch, loss: p.epochLoss, accuracy: p.epochAccuracy });

/** The engine a progress report names, with the probe's timings once known. */
export const engineDuring = (before: EngineReport | null, p: TrainProgress): EngineReport =>
  before?.engine === p.engine ? before : { engine: p.engine, chosenBy: before?.chosenBy ?? 'probe', timings: before?.timings ?? [] };

export async function trainInWorker(
  worker: SentimentWorkerApi,
  args: { model: string; dataset: SentimentDataset; run: SentimentRunConfig; checkpoint: SentimentCheckpointTarget | null },
  listener: RunListener,
): Promise<SentimentModelStatus> {
  let pending: TrainProgress | null = null;
  const live: LivePoint[] = [];
  let frame = 0;
  const flush = () => {
    frame = 0;
    const p = pending;
    pending = null;
    if (p) listener.progress(p, live.splice(0));
  };
  try {
    return await worker.call('train', { model: args.model, ...splitOf(args.dataset), run: args.run, checkpoint: args.checkpoint }, (p) => {
      if (p.paused) return;
      pending = p;
      live.push(livePoint(p));
      if (p.epochEnd) listener.epoch(p.epochEnd);
      frame ||= requestAnimationFrame(flush);
    });
  } finally {
    if (frame) cancelAnimationFrame(frame);
    flush();
  }
}
