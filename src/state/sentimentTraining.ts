/**
 * One training run of the sentiment lab: build the model the settings describe in the worker,
 * train it on the dataset's split, and hand progress to the store at most once per frame.
 * Returns the trained model and why training stopped; the store decides what to keep and save.
 */
import { sentimentSpec } from '../engine/sentimentModels';
import { type SentimentDataset, toTrainingArrays } from '../engine/sentimentPreprocess';
import type { ModelSettings } from '../engine/sentimentSettings';
import { vocabWordsOf } from '../engine/sentimentVocabulary';
import type { SentimentWorkerApi } from '../tf/sentimentClient';
import type { TrainProgress } from '../tf/trainLoop';
import type { BackendName, EpochLog } from '../tf/types';
import { type LivePoint, type StopInfo, type TrainedModel, compileOf } from './sentimentModel';

export interface TrainingListener {
  /** The model is built and training starts, on this backend. */
  built(backend: BackendName): void;
  /** The latest batch and the curve points since the last call (once per frame at most). */
  progress(progress: TrainProgress, live: LivePoint[]): void;
  /** An epoch ended. */
  epoch(log: EpochLog): void;
}

export async function trainSentiment(
  worker: SentimentWorkerApi,
  dataset: SentimentDataset,
  settings: ModelSettings,
  datasetName: string,
  listener: TrainingListener,
): Promise<{ model: TrainedModel; history: EpochLog[]; stop: StopInfo }> {
  const spec = sentimentSpec({ ...settings, vocabSize: dataset.vocabSize, maxlen: dataset.maxlen, classes: dataset.classes.length });
  const built = await worker.call('build', { spec, compile: compileOf(settings) });
  listener.built(built.backend);
  const train = toTrainingArrays(dataset, dataset.train);
  const validation = dataset.validation.length > 0 ? toTrainingArrays(dataset, dataset.validation) : null;
  let pending: TrainProgress | null = null;
  const livePending: LivePoint[] = [];
  let frame = 0;
  // Batches arrive faster than the screen refreshes; hand them to React once per frame.
  const flush = () => {
    frame = 0;
    const p = pending;
    pending = null;
    if (!p) return;
    listener.progress(p, livePending.splice(0));
  };
  const result = await worker.call('train', { train, validation, options: { epochs: settings.epochs, batchSize: settings.batchSize, patience: settings.patience, restoreBest: true } }, (p) => {
    pending = p;
    livePending.push({ x: p.epoch - 1 + p.batch / p.batches, loss: p.loss, accuracy: p.accuracy });
    if (p.log) listener.epoch(p.log);
    frame ||= requestAnimationFrame(flush);
  });
  if (frame) cancelAnimationFrame(frame);
  flush();
  const model: TrainedModel = {
    spec,
    weights: result.weights,
    vocabWords: vocabWordsOf(dataset),
    numWords: dataset.options.numWords,
    classes: dataset.classes,
    maxlen: dataset.maxlen,
    padding: dataset.options.padding,
    truncating: dataset.options.truncating,
    datasetName,
    summary: built.summary,
    layerParams: built.layerParams,
  };
  const stop: StopInfo = { reason: result.stopReason, epoch: result.badBatch?.epoch, batch: result.badBatch?.batch, loss: result.badBatch?.loss, bestEpoch: result.bestEpoch };
  return { model, history: result.history, stop };
}
