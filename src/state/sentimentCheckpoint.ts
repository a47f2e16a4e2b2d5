/**
 * The sentiment lab's saved model, kept across reloads in two IndexedDB stores:
 *   - the tfjs model itself, saved and loaded by the sentiment worker (tfjsModelUrl("sentiment-<key>"));
 *   - what the model needs besides weights (spec, vocabulary, classes, history) via idb-keyval,
 *     under storageKey('meta', "sentiment-<key>").
 * Every function throws on a storage failure; the store shows it as a storage problem and keeps working.
 */
import { del as idbDel, get as idbGet, set as idbSet } from 'idb-keyval';
import type { SentimentWorkerApi } from '../tf/sentimentClient';
import type { BackendName, CompileOptions, EpochLog } from '../tf/types';
import { type StopInfo, type TrainedModel, withoutWeights } from './sentimentModel';
import { storageKey } from '../engine/storageKeys';

/** The worker turns the model's name into tfjsModelUrl(name); the metadata sits beside it under the same name. */
const modelKey = (key: string) => `sentiment-${key}`;
const metaKey = (key: string) => storageKey('meta', modelKey(key));

/** Everything of a TrainedModel but its weights (those live in tfjs' IndexedDB store). */
export type SavedMeta = Omit<TrainedModel, 'weights' | 'summary' | 'layerParams'> & { compile: CompileOptions; history: EpochLog[]; stop: StopInfo | null; savedAt: string };

function isSavedMeta(value: unknown): value is SavedMeta {
  const v = value as SavedMeta;
  return !!v && typeof v === 'object' && !!v.spec && Array.isArray(v.spec.layers) && Array.isArray(v.vocabWords) && Array.isArray(v.classes) && Number.isInteger(v.maxlen) && Array.isArray(v.history);
}

/** Saves the worker's current model and its metadata; returns when it was saved. */
export async function saveCheckpoint(
  worker: SentimentWorkerApi,
  key: string,
  model: TrainedModel,
  extra: { compile: CompileOptions; history: EpochLog[]; stop: StopInfo | null },
): Promise<string> {
  await worker.call('save', { key: modelKey(key) });
  const savedAt = new Date().toISOString();
  const meta: SavedMeta = { ...withoutWeights(model), ...extra, savedAt };
  await idbSet(metaKey(key), meta);
  return savedAt;
}

/** The saved metadata, or null when nothing usable is saved under this key. */
export async function readCheckpointMeta(key: string): Promise<SavedMeta | null> {
  const meta: unknown = await idbGet(metaKey(key));
  return isSavedMeta(meta) ? meta : null;
}

export interface RestoredCheckpoint {
  backend: BackendName;
  model: TrainedModel;
  history: EpochLog[];
  stop: StopInfo | null;
  savedAt: string;
}

/** Loads the saved model into the worker; null when the worker has no model saved under this key. */
export async function loadCheckpoint(worker: SentimentWorkerApi, key: string, meta: SavedMeta): Promise<RestoredCheckpoint | null> {
  const built = await worker.call('restore', { key: modelKey(key), spec: meta.spec, compile: meta.compile });
  if (!built) return null;
  const { compile: _c, history, stop, savedAt, ...rest } = meta;
  return { backend: built.backend, model: { ...rest, weights: built.weights, summary: built.summary, layerParams: built.layerParams }, history, stop, savedAt };
}

export async function forgetCheckpoint(worker: SentimentWorkerApi, key: string): Promise<void> {
  await idbDel(metaKey(key));
  await worker.call('forget', { key: modelKey(key) });
}
