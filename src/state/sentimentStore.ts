/**
 * The store behind the sentiment chapters (recipes 4, 7, 8, 11–13): the labelled texts (the
 * shipped UCI sentences or the reader's CSV), the preprocessing choices and the dataset they give,
 * a browser-size model trained in the sentiment worker, and that model kept across reloads. Each
 * job is its own module; this one holds the state and wires them:
 *
 *   - choices, defaults, their link format and the dataset they give: engine/sentimentSettings.ts;
 *   - one training run: sentimentTraining.ts; the model's checkpoint (weights, Adam's state and
 *     position, written by the worker into the one checkpoint store, with the model's vocabulary
 *     and data beside them): sentimentModel.ts; model files in and out: sentimentModelFiles.ts;
 *   - small settings in localStorage (the scoped store's persist).
 *
 * A run stopped part-way (cancelled, or cut by a reload) can be continued: the worker resumes
 * from the checkpoint with exactly the steps it would have taken.
 * The reader's CSV stays in memory only: it is never uploaded, and not stored either.
 */
import type { LabelledTexts } from '../engine/labelledTexts';
import { type SentimentDataset, toTrainingArrays } from '../engine/sentimentPreprocess';
import { sentimentSpec } from '../engine/sentimentModels';
import {
  DEFAULT_PREP,
  DEFAULT_SETTINGS,
  type ModelSettings,
  type PrepSettings,
  SENTIMENT_PREP_LINK,
  SENTIMENT_SETTINGS_LINK,
  type SentimentLabDefaults,
  cleanPrep,
  cleanSettings,
  datasetOf,
} from '../engine/sentimentSettings';
import { BookError, type ReaderError, describeError } from '../engine/errors';
import type { TensorValues } from '../engine/notebook/writeNotebook';
import type { ModelForPython } from '../tf/notebookExport';
import type { SentimentCheckpointTarget, SentimentFailure, SentimentModelStatus, SentimentRunConfig, SentimentStop } from '../tf/sentimentCalls';
import { type SentimentWorkerApi, createSentimentWorker } from '../tf/sentimentClient';
import { indexedDbCheckpoints } from '../tf/training/checkpoints';
import { MEASURE_SECONDS } from '../tf/training/engines';
import { type EnginePreference, isEnginePreference, type EngineReport, type Position, type TrainProgress } from '../tf/training/types';
import type { BackendName, EpochLog } from '../tf/types';
import { isWorkerCrash, workerFailure } from '../tf/workerRpc';
import { createScopedStore } from './scopedStore';
import { loadSentences } from './sentences';
import { type StoreLink, seedFromLinks } from './storeLinks';
import { type LivePoint, type ModelInfo, type SavedModel, type TrainedModel, dataKeyOf, isSavedModel, modelInfoOf, trainedModelOf, withoutWeights } from './sentimentModel';
import { exportSentimentModel, importSentimentModel } from './sentimentModelFiles';
import { engineDuring, trainInWorker } from './sentimentTraining';

export type SentimentPhase = 'idle' | 'loading' | 'building' | 'training' | 'ready' | 'error';

