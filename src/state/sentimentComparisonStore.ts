/**
 * The comparison view of recipe 11: SimpleRNN, LSTM and GRU trained one after the other, in one
 * sentiment worker of its own that holds all three models, on the very same split of the lab's
 * dataset, with the same embedding size, units, epochs, batch size and learning rate — only the
 * cell differs. Each trains through the one training loop on the engine the probe picks (or the
 * reader's choice, the same for all three), and is checkpointed like the lab's model, so after a
 * reload each can still be exported. Early stopping is off so the three curves cover the same
 * epochs.
 *
 * Each finished run's per-epoch history and spec are kept in localStorage; its weights are in its
 * checkpoint (IndexedDB), read back only when the reader exports the model.
 */
import { BookError, type ReaderError } from '../engine/errors';
import { cleanWith, linkSchema, number } from '../engine/linkSchema';
import type { TensorValues } from '../engine/notebook/writeNotebook';
import { type SentimentCell, sentimentSpec } from '../engine/sentimentModels';
import type { SentimentDataset } from '../engine/sentimentPreprocess';
import type { ModelSpec } from '../engine/spec';
import type { ModelForPython } from '../tf/notebookExport';
import type { SentimentFailure } from '../tf/sentimentCalls';
import { type SentimentWorkerApi, createSentimentWorker } from '../tf/sentimentClient';
import { type EnginePreference, isEnginePreference, type EngineReport, type StopReason, type TrainProgress } from '../tf/training/types';
import type { BackendName, EpochLog } from '../tf/types';
import { workerFailure } from '../tf/workerRpc';
import { createScopedStore } from './scopedStore';
import { type StoreLink, seedFromLinks } from './storeLinks';
import { type LivePoint, type ModelInfo, type SavedModel, dataKeyOf, isSavedModel, modelInfoOf } from './sentimentModel';
import { engineDuring, trainInWorker } from './sentimentTraining';

export const COMPARED_CELLS: readonly SentimentCell[] = ['simpleRNN', 'lstm', 'gru'];

