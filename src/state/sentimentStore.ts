/**
 * The store behind the sentiment chapters (recipes 4, 7, 8, 11–13): the labelled texts (the
 * shipped UCI sentences or the reader's CSV), the preprocessing choices and the dataset they give,
 * a browser-size model trained in the sentiment worker, and that model kept across reloads:
 *
 *   - small settings in localStorage (the scoped store's persist);
 *   - the model itself in IndexedDB via tfjs ("indexeddb://unrolled-sentiment-<key>");
 *   - what the model needs besides weights (spec, vocabulary, classes, history) in IndexedDB via
 *     idb-keyval, under "unrolled:sentiment-model:<key>".
 *
 * The reader's CSV stays in memory only: it is never uploaded, and not stored either.
 */
import { del as idbDel, get as idbGet, set as idbSet } from 'idb-keyval';
import { type SentimentCell, sentimentSpec } from '../engine/sentimentModels';
import { type SentimentDataset, prepareSentiment, toTrainingArrays } from '../engine/sentimentPreprocess';
import type { ModelSpec } from '../engine/spec';
import type { Vocabulary } from '../engine/text';
import { type SentimentWorkerApi, createSentimentWorker } from '../tf/sentimentClient';
import type { StopReason, TrainProgress } from '../tf/trainLoop';
import type { BackendName, CompileOptions, EpochLog, NamedWeight } from '../tf/types';
import { type LabelledTexts, STOP_WORDS } from '../engine/labelledTexts';
import { loadSentences } from './sentences';
import { createScopedStore } from './scopedStore';
import { errorMessage } from '../engine/errors';

export type SentimentPhase = 'idle' | 'loading' | 'building' | 'training' | 'ready' | 'error';

export interface PrepSettings {
  /** 0 = keep every word. */
  numWords: number;
  /** 0 = the longest text. */
  maxlen: number;
  padding: 'pre' | 'post';
}

export interface ModelSettings {
  cell: SentimentCell;
  embeddingDim: number;
  units: number;
  layers: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Early stopping patience in epochs; 0 = off. */
  patience: number;
  /** Dropout rate after each recurrent layer (recipe 12); 0 = none. */
  dropout: number;
  /** Each recurrent layer wrapped in Bidirectional (recipe 13). */
  bidirectional: boolean;
}

/** A trained (or restored, or imported) model and what it needs to read new text. */
export interface TrainedModel {
  spec: ModelSpec;
  weights: NamedWeight[];
  /** Words by id: vocabWords[i] has id i + 1. */
  vocabWords: string[];
  numWords: number | undefined;
  classes: string[];
  maxlen: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
  datasetName: string;
  summary: string[];
  layerParams: { name: string; params: number }[];
}

export interface StopInfo {
  reason: StopReason;
  epoch?: number;
  batch?: number;
  loss?: number;
  bestEpoch?: number | null;
}

/** A point of the live curve: running training figures at a fractional epoch. */
export interface LivePoint {
  x: number;
  loss: number;
  accuracy: number;
}

export interface SentimentState {
  storageKey: string | null;
  /** The chapter defaults the saved settings were made under. */
  defaultsId: string | null;
  source: 'uci' | 'csv';
  uci: LabelledTexts | null;
  csv: LabelledTexts | null;
  dataError: string | null;
  prep: PrepSettings;
  /** Derived from the active texts and prep; null while loading or when they cannot be used. */
  dataset: SentimentDataset | null;
  datasetError: string | null;
  settings: ModelSettings;

