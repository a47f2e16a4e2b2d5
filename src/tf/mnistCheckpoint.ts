/**
 * Where the MNIST model is kept between visits: the weights through tfjs' own 'indexeddb://'
 * handler, the bookkeeping (settings, steps, curves) next to them with idb-keyval. Tests use the
 * in-memory store with the same contract. Only the weights come back: the trainer builds the
 * model from its spec and pours them in, so a saved file can never change the architecture.
 */
import type { TfModel } from './buildModel';
import type { MnistConfig, MnistEvaluation, MnistHistoryPoint } from './mnistCalls';
import type { Tf } from './types';
import { storageKey, tfjsModelUrl } from '../engine/storageKeys';

export interface MnistCheckpointMeta {
  version: 1;
  config: MnistConfig;
  step: number;
  seconds: number;
  history: MnistHistoryPoint[];
  evaluations: MnistEvaluation[];
}

export interface MnistCheckpointStore {
  save(model: TfModel, meta: MnistCheckpointMeta): Promise<void>;
  /** The saved weights in the model's weight order, or null when nothing (usable) is saved. */
  load(): Promise<{ weights: Float32Array[]; meta: MnistCheckpointMeta } | null>;
  clear(): Promise<void>;
}

export const MNIST_MODEL_URL = tfjsModelUrl('mnist');
const META_KEY = storageKey('meta', 'mnist');

export function isMnistCheckpointMeta(value: unknown): value is MnistCheckpointMeta {
  const m = value as Partial<MnistCheckpointMeta> | null;
  const c = m?.config as Partial<MnistConfig> | undefined;
  return (
    !!m &&
    m.version === 1 &&
    Number.isInteger(m.step) &&
    typeof m.seconds === 'number' &&
    Array.isArray(m.history) &&
    Array.isArray(m.evaluations) &&
    !!c &&
    Number.isInteger(c.units) &&
    Number.isInteger(c.batchSize) &&
    typeof c.learningRate === 'number'
  );
}

const copies = (model: { getWeights(): { dataSync(): ArrayLike<number> }[] }) => model.getWeights().map((t) => Float32Array.from(t.dataSync()));

export function indexedDbMnistStore(tf: Tf): MnistCheckpointStore {
  const idb = import('idb-keyval');
  return {
    async save(model, meta) {
      await model.save(MNIST_MODEL_URL);
      await (await idb).set(META_KEY, meta);
    },
    async load() {
      const meta = await (await idb).get(META_KEY);
      if (!isMnistCheckpointMeta(meta)) return null;
      try {
        const saved = await tf.loadLayersModel(MNIST_MODEL_URL);
        const weights = copies(saved);
        saved.dispose();
        return { weights, meta };
      } catch {
        // Bookkeeping without weights (a half-finished save, cleared site data): start afresh.
        return null;
      }
    },
    async clear() {
      await (await idb).del(META_KEY);
      await tf.io.removeModel(MNIST_MODEL_URL).catch(() => undefined);
    },
  };
}

export function memoryMnistStore(): MnistCheckpointStore {
  let saved: { weights: Float32Array[]; meta: MnistCheckpointMeta } | null = null;
  return {
    async save(model, meta) {
      saved = { weights: copies(model), meta: structuredClone(meta) };
    },
    async load() {
      return saved && { weights: saved.weights.map((w) => Float32Array.from(w)), meta: structuredClone(saved.meta) };
    },
    async clear() {
      saved = null;
    },
  };
}
