/**
 * The one checkpoint store of every trained model in the book. A checkpoint is one IndexedDB
 * record (idb-keyval, key storageKey('checkpoint', name)) holding the model's spec, its weights,
 * Adam's state, the carried states and the position in the data — everything a resumed run needs
 * to continue with exactly the steps an uninterrupted one would take — plus the history and
 * whatever the chapter keeps beside it (vocabulary, settings). Typed arrays are stored as they
 * are (IndexedDB's structured clone), not converted.
 *
 * It works in a worker and on the page; node tests use memoryCheckpoints with the same contract.
 */
import { storageKey } from '../../engine/storageKeys';
import type { ModelSpec } from '../../engine/spec';
import type { EngineName, EpochLog, TrainingSnapshot } from './types';

export interface Checkpoint<Meta = unknown> {
  version: 2;
  spec: ModelSpec;
  /** The engine that trained it (a checkpoint resumes on any engine: the weights are tfjs-shaped). */
  engine: EngineName;
  snapshot: TrainingSnapshot;
  history: EpochLog[];
  meta: Meta;
  savedAt: string;
}

export interface CheckpointStore {
  save<Meta>(name: string, checkpoint: Checkpoint<Meta>): Promise<void>;
  /** The checkpoint, or null when none (or an unusable one) is saved under this name. */
  load<Meta>(name: string): Promise<Checkpoint<Meta> | null>;
  /** Whether something is saved under this name, without reading it (a page asks before waking a worker). */
  has(name: string): Promise<boolean>;
  clear(name: string): Promise<void>;
}

export function isCheckpoint(value: unknown): value is Checkpoint {
  const c = value as Partial<Checkpoint> | null;
  const s = c?.snapshot;
  return (
    !!c &&
    c.version === 2 &&
    !!c.spec &&
    Array.isArray(c.spec.layers) &&
    Array.isArray(c.history) &&
    !!s &&
    Array.isArray(s.weights) &&
    s.weights.every((w) => w && typeof w.name === 'string' && w.values instanceof Float32Array) &&
    !!s.optimizer &&
    Array.isArray(s.optimizer.m) &&
    Number.isInteger(s.position?.step)
  );
}

const checkpointKey = (name: string): string => storageKey('checkpoint', name);

export function indexedDbCheckpoints(): CheckpointStore {
  const idb = import('idb-keyval');
  return {
    async save(name, checkpoint) {
      await (await idb).set(checkpointKey(name), checkpoint);
    },
    async load<Meta>(name: string) {
      const value: unknown = await (await idb).get(checkpointKey(name));
      return isCheckpoint(value) ? (value as Checkpoint<Meta>) : null;
    },
    async has(name) {
      return (await (await idb).keys()).includes(checkpointKey(name));
    },
    async clear(name) {
      await (await idb).del(checkpointKey(name));
    },
  };
}

/** The same contract in memory (structured clones, as IndexedDB makes), for node tests. */
export function memoryCheckpoints(): CheckpointStore & { names(): string[] } {
  const saved = new Map<string, Checkpoint<unknown>>();
  return {
    async save(name, checkpoint) {
      saved.set(name, structuredClone(checkpoint) as Checkpoint<unknown>);
    },
    async load<Meta>(name: string) {
      const c = saved.get(name);
      return c ? (structuredClone(c) as Checkpoint<Meta>) : null;
    },
    async has(name) {
      return saved.has(name);
    },
    async clear(name) {
      saved.delete(name);
    },
    names: () => [...saved.keys()],
  };
}
