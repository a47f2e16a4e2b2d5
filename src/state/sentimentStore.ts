/**
 * The store behind the sentiment chapters (recipes 4, 7, 8, 11–13): the labelled texts (the
 * shipped UCI sentences or the reader's CSV), the preprocessing choices and the dataset they give,
 * a browser-size model trained in the sentiment worker, and that model kept across reloads. Each
 * job is its own module; this one holds the state and wires them:
 *
 *   - choices, defaults and the dataset they give: engine/sentimentSettings.ts;
 *   - one training run: sentimentTraining.ts; the saved model (two IndexedDB stores):
 *     sentimentCheckpoint.ts; model files in and out: sentimentModelFiles.ts;
 *   - small settings in localStorage (the scoped store's persist).
 *
 * The reader's CSV stays in memory only: it is never uploaded, and not stored either.
 */
import type { LabelledTexts } from '../engine/labelledTexts';
import type { SentimentDataset } from '../engine/sentimentPreprocess';
import {
  DEFAULT_PREP,
  DEFAULT_SETTINGS,
  type ModelSettings,
  type PrepSettings,
  type SentimentLabDefaults,
  cleanPrep,
  cleanSettings,
  datasetOf,
} from '../engine/sentimentSettings';
import { BookError, describeError, type ReaderError } from '../engine/errors';
import { type SentimentWorkerApi, createSentimentWorker } from '../tf/sentimentClient';
import type { TrainProgress } from '../tf/trainLoop';
import type { BackendName, EpochLog } from '../tf/types';
import { createScopedStore } from './scopedStore';
import { loadSentences } from './sentences';
import { forgetCheckpoint, loadCheckpoint, readCheckpointMeta, saveCheckpoint } from './sentimentCheckpoint';
import { exportSentimentModel, importSentimentModel } from './sentimentModelFiles';
import { type LivePoint, type StopInfo, type TrainedModel, compileOf } from './sentimentModel';
import { trainSentiment } from './sentimentTraining';

export type SentimentPhase = 'idle' | 'loading' | 'building' | 'training' | 'ready' | 'error';

export interface SentimentState {
  storageKey: string | null;
  /** The chapter defaults the saved settings were made under. */
  defaultsId: string | null;
  source: 'uci' | 'csv';
  uci: LabelledTexts | null;
  csv: LabelledTexts | null;
  dataError: ReaderError | null;
  prep: PrepSettings;
  /** Derived from the active texts and prep; null while loading or when they cannot be used. */
  dataset: SentimentDataset | null;
  datasetError: ReaderError | null;
  settings: ModelSettings;

  phase: SentimentPhase;
  error: ReaderError | null;
  backend: BackendName | null;
  progress: TrainProgress | null;
  live: LivePoint[];
  history: EpochLog[];
  stop: StopInfo | null;
  model: TrainedModel | null;
  savedAt: string | null;
  /** Why the saved model could not be stored or restored (the page keeps working without it). */
  storageProblem: ReaderError | null;

  /** Called once by the lab's provider: loads the sentences and restores a saved model. */
  init(storageKey: string, defaults?: SentimentLabDefaults): Promise<void>;
  chooseSource(source: 'uci' | 'csv'): void;
  setCsv(texts: LabelledTexts): void;
  setPrep(patch: Partial<PrepSettings>): void;
  setSettings(patch: Partial<ModelSettings>): void;
  train(): Promise<void>;
  cancel(): void;
  /** The worker's tfjs model output for padded id rows (flat [rows, classes]). */
  predict(rows: number[][]): Promise<Float32Array>;
  forget(): Promise<void>;
  exportModel(): Promise<{ modelJson: string; weights: ArrayBuffer; stem: string }>;
  importModel(modelJson: string, weights: ArrayBuffer): Promise<void>;
  reset(): void;
  dispose(): void;
}

type Persisted = { prep: PrepSettings; settings: ModelSettings; defaultsId: string | null };

