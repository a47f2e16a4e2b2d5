/**
 * The comparison view of recipe 11: SimpleRNN, LSTM and GRU trained one after the other, in one
 * sentiment worker of its own, on the very same split of the lab's dataset, with the same
 * embedding size, units, epochs, batch size and learning rate — only the cell differs. Early
 * stopping is off so that the three curves cover the same epochs.
 *
 * Each finished run's per-epoch history is kept in localStorage (the models are not: the lab's
 * own trainer is where a model is kept), so the comparison survives a reload.
 */
import type { SentimentCell } from '../engine/sentimentModels';
import { sentimentSpec } from '../engine/sentimentModels';
import { type SentimentDataset, toTrainingArrays } from '../engine/sentimentPreprocess';
import { type SentimentWorkerApi, createSentimentWorker } from '../tf/sentimentClient';
import type { StopReason, TrainProgress } from '../tf/trainLoop';
import type { BackendName, EpochLog } from '../tf/types';
import { createScopedStore } from './scopedStore';
import type { LivePoint } from './sentimentModel';
import { type ReaderError, describeError } from '../engine/errors';

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
  /** Training time of this cell's run. */
  seconds: number;
  params: number;
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
  /** The chapter's defaults; they replace saved settings that were made under other defaults. */
  defaultsId: string | null;
  applyDefaults(defaults: Partial<ComparisonSettings>): void;
  setSettings(patch: Partial<ComparisonSettings>): void;
  /** Trains every cell on `dataset` in turn. */
  run(dataset: SentimentDataset, datasetName: string): Promise<void>;
  cancel(): void;
  reset(): void;
  dispose(): void;
}

export const COMPARISON_DEFAULTS: ComparisonSettings = { embeddingDim: 32, units: 32, epochs: 5, batchSize: 32, learningRate: 0.01 };
const LIMITS: Record<keyof ComparisonSettings, [number, number]> = { embeddingDim: [2, 128], units: [2, 128], epochs: [1, 50], batchSize: [4, 512], learningRate: [1e-5, 1] };

function cleanSettings(s: unknown, base: ComparisonSettings): ComparisonSettings {
  const out = { ...base };
  if (!s || typeof s !== 'object') return out;
  for (const key of Object.keys(LIMITS) as (keyof ComparisonSettings)[]) {
    const v = (s as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = Math.min(LIMITS[key][1], Math.max(LIMITS[key][0], v));
  }
  return out;
}

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
    out[cell] = { history: r.history, live: [], stop: r.stop ?? null, seconds: Number(r.seconds) || 0, params: Number(r.params) || 0 };
  }
  return out;
}

type Persisted = Pick<ComparisonState, 'settings' | 'trainedOn' | 'defaultsId'> & { runs: Partial<Record<SentimentCell, Omit<CellRun, 'live'>>> };

export function createComparisonStore() {
  return createScopedStore<ComparisonState, Persisted>(
    'SentimentComparison',
    (set, get) => {
      let worker: SentimentWorkerApi | null = null;
      let cancelled = false;
      let chapterDefaults = COMPARISON_DEFAULTS;
      const client = () => (worker ??= createSentimentWorker());
      const patchRun = (cell: SentimentCell, patch: Partial<CellRun>) => {
        const before = get().runs[cell] ?? { history: [], live: [], stop: null, seconds: 0, params: 0 };
        set({ runs: { ...get().runs, [cell]: { ...before, ...patch } } });
      };

      return {
        settings: COMPARISON_DEFAULTS,
        runs: {},
        trainedOn: null,
        phase: 'idle',
        current: null,
        progress: null,
        backend: null,
        error: null,
        defaultsId: null,
        applyDefaults(defaults) {
          chapterDefaults = cleanSettings(defaults, COMPARISON_DEFAULTS);
          const id = JSON.stringify(defaults);
          if (get().defaultsId !== id) set({ settings: chapterDefaults, defaultsId: id });
        },
        setSettings: (patch) => set({ settings: cleanSettings({ ...get().settings, ...patch }, get().settings) }),

        async run(dataset, datasetName) {
          if (get().phase === 'training') return;
          const { settings } = get();
          cancelled = false;
          set({ phase: 'training', runs: {}, error: null, progress: null, trainedOn: `${datasetName}, ${dataset.train.length.toLocaleString('en-US')} / ${dataset.validation.length.toLocaleString('en-US')}` });
          const train = toTrainingArrays(dataset, dataset.train);
          const validation = dataset.validation.length > 0 ? toTrainingArrays(dataset, dataset.validation) : null;
          try {
            for (const cell of COMPARED_CELLS) {
              if (cancelled) break;
              set({ current: cell, progress: null });
              const spec = sentimentSpec({ cell, vocabSize: dataset.vocabSize, maxlen: dataset.maxlen, classes: dataset.classes.length, embeddingDim: settings.embeddingDim, units: settings.units });
              const built = await client().call('build', { spec, compile: { optimizer: 'adam', learningRate: settings.learningRate, loss: 'categoricalCrossentropy', metrics: ['accuracy'] } });
              set({ backend: built.backend });
              patchRun(cell, { params: built.layerParams.reduce((s, l) => s + l.params, 0) });
              const started = performance.now();
              let pending: TrainProgress | null = null;
              const live: LivePoint[] = [];
              let frame = 0;
              // Batches arrive faster than the screen refreshes; hand them to React once per frame.
              const flush = () => {
                frame = 0;
                if (pending) set({ progress: pending });
                pending = null;
                patchRun(cell, { live: [...live] });
              };
              const result = await client().call('train', { train, validation, options: { epochs: settings.epochs, batchSize: settings.batchSize, patience: 0, restoreBest: false } }, (p) => {
                pending = p;
                live.push({ x: p.epoch - 1 + p.batch / p.batches, loss: p.loss, accuracy: p.accuracy });
                if (p.log) patchRun(cell, { history: [...(get().runs[cell]?.history ?? []), p.log] });
                frame ||= requestAnimationFrame(flush);
              });
              if (frame) cancelAnimationFrame(frame);
              flush();
              patchRun(cell, { history: result.history, stop: result.stopReason, seconds: (performance.now() - started) / 1000 });
              if (result.stopReason === 'cancelled') cancelled = true;
            }
            set({ phase: 'done', current: null, progress: null });
          } catch (error) {
            set({ phase: 'error', current: null, error: describeError(error) });
          }
        },

        cancel() {
          cancelled = true;
          worker?.cancel();
        },

        reset() {
          get().cancel();
          set({ settings: chapterDefaults, runs: {}, trainedOn: null, error: null, phase: get().phase === 'training' ? 'training' : 'idle' });
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
          // Only finished runs are worth restoring; a half-trained comparison is not a comparison.
          runs: s.phase === 'training' ? {} : Object.fromEntries(Object.entries(s.runs).map(([cell, { live: _l, ...r }]) => [cell, r])),
        }),
        merge: (saved, current) => {
          const s = saved as Partial<Persisted> | undefined;
          if (!s || typeof s !== 'object') return current;
          const runs = cleanRuns(s.runs);
          return { ...current, settings: cleanSettings(s.settings, current.settings), runs, trainedOn: typeof s.trainedOn === 'string' ? s.trainedOn : null, defaultsId: typeof s.defaultsId === 'string' ? s.defaultsId : null, phase: Object.keys(runs).length > 0 ? 'done' : 'idle' };
        },
      },
      dispose: (state) => state.dispose(),
    },
  );
}

export const comparisonStore = createComparisonStore();