/** The lab's model in its worker. */
const LAB_MODEL = 'lab';
/** Seeds each epoch's shuffle; fixed, so a continued run sees the batches an uninterrupted one would. */
const SHUFFLE_SEED = 1;

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
  /** The settings came from a link (or a link that could not be read asked for the chapter's): the chapter's defaults do not replace them. */
  settingsLinked: boolean;
  /** The same for the preprocessing choices. */
  prepLinked: boolean;

  phase: SentimentPhase;
  error: ReaderError | null;
  /** The tfjs backend the model's tfjs copy lives on (predict, save, export). */
  backend: BackendName | null;
  /** The reader's engine choice; 'auto' lets the probe pick the fastest. */
  enginePreference: EnginePreference;
  engine: EngineReport | null;
  /** After NaN or divergence: what happened, and the step to go back to. */
  failure: SentimentFailure | null;
  /** The worker crashed; a restart starts a new one from the last checkpoint. */
  crashed: ReaderError | null;
  /** "Measure again" is timing the engines on the model. */
  measuring: boolean;
  progress: TrainProgress | null;
  live: LivePoint[];
  history: EpochLog[];
  stop: SentimentStop | null;
  model: TrainedModel | null;
  /** How the model was last trained, where it is in its data and which data that is: what continuing needs. */
  run: SentimentRunConfig | null;
  position: Position | null;
  dataKey: string | null;
  savedAt: string | null;
  /** Why the saved model could not be stored or restored (the page keeps working without it). */
  storageProblem: ReaderError | null;

  /** Called once by the lab's provider: loads the sentences and restores a saved model. */
  init(storageKey: string, defaults?: SentimentLabDefaults): Promise<void>;
  chooseSource(source: 'uci' | 'csv'): void;
  setCsv(texts: LabelledTexts): void;
  setPrep(patch: Partial<PrepSettings>): void;
  setSettings(patch: Partial<ModelSettings>): void;
  /** Builds a fresh model from the settings and trains it for settings.epochs. */
  train(): Promise<void>;
  /** Trains the current model on from where it is to settings.epochs (see canContinue). */
  continueTraining(): Promise<void>;
  cancel(): void;
  setEngine(preference: EnginePreference): Promise<void>;
  /** Times the engines again on the trained model and the first training batch. */
  measureEngines(): Promise<void>;
  restoreLastGood(): Promise<void>;
  restartWorker(): Promise<void>;
  /** The worker's tfjs model output for padded id rows (flat [rows, classes]). */
  predict(rows: number[][]): Promise<Float32Array>;
  /** The worker's weights and prediction for one input, read together, for a notebook. */
  forPython(input: TensorValues): Promise<ModelForPython>;
  forget(): Promise<void>;
  exportModel(): Promise<{ modelJson: string; weights: ArrayBuffer; stem: string }>;
  importModel(modelJson: string, weights: ArrayBuffer): Promise<void>;
  reset(): void;
  dispose(): void;
}

type Persisted = { prep: PrepSettings; settings: ModelSettings; defaultsId: string | null; enginePreference: EnginePreference };

const datasetNameOf = (s: Pick<SentimentState, 'source' | 'csv' | 'uci'>) => (s.source === 'csv' ? s.csv?.name : s.uci?.name) ?? '';

/** Whether "Continue" can train the current model on: same data, epochs left, nothing to go back from. */
export function canContinue(s: SentimentState): boolean {
  const { model, position, run, dataset, phase, failure } = s;
  if (!model || !position || !run || !dataset || failure || (phase !== 'ready' && phase !== 'idle')) return false;
  return position.epoch < s.settings.epochs && s.dataKey === dataKeyOf(dataset, datasetNameOf(s));
}