function createSentimentStore() {
  return createScopedStore<SentimentState, Persisted>(
    'SentimentLab',
    (set, get) => {
      let worker: SentimentWorkerApi | null = null;
      const client = () => (worker ??= createSentimentWorker());
      /** Re-derives the dataset from the active texts and the preprocessing choices. */
      function derive() {
        const { source, uci, csv, prep } = get();
        const texts = source === 'csv' && csv ? csv : uci;
        if (!texts) return set({ dataset: null, datasetError: null });
        try {
          set({ dataset: datasetOf(texts, prep), datasetError: null });
        } catch (error) {
          set({ dataset: null, datasetError: describeError(error) });
        }
      }

      async function saveModel(model: TrainedModel, history: EpochLog[], stop: StopInfo | null) {
        const key = get().storageKey;
        if (!key) return;
        try {
          const savedAt = await saveCheckpoint(client(), key, model, { compile: compileOf(get().settings), history, stop });
          set({ savedAt, storageProblem: null });
        } catch (error) {
          set({ storageProblem: describeError(error) });
        }
      }

      async function restore(key: string) {
        let meta: Awaited<ReturnType<typeof readCheckpointMeta>>;
        try {
          meta = await readCheckpointMeta(key);
        } catch (error) {
          return set({ storageProblem: describeError(error) });
        }
        if (!meta) return;
        set({ phase: 'building' });
        try {
          const restored = await loadCheckpoint(client(), key, meta);
          if (!restored) return set({ phase: 'idle' });
          set({ phase: 'ready', ...restored });
        } catch (error) {
          set({ phase: 'idle', storageProblem: describeError(error) });
        }
      }

      let initialSettings = DEFAULT_SETTINGS;
      let initialPrep = DEFAULT_PREP;

      return {
        storageKey: null,
        defaultsId: null,
        source: 'uci',
        uci: null,
        csv: null,
        dataError: null,
        prep: DEFAULT_PREP,
        dataset: null,
        datasetError: null,
        settings: DEFAULT_SETTINGS,
        phase: 'idle',
        error: null,
        backend: null,
        progress: null,
        live: [],
        history: [],
        stop: null,
        model: null,
        savedAt: null,
        storageProblem: null,

        async init(storageKey, defaults = {}) {
          if (get().storageKey === storageKey) return;
          initialSettings = cleanSettings({ ...DEFAULT_SETTINGS, ...defaults.settings });
          initialPrep = cleanPrep({ ...DEFAULT_PREP, ...defaults.prep });
          const defaultsId = JSON.stringify(defaults);
          // A chapter's own defaults win unless the reader has saved choices made under them.
          if (get().defaultsId !== defaultsId) set({ settings: initialSettings, prep: initialPrep, defaultsId });
          set({ storageKey, phase: 'loading' });
          try {
            set({ uci: await loadSentences(), dataError: null });
          } catch (error) {
            set({ dataError: describeError(error) });
          }
          if (get().phase === 'loading') set({ phase: 'idle' });
          derive();
          await restore(storageKey);
        },
        chooseSource(source) {
          set({ source });
          derive();
        },
        setCsv(texts) {
          set({ csv: texts, source: 'csv' });
          derive();
        },
        setPrep(patch) {
          set({ prep: cleanPrep({ ...get().prep, ...patch }) });
          derive();
        },
        setSettings: (patch) => set({ settings: cleanSettings({ ...get().settings, ...patch }) }),

        async train() {
          const { dataset, settings, phase } = get();
          if (!dataset || phase === 'training' || phase === 'building') return;
          const datasetName = (get().source === 'csv' ? get().csv?.name : get().uci?.name) ?? '';
          set({ phase: 'building', error: null, stop: null, progress: null, live: [], history: [] });
          try {
            const { model, history, stop } = await trainSentiment(client(), dataset, settings, datasetName, {
              built: (backend) => set({ phase: 'training', backend }),
              progress: (progress, live) => set({ progress, live: [...get().live, ...live] }),
              epoch: (log) => set({ history: [...get().history, log] }),
            });
            set({ phase: 'ready', model, history, stop });
            await saveModel(model, history, stop);
          } catch (error) {
            set({ phase: 'error', error: describeError(error) });
          }
        },

        cancel: () => worker?.cancel(),

        async predict(rows) {
          return client().call('predict', { ids: Int32Array.from(rows.flat()), n: rows.length });
        },

        async forget() {
          const key = get().storageKey;
          set({ model: null, history: [], live: [], stop: null, savedAt: null, progress: null, phase: get().phase === 'training' ? 'training' : 'idle' });
          if (!key) return;
          try {
            await forgetCheckpoint(client(), key);
          } catch (error) {
            set({ storageProblem: describeError(error) });
          }
        },

        async exportModel() {
          const { model, history } = get();
          if (!model) throw new BookError('model.none', 'Train or import a model first.');
          return exportSentimentModel(client(), model, history);
        },

        async importModel(modelJson, weights) {
          set({ phase: 'building', error: null });
          try {
            const { backend, model, history } = await importSentimentModel(client(), modelJson, weights, compileOf(get().settings));
            set({ phase: 'ready', backend, model, history, live: [], stop: null });
            await saveModel(model, history, null);
          } catch (error) {
            set({ phase: get().model ? 'ready' : 'idle', error: describeError(error) });
          }
        },

        reset() {
          worker?.cancel();
          set({ prep: initialPrep, settings: initialSettings, source: 'uci', error: null });
          derive();
        },

        dispose() {
          worker?.dispose();
          worker = null;
        },
      };
    },
    {
      persist: {
        version: 1,
        partialize: (s) => ({ prep: s.prep, settings: s.settings, defaultsId: s.defaultsId }),
        merge: (saved, current) => {
          const s = saved as Partial<Persisted> | undefined;
          if (!s || typeof s !== 'object') return current;
          // The CSV is not stored, so a reload always starts on the shipped sentences.
          return { ...current, prep: cleanPrep(s.prep), settings: cleanSettings(s.settings), defaultsId: typeof s.defaultsId === 'string' ? s.defaultsId : null };
        },
      },
      dispose: (state) => state.dispose(),
    },
  );
}

/** One store type; every <SentimentLab> provider makes its own instance. */
export const sentimentStore = createSentimentStore();
