/**
 * Where the character model's checkpoints live. In the browser the weights go to IndexedDB through
 * tfjs' own 'indexeddb://' handler and the bookkeeping (step, history, settings, vocabulary) to
 * idb-keyval, so a reload finds both; tests use the in-memory store.
 */
import type { CharLmConfig, HistoryPoint, SampleLog } from './charLmCalls';
import type { Tf } from './types';
import { storageKey, tfjsModelUrl } from '../engine/storageKeys';

type LayersModel = Awaited<ReturnType<Tf['loadLayersModel']>>;

export interface CheckpointMeta {
  version: 1;
  step: number;
  seconds: number;
  history: HistoryPoint[];
  samples: SampleLog[];
  config: CharLmConfig;
  vocabulary: string[];
  corpusName: string;
}

export interface CheckpointStore {
  save(key: string, model: LayersModel, meta: CheckpointMeta): Promise<void>;
  load(key: string): Promise<{ model: LayersModel; meta: CheckpointMeta } | null>;
  clear(key: string): Promise<void>;
}

const modelUrl = (key: string) => tfjsModelUrl(`charlm-${key}`);
const metaKey = (key: string) => storageKey('meta', `charlm-${key}`);

export function isCheckpointMeta(value: unknown): value is CheckpointMeta {
  const m = value as Partial<CheckpointMeta> | null;
  return (
    !!m &&
    m.version === 1 &&
    Number.isInteger(m.step) &&
    Array.isArray(m.history) &&
    Array.isArray(m.samples) &&
    Array.isArray(m.vocabulary) &&
    typeof m.corpusName === 'string' &&
    typeof m.config === 'object'
  );
}

export function indexedDbCheckpoints(tf: Tf): CheckpointStore {
  const idb = import('idb-keyval');
  return {
    async save(key, model, meta) {
      await model.save(modelUrl(key));
      await (await idb).set(metaKey(key), meta);
    },
    async load(key) {
      const meta = await (await idb).get(metaKey(key));
      if (!isCheckpointMeta(meta)) return null;
      try {
        return { model: await tf.loadLayersModel(modelUrl(key)), meta };
      } catch {
        // Bookkeeping without weights (a half-finished save, cleared site data): start afresh.
        return null;
      }
    },
    async clear(key) {
      await (await idb).del(metaKey(key));
      await tf.io.removeModel(modelUrl(key)).catch(() => undefined);
    },
  };
}

/** The same contract in memory, for node tests: weights pass through tfjs' save/load artifacts. */
export function memoryCheckpoints(tf: Tf): CheckpointStore {
  const saved = new Map<string, { artifacts: import('@tensorflow/tfjs').io.ModelArtifacts; meta: CheckpointMeta }>();
  return {
    async save(key, model, meta) {
      let artifacts: import('@tensorflow/tfjs').io.ModelArtifacts | null = null;
      await model.save(
        tf.io.withSaveHandler(async (a) => {
          artifacts = a;
          return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
        }),
      );
      saved.set(key, { artifacts: artifacts!, meta: structuredClone(meta) });
    },
    async load(key) {
      const entry = saved.get(key);
      if (!entry) return null;
      return { model: await tf.loadLayersModel(tf.io.fromMemory(entry.artifacts)), meta: structuredClone(entry.meta) };
    },
    async clear(key) {
      saved.delete(key);
    },
  };
}
