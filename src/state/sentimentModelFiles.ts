/**
 * A sentiment model as files the reader can download and load again: tfjs' model.json with our
 * metadata (vocabulary, classes, padding, history) inside, plus its weights file. A model.json
 * without that metadata cannot be matched to words, so it is refused with a reason.
 */
import { BookError } from '../engine/errors';
import type { SentimentWorkerApi } from '../tf/sentimentClient';
import type { BackendName, CompileOptions, EpochLog } from '../tf/types';
import type { SavedMeta } from './sentimentCheckpoint';
import { type TrainedModel, withoutWeights } from './sentimentModel';

export async function exportSentimentModel(
  worker: SentimentWorkerApi,
  model: TrainedModel,
  history: EpochLog[],
): Promise<{ modelJson: string; weights: ArrayBuffer; stem: string }> {
  const stem = `unrolled-${model.spec.layers.map((l) => l.kind).join('-')}`;
  const out = await worker.call('exportModel', { metadata: { unrolled: { ...withoutWeights(model), history } }, weightsFile: `${stem}.weights.bin` });
  return { ...out, stem };
}

export async function importSentimentModel(
  worker: SentimentWorkerApi,
  modelJson: string,
  weights: ArrayBuffer,
  compile: CompileOptions,
): Promise<{ backend: BackendName; model: TrainedModel; history: EpochLog[] }> {
  const built = await worker.call('importModel', { modelJson, weights, compile });
  const meta = (built.metadata as { unrolled?: Partial<SavedMeta> } | null)?.unrolled;
  const embedding = built.spec.layers[0];
  if (embedding?.kind !== 'embedding') throw new BookError('modelFiles.noEmbedding', 'The imported model does not start with an Embedding layer, so it cannot read word ids.');
  if (!meta || !Array.isArray(meta.vocabWords) || !Array.isArray(meta.classes)) {
    throw new BookError('modelFiles.noVocabulary', 'The model has no vocabulary in its metadata (it was not exported by this book), so its word ids cannot be matched to words.');
  }
  const maxlen = Number(built.spec.inputShape[0] ?? meta.maxlen ?? 0);
  const model: TrainedModel = {
    spec: built.spec,
    weights: built.weights,
    vocabWords: meta.vocabWords,
    numWords: meta.numWords,
    classes: meta.classes,
    maxlen,
    padding: meta.padding === 'pre' ? 'pre' : 'post',
    truncating: meta.truncating === 'pre' ? 'pre' : 'post',
    datasetName: meta.datasetName ?? 'imported',
    summary: built.summary,
    layerParams: built.layerParams,
  };
  return { backend: built.backend, model, history: Array.isArray(meta.history) ? meta.history : [] };
}
