/**
 * A sentiment model as files the reader can download and load again: tfjs' model.json with our
 * metadata (vocabulary, classes, padding, history) inside, plus its weights file. A model.json
 * without that metadata, or with metadata that does not fit its layers, cannot be matched to
 * words, so it is refused with a reason (../engine/sentimentModelMeta.ts).
 */
import { readSentimentModelMeta } from '../engine/sentimentModelMeta';
import type { SentimentModelStatus } from '../tf/sentimentCalls';
import type { SentimentWorkerApi } from '../tf/sentimentClient';
import type { EpochLog } from '../tf/types';
import { type ModelInfo, type TrainedModel, trainedModelOf, withoutWeights } from './sentimentModel';

export async function exportSentimentModel(
  worker: SentimentWorkerApi,
  modelName: string,
  model: TrainedModel,
  history: EpochLog[],
): Promise<{ modelJson: string; weights: ArrayBuffer; stem: string }> {
  const stem = `unrolled-${model.spec.layers.map((l) => l.kind).join('-')}`;
  const out = await worker.call('exportModel', { model: modelName, metadata: { unrolled: { ...withoutWeights(model), history } }, weightsFile: `${stem}.weights.bin` });
  return { ...out, stem };
}

export async function importSentimentModel(
  worker: SentimentWorkerApi,
  modelName: string,
  modelJson: string,
  weights: ArrayBuffer,
  learningRate: number,
): Promise<{ status: SentimentModelStatus; model: TrainedModel; history: EpochLog[] }> {
  const built = await worker.call('importModel', { model: modelName, modelJson, weights, learningRate });
  // The worker checked the metadata against the layers before taking the model; read it the same way here.
  const info: ModelInfo = { spec: built.spec, ...readSentimentModelMeta(built.metadata, built.spec) };
  return { status: built, model: trainedModelOf(info, built), history: historyOf(built.metadata) };
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The exported training history's epoch logs; anything else in a hand-edited file is left out (it is only drawn). */
function historyOf(metadata: unknown): EpochLog[] {
  const history = (metadata as { unrolled?: { history?: unknown } } | null)?.unrolled?.history;
  if (!Array.isArray(history)) return [];
  return history.filter((entry): entry is EpochLog => {
    const e = entry as Record<string, unknown> | null;
    return !!e && typeof e === 'object' && isFiniteNumber(e.epoch) && isFiniteNumber(e.loss) && ['accuracy', 'valLoss', 'valAccuracy'].every((k) => e[k] === undefined || isFiniteNumber(e[k]));
  });
}