function createSentimentStore() {
  return createScopedStore<SentimentState, Persisted, Partial<SentimentState> | undefined>(
    'SentimentLab',
    (set, get) => {
      let worker: SentimentWorkerApi | null = null;
      const client = () => (worker ??= createSentimentWorker());
      const checkpointName = () => `sentiment-${get().storageKey}`;
      /** A crash is shown with a restart button; anything else as an error. */
      const fail = (error: unknown, phase: SentimentPhase = 'error') =>
        set({ phase: isWorkerCrash(error) ? 'error' : phase, ...workerFailure(error), progress: null });

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

      /** The page's state after any call that changed the worker's model. */
      function adopt(status: SentimentModelStatus, info: ModelInfo | null, dataKey: string | null) {
        set({
          backend: status.backend,
          engine: status.engine ?? get().engine,
          failure: status.failure,
          history: status.history,
          stop: status.stop,
          run: status.run,
          position: status.position,
          savedAt: status.savedAt,
          ...(info ? { model: trainedModelOf(info, status), dataKey } : {}),
        });
      }

      /** Where the worker writes this lab's checkpoint, with the page's part beside the weights. */
      const target = (info: ModelInfo, dataKey: string | null): SentimentCheckpointTarget | null =>
        get().storageKey ? { name: checkpointName(), meta: { info, dataKey: dataKey ?? '' } satisfies SavedModel } : null;

      const hasCheckpoint = () => indexedDbCheckpoints().has(checkpointName());

      async function restore() {
        try {
          if (!(await hasCheckpoint())) return;
        } catch (error) {
          return set({ storageProblem: describeError(error) });
        }
        set({ phase: 'building' });
        try {
          const restored = await client().call('restore', { model: LAB_MODEL, name: checkpointName() });
          if (!restored || !isSavedModel(restored.meta)) return set({ phase: 'idle' });
          adopt(restored, restored.meta.info, restored.meta.dataKey || null);
          set({ phase: 'ready', live: [] });
          await client().call('setEngine', { model: LAB_MODEL, preference: get().enginePreference });
        } catch (error) {
          if (isWorkerCrash(error)) return fail(error);
          set({ phase: 'idle', storageProblem: describeError(error) });
        }
      }

      /** One run of the lab's model to settings.epochs; `fresh` builds a new model from the settings first. */
      async function run(fresh: boolean) {
        const { dataset, settings, phase, measuring } = get();
        // Not while "Measure again" runs: the measurement may retire the engine a run would train on.
        if (!dataset || measuring || phase === 'training' || phase === 'building') return;
        const datasetName = datasetNameOf(get());
        const dataKey = fresh ? dataKeyOf(dataset, datasetName) : get().dataKey;
        set({ phase: 'building', error: null, failure: null, stop: null, progress: null, ...(fresh ? { live: [], history: [] } : {}) });
        try {
          let info: ModelInfo;
          if (fresh) {
            const spec = sentimentSpec({ ...settings, vocabSize: dataset.vocabSize, maxlen: dataset.maxlen, classes: dataset.classes.length });
            info = modelInfoOf(dataset, datasetName, spec);
            await client().call('build', { model: LAB_MODEL, spec, learningRate: settings.learningRate });
            await client().call('setEngine', { model: LAB_MODEL, preference: get().enginePreference });
          } else {
            info = withoutWeights(get().model!);
          }
          const runConfig: SentimentRunConfig = {
            epochs: settings.epochs,
            // A continued run keeps the batches it was cut into; everything else follows the settings.
            batchSize: fresh ? settings.batchSize : get().run!.batchSize,
            learningRate: settings.learningRate,
            patience: settings.patience,
            restoreBest: true,
            seed: SHUFFLE_SEED,
          };
          set({ phase: 'training' });
          const status = await trainInWorker(client(), { model: LAB_MODEL, dataset, run: runConfig, checkpoint: target(info, dataKey) }, {
            progress: (progress, live) => set({ progress, live: [...get().live, ...live], engine: engineDuring(get().engine, progress) }),
            epoch: (log) => set({ history: [...get().history, log] }),
          });
          adopt(status, info, dataKey);
          set({ phase: 'ready', progress: null });
        } catch (error) {
          fail(error, get().model ? 'ready' : 'error');
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
        settingsLinked: false,
        prepLinked: false,
        phase: 'idle',
        error: null,
        backend: null,
        enginePreference: 'auto',
        engine: null,
        failure: null,
        crashed: null,
        measuring: false,
        progress: null,
        live: [],
        history: [],
        stop: null,
        model: null,
        run: null,
        position: null,
        dataKey: null,
        savedAt: null,
        storageProblem: null,

        async init(storageKey, defaults = {}) {
          if (get().storageKey === storageKey) return;
          initialSettings = cleanSettings({ ...DEFAULT_SETTINGS, ...defaults.settings });
          initialPrep = cleanPrep({ ...DEFAULT_PREP, ...defaults.prep });
          const defaultsId = JSON.stringify(defaults);
          // A chapter's own defaults win unless the reader has saved choices made under them, or opened a link.
          if (get().defaultsId !== defaultsId) set({ ...(get().settingsLinked ? {} : { settings: initialSettings }), ...(get().prepLinked ? {} : { prep: initialPrep }), defaultsId });
          set({ storageKey, phase: 'loading' });
          try {
            set({ uci: await loadSentences(), dataError: null });
          } catch (error) {
            set({ dataError: describeError(error) });
          }
          if (get().phase === 'loading') set({ phase: 'idle' });
          derive();
          await restore();
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

        train: () => run(true),
        continueTraining: () => (canContinue(get()) ? run(false) : Promise.resolve()),

        cancel: () => worker?.cancel(),

        async setEngine(preference) {
          set({ enginePreference: preference });
          if (!worker) return;
          try {
            const report = await client().call('setEngine', { model: LAB_MODEL, preference });
            if (report) set({ engine: report });
          } catch (error) {
            fail(error, get().phase);
          }
        },

        async measureEngines() {
          const { model, phase, dataset, measuring } = get();
          if (!model || !dataset || measuring || phase !== 'ready') return;
          const batchSize = get().run?.batchSize ?? get().settings.batchSize;
          set({ measuring: true });
          try {
            const sample = toTrainingArrays(dataset, dataset.train.slice(0, batchSize));
            set({ engine: await client().call('measureEngines', { model: LAB_MODEL, sample, batchSize, seconds: MEASURE_SECONDS }) });
          } catch (error) {
            fail(error, get().phase);
          } finally {
            set({ measuring: false });
          }
        },

        async restoreLastGood() {
          const { model, phase } = get();
          if (!model || phase === 'training' || phase === 'building') return;
          try {
            const info = withoutWeights(model);
            const status = await client().call('restoreLastGood', { model: LAB_MODEL, checkpoint: target(info, get().dataKey) });
            adopt(status, info, get().dataKey);
            // The curve goes back with the weights: live points past the restored position are gone.
            const batches = Math.ceil((get().dataset?.train.length ?? 1) / (status.run?.batchSize ?? 1));
            const at = status.position.epoch + status.position.batchInEpoch / Math.max(1, batches);
            set({ phase: 'ready', live: get().live.filter((p) => p.x <= at) });
          } catch (error) {
            fail(error, 'ready');
          }
        },

        async restartWorker() {
          worker?.dispose();
          worker = null;
          set({ crashed: null, error: null, phase: 'idle', progress: null, model: null, run: null, position: null, failure: null });
          await restore();
        },

        async predict(rows) {
          return client().call('predict', { model: LAB_MODEL, ids: Int32Array.from(rows.flat()), n: rows.length });
        },

        forPython: (input) => client().call('forPython', { model: LAB_MODEL, input }),

        async forget() {
          const phase = get().phase;
          set({ model: null, history: [], live: [], stop: null, failure: null, savedAt: null, progress: null, run: null, position: null, dataKey: null, phase: phase === 'training' ? 'training' : 'idle' });
          if (!get().storageKey) return;
          try {
            await client().call('forget', { name: checkpointName() });
          } catch (error) {
            set({ storageProblem: describeError(error) });
          }
        },

        async exportModel() {
          const { model, history } = get();
          if (!model) throw new BookError('model.none', 'Train or import a model first.');
          return exportSentimentModel(client(), LAB_MODEL, model, history);
        },

        async importModel(modelJson, weights) {
          set({ phase: 'building', error: null });
          try {
            const { status, model, history } = await importSentimentModel(client(), LAB_MODEL, modelJson, weights, get().settings.learningRate);
            const info = withoutWeights(model);
            set({ phase: 'ready', model, history, live: [], stop: null, failure: null, engine: null, backend: status.backend, run: null, position: status.position, dataKey: null });
            await client().call('setEngine', { model: LAB_MODEL, preference: get().enginePreference });
            const checkpoint = target(info, null);
            if (checkpoint) {
              try {
                const { savedAt } = await client().call('save', { model: LAB_MODEL, checkpoint });
                set({ savedAt, storageProblem: null });
              } catch (error) {
                set({ storageProblem: describeError(error) });
              }
            }
          } catch (error) {
            fail(error, get().model ? 'ready' : 'idle');
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
        partialize: (s) => ({ prep: s.prep, settings: s.settings, defaultsId: s.defaultsId, enginePreference: s.enginePreference }),
        merge: (saved, current) => {
          const s = saved as Partial<Persisted> | undefined;
          if (!s || typeof s !== 'object') return current;
          const pref = s.enginePreference;
          // The CSV is not stored, so a reload always starts on the shipped sentences.
          return {
            ...current,
            prep: cleanPrep(s.prep),
            settings: cleanSettings(s.settings),
            defaultsId: typeof s.defaultsId === 'string' ? s.defaultsId : null,
            enginePreference: isEnginePreference(pref) ? pref : current.enginePreference,
          };
        },
      },
      dispose: (state) => state.dispose(),
      seed: seedFromLinks,
    },
  );
}

/**
 * The trainer's link: its settings (the chosen model and its hyperparameters), under
 * sentiment-train-<lab key>; a link that cannot be read starts from `defaults`, the chapter's.
 * Trained weights do not travel in it (the shell says so and points to the export).
 */
export const trainerLink = (labKey: string, defaults: ModelSettings): StoreLink<SentimentState, ModelSettings> => ({
  param: `sentiment-train-${labKey}`,
  codec: SENTIMENT_SETTINGS_LINK,
  defaults,
  pick: (state) => state.settings,
  patch: (settings) => ({ settings, settingsLinked: true }),
});

/**
 * The data widget's link: its preprocessing choices, under sentiment-data-<lab key>; a link that
 * cannot be read starts from `defaults`, the chapter's. The reader's CSV is never in it.
 */
export const dataLink = (labKey: string, defaults: PrepSettings): StoreLink<SentimentState, PrepSettings> => ({
  param: `sentiment-data-${labKey}`,
  codec: SENTIMENT_PREP_LINK,
  defaults,
  pick: (state) => state.prep,
  patch: (prep) => ({ prep: cleanPrep(prep), prepLinked: true }),
});

/** One store type; every <SentimentLab> provider makes its own instance. */
export const sentimentStore = createSentimentStore();