export interface ComparisonSettings {
  embeddingDim: number;
  units: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export interface CellRun {
  history: EpochLog[];
  live: LivePoint[];
  stop: StopReason | null;
  /** Training time of this cell's run (evaluation excluded). */
  seconds: number;
  params: number;
  /** Adam's learning rate it was trained with. */
  learningRate: number;
  /** The model trained, for its Keras and tfjs code. */
  spec: ModelSpec | null;
  /** The engine that trained it and why. */
  engine: EngineReport | null;
  /** After NaN or divergence: what happened, and the step to go back to. */
  failure: SentimentFailure | null;
}

export type ComparisonPhase = 'idle' | 'training' | 'done' | 'error';

export interface ComparisonState {
  settings: ComparisonSettings;
  runs: Partial<Record<SentimentCell, CellRun>>;
  /** What the finished runs were trained on, e.g. "UCI sentences …, 2,098 / 899". */
  trainedOn: string | null;
  phase: ComparisonPhase;
  current: SentimentCell | null;
  progress: TrainProgress | null;
  backend: BackendName | null;
  error: ReaderError | null;
  /** The worker crashed; a restart starts a new one (the finished models come back from their checkpoints). */
  crashed: ReaderError | null;
  /** The reader's engine choice for all three; 'auto' lets the probe pick the fastest for each. */
  enginePreference: EnginePreference;
  /** The chapter's defaults; they replace saved settings that were made under other defaults. */
  defaultsId: string | null;
  /** The settings came from a link (or a link that could not be read asked for the chapter's): the chapter's defaults do not replace them. */
  settingsLinked: boolean;
  applyDefaults(defaults: Partial<ComparisonSettings>): void;
  setSettings(patch: Partial<ComparisonSettings>): void;
  /** Trains every cell on `dataset` in turn. */
  run(dataset: SentimentDataset, datasetName: string): Promise<void>;
  cancel(): void;
  setEngine(preference: EnginePreference): void;
  restoreLastGood(cell: SentimentCell): Promise<void>;
  restartWorker(): void;
  /** The cell's model in the worker (restored from its checkpoint if need be): what reads text, and its weights with a prediction. */
  modelFor(cell: SentimentCell): Promise<ModelInfo>;
  forPython(cell: SentimentCell, input: TensorValues): Promise<ModelForPython>;
  reset(): void;
  dispose(): void;
}

export const COMPARISON_DEFAULTS: ComparisonSettings = { embeddingDim: 32, units: 32, epochs: 5, batchSize: 32, learningRate: 0.01 };

/** Each setting's range: the fields' own min and max, the link's check and the clamp. */
const LIMITS: Record<keyof ComparisonSettings, [number, number]> = { embeddingDim: [2, 128], units: [2, 128], epochs: [1, 50], batchSize: [4, 512], learningRate: [1e-5, 1] };

/** The comparison's settings as a link (and the check of saved ones): the three models share them. */
export const COMPARISON_LINK = linkSchema<ComparisonSettings>(1, {
  embeddingDim: number(...LIMITS.embeddingDim, { integer: true }),
  units: number(...LIMITS.units, { integer: true }),
  epochs: number(...LIMITS.epochs, { integer: true }),
  batchSize: number(...LIMITS.batchSize, { integer: true }),
  learningRate: number(...LIMITS.learningRate),
});

/** The reader's edits, clamped to the limits (the fields' own min and max). */
function clampSettings(s: ComparisonSettings): ComparisonSettings {
  const out = { ...s };
  for (const key of Object.keys(LIMITS) as (keyof ComparisonSettings)[]) out[key] = Math.min(LIMITS[key][1], Math.max(LIMITS[key][0], s[key]));
  return out;
}

const cleanSaved = cleanWith(COMPARISON_LINK);

function isEpochLog(v: unknown): v is EpochLog {
  const e = v as EpochLog;
  return !!e && typeof e === 'object' && Number.isFinite(e.epoch) && Number.isFinite(e.loss);
}

function cleanRuns(runs: unknown): Partial<Record<SentimentCell, CellRun>> {
  const out: Partial<Record<SentimentCell, CellRun>> = {};
  if (!runs || typeof runs !== 'object') return out;
  for (const cell of COMPARED_CELLS) {
    const r = (runs as Record<string, Partial<CellRun>>)[cell];
    if (!r || !Array.isArray(r.history) || !r.history.every(isEpochLog)) continue;
    const spec = r.spec && Array.isArray(r.spec.layers) ? r.spec : null;
    out[cell] = { history: r.history, live: [], stop: r.stop ?? null, seconds: Number(r.seconds) || 0, params: Number(r.params) || 0, learningRate: Number(r.learningRate) || 0, spec, engine: null, failure: null };
  }
  return out;
}

type Persisted = Pick<ComparisonState, 'settings' | 'trainedOn' | 'defaultsId' | 'enginePreference'> & { runs: Partial<Record<SentimentCell, Omit<CellRun, 'live' | 'engine' | 'failure'>>> };

/** What the comparison's provider is given: its storage key (which names its checkpoints), and where its links start it. */
export interface ComparisonInit {
  key: string;
  start: Partial<ComparisonState> | undefined;
}

/** A chapter's settings for the comparison over the book's defaults. */
export const comparisonDefaultsOf = (given: Partial<ComparisonSettings>): ComparisonSettings => ({ ...COMPARISON_DEFAULTS, ...cleanSaved(given) });

/** The comparison's link: the settings the three models share, under its storage key. */
export const comparisonLink = (param: string, defaults: ComparisonSettings): StoreLink<ComparisonState, ComparisonSettings> => ({
  param,
  codec: COMPARISON_LINK,
  defaults,
  pick: (state) => state.settings,
  patch: (settings) => ({ settings, settingsLinked: true }),
});

const EMPTY_RUN: CellRun = { history: [], live: [], stop: null, seconds: 0, params: 0, learningRate: 0, spec: null, engine: null, failure: null };

export function createComparisonStore() {
  return createScopedStore<ComparisonState, Persisted, ComparisonInit>(
    'SentimentComparison',
    (set, get, init) => {
      let worker: SentimentWorkerApi | null = null;
      let cancelled = false;
      let chapterDefaults = COMPARISON_DEFAULTS;
      /** Each cell's model as the page knows it (vocabulary, data), once trained or restored in this worker. */
      let models: Partial<Record<SentimentCell, SavedModel>> = {};
      const client = () => (worker ??= createSentimentWorker());
      const checkpointName = (cell: SentimentCell) => `sentiment-compare-${init.key}-${cell}`;
      const patchRun = (cell: SentimentCell, patch: Partial<CellRun>) => {
        set({ runs: { ...get().runs, [cell]: { ...(get().runs[cell] ?? EMPTY_RUN), ...patch } } });
      };
      const fail = (error: unknown) =>
        set({ phase: 'error', current: null, ...workerFailure(error), progress: null });

      return {
        settings: COMPARISON_DEFAULTS,
        runs: {},
        trainedOn: null,
        phase: 'idle',
        current: null,
        progress: null,
        backend: null,
        error: null,
        crashed: null,
        enginePreference: 'auto',
        defaultsId: null,
        settingsLinked: false,
        applyDefaults(defaults) {
          chapterDefaults = comparisonDefaultsOf(defaults);
          const id = JSON.stringify(defaults);
          // The chapter's defaults win unless the reader has saved choices made under them, or opened a link.
          if (get().defaultsId !== id) set(get().settingsLinked ? { defaultsId: id } : { settings: chapterDefaults, defaultsId: id });
        },
        setSettings: (patch) => set({ settings: clampSettings({ ...get().settings, ...patch }) }),

        async run(dataset, datasetName) {
          if (get().phase === 'training') return;
          const { settings, enginePreference } = get();
          cancelled = false;
          models = {};
          set({ phase: 'training', runs: {}, error: null, crashed: null, progress: null, trainedOn: `${datasetName}, ${dataset.train.length.toLocaleString('en-US')} / ${dataset.validation.length.toLocaleString('en-US')}` });
          const dataKey = dataKeyOf(dataset, datasetName);
          try {
            for (const cell of COMPARED_CELLS) {
              if (cancelled) break;
              set({ current: cell, progress: null });
              const spec = sentimentSpec({ cell, vocabSize: dataset.vocabSize, maxlen: dataset.maxlen, classes: dataset.classes.length, embeddingDim: settings.embeddingDim, units: settings.units });
              const saved: SavedModel = { info: modelInfoOf(dataset, datasetName, spec), dataKey };
              const built = await client().call('build', { model: cell, spec, learningRate: settings.learningRate });
              await client().call('setEngine', { model: cell, preference: enginePreference });
              set({ backend: built.backend });
              patchRun(cell, { params: built.layerParams.reduce((s, l) => s + l.params, 0), spec, learningRate: settings.learningRate });
              const status = await trainInWorker(
                client(),
                {
                  model: cell,
                  dataset,
                  run: { epochs: settings.epochs, batchSize: settings.batchSize, learningRate: settings.learningRate, patience: 0, restoreBest: false, seed: 1 },
                  checkpoint: { name: checkpointName(cell), meta: saved },
                },
                {
                  progress: (progress, live) => {
                    set({ progress });
                    patchRun(cell, { live: [...(get().runs[cell]?.live ?? []), ...live], engine: engineDuring(get().runs[cell]?.engine ?? null, progress) });
                  },
                  epoch: (log) => patchRun(cell, { history: [...(get().runs[cell]?.history ?? []), log] }),
                },
              );
              models[cell] = saved;
              patchRun(cell, { history: status.history, stop: status.stop?.reason ?? null, seconds: status.seconds, engine: status.engine, failure: status.failure });
              if (status.stop?.reason === 'cancelled') cancelled = true;
            }
            set({ phase: 'done', current: null, progress: null });
          } catch (error) {
            fail(error);
          }
        },

        cancel() {
          cancelled = true;
          worker?.cancel();
        },

        setEngine(preference) {
          set({ enginePreference: preference });
        },

        async restoreLastGood(cell) {
          if (get().phase === 'training') return;
          try {
            const saved = models[cell];
            const status = await client().call('restoreLastGood', { model: cell, checkpoint: saved ? { name: checkpointName(cell), meta: saved } : null });
            patchRun(cell, { history: status.history, failure: null, stop: null, live: [] });
          } catch (error) {
            fail(error);
          }
        },

        restartWorker() {
          worker?.dispose();
          worker = null;
          models = {};
          set({ crashed: null, error: null, phase: Object.keys(get().runs).length > 0 ? 'done' : 'idle', current: null, progress: null });
        },

        async modelFor(cell) {
          const known = models[cell];
          if (known) return known.info;
          const restored = await client().call('restore', { model: cell, name: checkpointName(cell) });
          if (!restored || !isSavedModel(restored.meta)) throw new BookError('model.none', 'Train or import a model first.');
          set({ backend: restored.backend });
          models[cell] = restored.meta;
          return restored.meta.info;
        },

        async forPython(cell, input) {
          await get().modelFor(cell);
          return client().call('forPython', { model: cell, input });
        },

        reset() {
          get().cancel();
          const names = COMPARED_CELLS.filter((cell) => get().runs[cell]);
          models = {};
          set({ settings: chapterDefaults, runs: {}, trainedOn: null, error: null, phase: get().phase === 'training' ? 'training' : 'idle' });
          // The checkpoints go with the results they belong to (a run still stopping keeps its own until the next run).
          if (get().phase !== 'training') for (const cell of names) void client().call('forget', { name: checkpointName(cell), model: cell }).catch(() => undefined);
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
        partialize: (s) => ({
          settings: s.settings,
          defaultsId: s.defaultsId,
          trainedOn: s.trainedOn,
          enginePreference: s.enginePreference,
          // Only finished runs are worth restoring; a half-trained comparison is not a comparison.
          runs: s.phase === 'training' ? {} : Object.fromEntries(Object.entries(s.runs).map(([cell, { live: _l, engine: _e, failure: _f, ...r }]) => [cell, r])),
        }),
        merge: (saved, current) => {
          const s = saved as Partial<Persisted> | undefined;
          if (!s || typeof s !== 'object') return current;
          const runs = cleanRuns(s.runs);
          const pref = s.enginePreference;
          return {
            ...current,
            settings: { ...current.settings, ...cleanSaved((s.settings ?? {}) as Record<string, unknown>) },
            runs,
            trainedOn: typeof s.trainedOn === 'string' ? s.trainedOn : null,
            defaultsId: typeof s.defaultsId === 'string' ? s.defaultsId : null,
            enginePreference: isEnginePreference(pref) ? pref : current.enginePreference,
            phase: Object.keys(runs).length > 0 ? 'done' : 'idle',
          };
        },
      },
      seed: (store, init) => seedFromLinks(store, init.start),
      dispose: (state) => state.dispose(),
    },
  );
}

export const comparisonStore = createComparisonStore();
