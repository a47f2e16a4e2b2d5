/**
 * The layer playground's store: the reader's settings (saved across reloads) and the latest
 * report from tfjs for them. Each new setting asks the worker again; a build still running for
 * an old setting is abandoned by ending its worker, so a slow build never queues up stale ones.
 */
import type { ModelSpec } from '../engine/spec';
import type { TensorValues } from '../engine/notebook/writeNotebook';
import type { TfjsModelReport } from '../tf/buildFunctional';
import type { ModelForPython } from '../tf/notebookExport';
import { type LayerArgsWorkerApi, createLayerArgsWorker } from '../tf/layerArgsClient';
import type { BackendName } from '../tf/types';
import { DEFAULT_CONFIG, LAYER_ARGS_LINK, type LayerArgsConfig, sanitizeConfig } from '../engine/layerArgsConfig';
import { createScopedStore } from './scopedStore';
import { type StoreLink, seedFromLinks } from './storeLinks';
import { type ReaderError, describeError } from '../engine/errors';

export type TfjsReport =
  | { status: 'building'; key: string }
  | { status: 'ready'; key: string; report: TfjsModelReport; backend: BackendName }
  | { status: 'error'; key: string; error: ReaderError };

export interface LayerArgsState {
  config: LayerArgsConfig;
  /** What tfjs said about the spec with this key (JSON of the spec); null before the first ask. */
  tfjs: TfjsReport | null;
  update(patch: Partial<LayerArgsConfig>): void;
  reset(): void;
  /** Builds the spec in tfjs unless the current report is already for it. */
  inspect(spec: ModelSpec): void;
  /** The spec built with its initial weights, and tfjs' prediction for `input`, for a notebook. */
  forPython(spec: ModelSpec, input: TensorValues): Promise<ModelForPython & { backend: BackendName }>;
  dispose(): void;
}

interface Saved {
  config: LayerArgsConfig;
}

/** The playground's link carries its settings, under the parameter `param` (its storage key). */
export const layerArgsLink = (param: string): StoreLink<LayerArgsState, LayerArgsConfig> => ({
  param,
  codec: LAYER_ARGS_LINK,
  defaults: DEFAULT_CONFIG,
  pick: (state) => state.config,
  patch: (config) => ({ config: sanitizeConfig(config) }),
});

export const LayerArgsStore = createScopedStore<LayerArgsState, Saved, Partial<LayerArgsState> | undefined>(
  'LayerPlayground',
  (set, get) => {
    let worker: LayerArgsWorkerApi | null = null;
    let busy = false;

    async function run(spec: ModelSpec, key: string) {
      if (busy) {
        worker?.dispose();
        worker = null;
      }
      const client = (worker ??= createLayerArgsWorker());
      busy = true;
      set({ tfjs: { status: 'building', key } });
      try {
        const { backend, ...report } = await client.call('inspect', { spec });
        if (get().tfjs?.key === key) set({ tfjs: { status: 'ready', key, report, backend } });
      } catch (error) {
        // A worker ended because the reader moved on is not an error worth showing.
        if (client !== worker) return;
        if (get().tfjs?.key === key) set({ tfjs: { status: 'error', key, error: describeError(error) } });
      } finally {
        if (client === worker) busy = false;
      }
    }

    return {
      config: DEFAULT_CONFIG,
      tfjs: null,
      update: (patch) => set({ config: sanitizeConfig({ ...get().config, ...patch }) }),
      reset: () => set({ config: DEFAULT_CONFIG }),
      inspect(spec) {
        const key = JSON.stringify(spec);
        if (get().tfjs?.key === key) return;
        void run(spec, key);
      },
      forPython: (spec, input) => (worker ??= createLayerArgsWorker()).call('forPython', { spec, input }),
      dispose() {
        worker?.dispose();
        worker = null;
        busy = false;
      },
    };
  },
  {
    persist: {
      version: 1,
      partialize: (s) => ({ config: s.config }),
      merge: (saved, current) => ({ ...current, config: sanitizeConfig((saved as Partial<Saved> | undefined)?.config) }),
    },
    dispose: (state) => state.dispose(),
    seed: seedFromLinks,
  },
);