  phase: SentimentPhase;
  error: string | null;
  backend: BackendName | null;
  progress: TrainProgress | null;
  live: LivePoint[];
  history: EpochLog[];
  stop: StopInfo | null;
  model: TrainedModel | null;
  savedAt: string | null;
  /** Why the saved model could not be stored or restored (the page keeps working without it). */
  storageProblem: string | null;

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

const DEFAULT_PREP: PrepSettings = { numWords: 0, maxlen: 0, padding: 'post' };
const DEFAULT_SETTINGS: ModelSettings = { cell: 'simpleRNN', embeddingDim: 32, units: 40, layers: 1, epochs: 10, batchSize: 32, learningRate: 0.005, patience: 3, dropout: 0, bidirectional: false };
export const SENTIMENT_LIMITS = { units: [2, 256], embeddingDim: [2, 128], layers: [1, 3], epochs: [1, 200], batchSize: [4, 512], learningRate: [1e-5, 1], patience: [0, 50], dropout: [0, 0.9], numWords: [0, 50000], maxlen: [0, 500] } as const;

const compileOf = (settings: ModelSettings): CompileOptions => ({ optimizer: 'adam', learningRate: settings.learningRate, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const metaKey = (key: string) => `unrolled:sentiment-model:${key}`;
const modelKey = (key: string) => `sentiment-${key}`;

/** Everything of a TrainedModel but its weights (those live in tfjs' IndexedDB store). */
type SavedMeta = Omit<TrainedModel, 'weights' | 'summary' | 'layerParams'> & { compile: CompileOptions; history: EpochLog[]; stop: StopInfo | null; savedAt: string };

export function vocabularyOf(model: Pick<TrainedModel, 'vocabWords' | 'numWords'>): Vocabulary {
  return { counts: [], wordIndex: new Map(model.vocabWords.map((w, i) => [w, i + 1])), options: { filters: '', numWords: model.numWords } };
}

/** Words by id, for the ids the model's embedding has rows for. */
function vocabWordsOf(dataset: SentimentDataset): string[] {
  const words: string[] = [];
  for (const [word, id] of dataset.vocab.wordIndex) if (id < dataset.vocabSize) words[id - 1] = word;
  return words;
}

function isSavedMeta(value: unknown): value is SavedMeta {
  const v = value as SavedMeta;
  return !!v && typeof v === 'object' && !!v.spec && Array.isArray(v.spec.layers) && Array.isArray(v.vocabWords) && Array.isArray(v.classes) && Number.isInteger(v.maxlen) && Array.isArray(v.history);
}

const clampTo = (value: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, value));

function cleanSettings(s: Partial<ModelSettings> | undefined): ModelSettings {
  const out = { ...DEFAULT_SETTINGS };
  if (!s || typeof s !== 'object') return out;
  if (s.cell === 'simpleRNN' || s.cell === 'lstm' || s.cell === 'gru') out.cell = s.cell;
  if (typeof s.bidirectional === 'boolean') out.bidirectional = s.bidirectional;
  for (const key of ['embeddingDim', 'units', 'layers', 'epochs', 'batchSize', 'learningRate', 'patience', 'dropout'] as const) {
    const v = s[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = clampTo(v, SENTIMENT_LIMITS[key]);
  }
  return out;
}

function cleanPrep(p: Partial<PrepSettings> | undefined): PrepSettings {
  const out = { ...DEFAULT_PREP };
  if (!p || typeof p !== 'object') return out;
  if (p.padding === 'pre' || p.padding === 'post') out.padding = p.padding;
  if (typeof p.numWords === 'number' && Number.isInteger(p.numWords) && p.numWords >= 0) out.numWords = p.numWords === 1 ? 0 : p.numWords;
  if (typeof p.maxlen === 'number' && Number.isInteger(p.maxlen) && p.maxlen >= 0) out.maxlen = p.maxlen;
  return out;
}

export const STOP_MESSAGES: Record<StopReason, string> = {
  done: 'sentiment.stop.done',
  cancelled: 'sentiment.stop.cancelled',
  earlyStopping: 'sentiment.stop.early',
  nan: 'sentiment.stop.nan',
  diverged: 'sentiment.stop.diverged',
  timeLimit: 'sentiment.stop.time',
};

export interface SentimentLabDefaults {
  settings?: Partial<ModelSettings>;
  prep?: Partial<PrepSettings>;
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
          const dataset = prepareSentiment(texts.texts, texts.labels, {
            stopWords: STOP_WORDS,
            numWords: prep.numWords >= 2 ? prep.numWords : undefined,
            maxlen: prep.maxlen > 0 ? prep.maxlen : undefined,
            padding: prep.padding,
          });
          set({ dataset, datasetError: null });
        } catch (error) {
          set({ dataset: null, datasetError: errorMessage(error) });
        }
      }

      async function saveModel(model: TrainedModel, history: EpochLog[], stop: StopInfo | null) {
        const key = get().storageKey;
        if (!key) return;
        try {
          await client().call('save', { key: modelKey(key) });
          const savedAt = new Date().toISOString();
          const { weights: _w, summary: _s, layerParams: _l, ...rest } = model;
          const meta: SavedMeta = { ...rest, compile: compileOf(get().settings), history, stop, savedAt };
          await idbSet(metaKey(key), meta);
          set({ savedAt, storageProblem: null });
        } catch (error) {
          set({ storageProblem: errorMessage(error) });
        }
      }

      async function restore(key: string) {
        let meta: unknown;
        try {
          meta = await idbGet(metaKey(key));
        } catch (error) {
          return set({ storageProblem: errorMessage(error) });
        }
        if (!isSavedMeta(meta)) return;
        set({ phase: 'building' });
        try {
          const built = await client().call('restore', { key: modelKey(key), spec: meta.spec, compile: meta.compile });
          if (!built) return set({ phase: 'idle' });
          const { compile: _c, history, stop, savedAt, ...rest } = meta;
          set({
            phase: 'ready',
            backend: built.backend,
            model: { ...rest, weights: built.weights, summary: built.summary, layerParams: built.layerParams },
            history,
            stop,
            savedAt,
          });
        } catch (error) {
          set({ phase: 'idle', storageProblem: errorMessage(error) });
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
            set({ dataError: errorMessage(error) });
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
          const spec = sentimentSpec({ ...settings, vocabSize: dataset.vocabSize, maxlen: dataset.maxlen, classes: dataset.classes.length });
          const compile = compileOf(settings);
          set({ phase: 'building', error: null, stop: null, progress: null, live: [], history: [] });
          try {
            const built = await client().call('build', { spec, compile });
            set({ phase: 'training', backend: built.backend });
            const train = toTrainingArrays(dataset, dataset.train);
            const validation = dataset.validation.length > 0 ? toTrainingArrays(dataset, dataset.validation) : null;
            let pending: TrainProgress | null = null;
            const livePending: LivePoint[] = [];
            let frame = 0;
            // Batches arrive faster than the screen refreshes; hand them to React once per frame.
            const flush = () => {
              frame = 0;
              const p = pending;
              pending = null;
              if (!p) return;
              set({ progress: p, live: [...get().live, ...livePending.splice(0)] });
            };
            const result = await client().call('train', { train, validation, options: { epochs: settings.epochs, batchSize: settings.batchSize, patience: settings.patience, restoreBest: true } }, (p) => {
              pending = p;
              livePending.push({ x: p.epoch - 1 + p.batch / p.batches, loss: p.loss, accuracy: p.accuracy });
              if (p.log) set({ history: [...get().history, p.log] });
              frame ||= requestAnimationFrame(flush);
            });
            if (frame) cancelAnimationFrame(frame);
            flush();
            const model: TrainedModel = {
              spec,
              weights: result.weights,
              vocabWords: vocabWordsOf(dataset),
              numWords: dataset.options.numWords,
              classes: dataset.classes,
              maxlen: dataset.maxlen,
              padding: dataset.options.padding,
              truncating: dataset.options.truncating,
              datasetName: (get().source === 'csv' ? get().csv?.name : get().uci?.name) ?? '',
              summary: built.summary,
              layerParams: built.layerParams,
            };
            const stop: StopInfo = { reason: result.stopReason, epoch: result.badBatch?.epoch, batch: result.badBatch?.batch, loss: result.badBatch?.loss, bestEpoch: result.bestEpoch };
            set({ phase: 'ready', model, history: result.history, stop });
            await saveModel(model, result.history, stop);
          } catch (error) {
            set({ phase: 'error', error: errorMessage(error) });
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
            await idbDel(metaKey(key));
            await client().call('forget', { key: modelKey(key) });
          } catch (error) {
            set({ storageProblem: errorMessage(error) });
          }
        },

        async exportModel() {
          const { model, history } = get();
          if (!model) throw new Error('Train or import a model first.');
          const stem = `unrolled-${model.spec.layers.map((l) => l.kind).join('-')}`;
          const { weights: _w, summary: _s, layerParams: _l, ...meta } = model;
          const out = await client().call('exportModel', { metadata: { unrolled: { ...meta, history } }, weightsFile: `${stem}.weights.bin` });
          return { ...out, stem };
        },

        async importModel(modelJson, weights) {
          set({ phase: 'building', error: null });
          try {
            const built = await client().call('importModel', { modelJson, weights, compile: compileOf(get().settings) });
            const meta = (built.metadata as { unrolled?: Partial<SavedMeta> } | null)?.unrolled;
            const embedding = built.spec.layers[0];
            if (embedding?.kind !== 'embedding') throw new Error('The imported model does not start with an Embedding layer, so it cannot read word ids.');
            if (!meta || !Array.isArray(meta.vocabWords) || !Array.isArray(meta.classes)) {
              throw new Error('The model has no vocabulary in its metadata (it was not exported by this book), so its word ids cannot be matched to words.');
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
            const history = Array.isArray(meta.history) ? meta.history : [];
            set({ phase: 'ready', backend: built.backend, model, history, live: [], stop: null });
            await saveModel(model, history, null);
          } catch (error) {
            set({ phase: get().model ? 'ready' : 'idle', error: errorMessage(error) });
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
