/**
 * The store behind the MNIST chapter (recipe 14): one worker with the model and the training
 * digits, the curves it reports, the held-out digits the reader can pick from, and the weights
 * the engine reads each digit with. The worker keeps the weights in IndexedDB; this store saves
 * only the chosen size, so a reload asks the worker to restore and shows where training stood.
 */
import { type DigitSet, decodeDigits } from '../engine/mnistDigits';
import { fetchBytes } from '../tf/fetchBytes';
import {
  MNIST_BOOK_CONFIG,
  MNIST_BROWSER_CONFIG,
  type MnistConfig,
  type MnistEvaluation,
  type MnistHistoryPoint,
  type MnistStatus,
  type MnistTrainProgress,
} from '../tf/mnistCalls';
import { type MnistWorkerApi, createMnistWorker } from '../tf/mnistClient';
import type { ModelForPython } from '../tf/notebookExport';
import { MEASURE_SECONDS } from '../tf/training/engines';
import { type EnginePreference, isEnginePreference } from '../tf/training/types';
import type { NamedWeight } from '../tf/types';
import { workerFailure } from '../tf/workerRpc';
import { createScopedStore } from './scopedStore';
import { seedFromLinks } from './storeLinks';
import { type ReaderError, describeError } from '../engine/errors';

export type MnistPreset = 'browser' | 'book';

export const MNIST_PRESETS: Record<MnistPreset, MnistConfig> = { browser: MNIST_BROWSER_CONFIG, book: MNIST_BOOK_CONFIG };

export const MNIST_URLS = { train: `${import.meta.env.BASE_URL}generated/mnist-train.bin`, test: `${import.meta.env.BASE_URL}generated/mnist-test.bin` };
/** Held-out accuracy is measured after every this many seconds of training. */
export const EVAL_EVERY_SECONDS = 15;

export interface Progress {
  loaded: number;
  total: number;
}

export interface MnistState {
  preset: MnistPreset;
  phase: 'idle' | 'loading' | 'ready' | 'fetching' | 'training' | 'error';
  error: ReaderError | null;
  dataProgress: Progress | null;
  status: MnistStatus | null;
  history: MnistHistoryPoint[];
  evaluations: MnistEvaluation[];
  progress: MnistTrainProgress | null;
  /** The model's weights as last fetched, for the engine's row-by-row reading. */
  weights: { values: NamedWeight[]; version: number } | null;

  enginePreference: EnginePreference;
  /** The worker crashed; restarting starts a new one from the last checkpoint. */
  crashed: ReaderError | null;
  /** "Measure again" is timing the engines. */
  measuring: boolean;

  heldOut: DigitSet | null;
  heldOutProgress: Progress | null;
  heldOutError: ReaderError | null;

  load(options?: { resume?: boolean }): Promise<void>;
  setPreset(preset: MnistPreset): Promise<void>;
  /** Trains until stopped, or for `seconds` of training time. */
  train(seconds?: number | null): Promise<void>;
  stop(): void;
  reset(): Promise<void>;
  predict(pixels: Float32Array): Promise<Float32Array>;
  /** The worker's weights and prediction for one digit, read together, for a notebook. */
  forPython(pixels: Float32Array): Promise<ModelForPython & { step: number; seconds: number }>;
  loadHeldOut(): Promise<void>;
  setEngine(preference: EnginePreference): Promise<void>;
  /** Times the engines again (loading the digits first if needed). */
  measureEngines(): Promise<void>;
  restoreLastGood(): Promise<void>;
  restartWorker(): Promise<void>;
  dispose(): void;
}

type Saved = Pick<MnistState, 'preset' | 'enginePreference'>;

export function createMnistStore() {
  return createScopedStore<MnistState, Saved, Partial<MnistState> | undefined>(
    'MnistLab',
    (set, get) => {
      let worker: MnistWorkerApi | null = null;
      const client = () => (worker ??= createMnistWorker());
      let heldOutLoading: Promise<void> | null = null;
      const fail = (error: unknown) =>
        set({ phase: 'error', ...workerFailure(error), dataProgress: null });

      async function fetchWeights() {
        const { weights, version } = await client().call('weights', null);
        set({ weights: { values: weights, version } });
      }

      /** The digits are fetched once, the first time training or measuring needs them. */
      async function ensureDigits() {
        if (get().status?.trainCount) return;
        set({ phase: 'fetching', dataProgress: { loaded: 0, total: 0 } });
        await adopt(await client().call('loadData', MNIST_URLS, (p) => set({ dataProgress: p })));
        set({ dataProgress: null });
      }

      async function adopt(status: MnistStatus) {
        set({ status, history: status.history, evaluations: status.evaluations });
        if (get().weights?.version !== status.weightsVersion) await fetchWeights();
      }

      return {
        preset: 'browser',
        phase: 'idle',
        error: null,
        dataProgress: null,
        status: null,
        history: [],
        evaluations: [],
        progress: null,
        weights: null,
        enginePreference: 'auto',
        crashed: null,
        measuring: false,
        heldOut: null,
        heldOutProgress: null,
        heldOutError: null,

        async load({ resume = true } = {}) {
          if (get().phase === 'training' || get().phase === 'fetching') return;
          set({ phase: 'loading', error: null, progress: null });
          try {
            await adopt(await client().call('load', { config: MNIST_PRESETS[get().preset], resume }));
            await client().call('setEngine', { preference: get().enginePreference });
            set({ phase: 'ready' });
          } catch (error) {
            fail(error);
          }
        },

        async setEngine(preference) {
          set({ enginePreference: preference });
          try {
            const status = await client().call('setEngine', { preference });
            if (status) set({ status });
          } catch (error) {
            fail(error);
          }
        },

        async restoreLastGood() {
          if (get().phase === 'training') return;
          try {
            await adopt(await client().call('restoreLastGood', null));
            set({ phase: 'ready' });
          } catch (error) {
            fail(error);
          }
        },

        async restartWorker() {
          worker?.dispose();
          worker = null;
          set({ crashed: null, error: null, phase: 'idle', weights: null });
          await get().load();
        },

        async setPreset(preset) {
          set({ preset });
          await get().load();
        },

        async measureEngines() {
          if (get().phase !== 'ready' || get().measuring) return;
          set({ error: null });
          try {
            await ensureDigits();
            set({ phase: 'ready', measuring: true });
            await adopt(await client().call('measureEngines', { seconds: MEASURE_SECONDS }));
            set({ measuring: false });
          } catch (error) {
            set({ measuring: false });
            fail(error);
          }
        },

        async train(seconds = null) {
          if (get().phase !== 'ready' || get().measuring) return;
          set({ error: null });
          try {
            await ensureDigits();
            set({ phase: 'training' });
            const status = await client().call('train', { evalEverySeconds: EVAL_EVERY_SECONDS, timeLimitSeconds: seconds }, (p) => {
              if (p.paused) return;
              const s = get();
              set({
                progress: p,
                history: [...s.history, { step: p.step, loss: p.loss, accuracy: p.accuracy, seconds: p.seconds }],
                ...(p.validation ? { evaluations: [...s.evaluations, { step: p.step, seconds: p.seconds, ...p.validation }] } : {}),
              });
              // New weights were just saved: let the reader's digit be read by them.
              if (p.validation) void fetchWeights().catch(() => undefined);
            });
            await adopt(status);
            set({ phase: 'ready' });
          } catch (error) {
            fail(error);
          }
        },

        stop: () => worker?.cancel(),

        async reset() {
          if (get().phase === 'training' || get().phase === 'fetching') return;
          set({ phase: 'loading', error: null, progress: null });
          try {
            await adopt(await client().call('reset', { config: MNIST_PRESETS[get().preset] }));
            set({ phase: 'ready' });
          } catch (error) {
            set({ phase: 'error', error: describeError(error) });
          }
        },

        forPython: (pixels) => client().call('forPython', { pixels: Float32Array.from(pixels) }),

        async predict(pixels) {
          const { probabilities } = await client().call('predict', { pixels: Float32Array.from(pixels) });
          return probabilities;
        },

        loadHeldOut() {
          heldOutLoading ??= (async () => {
            set({ heldOutProgress: { loaded: 0, total: 0 }, heldOutError: null });
            try {
              const bytes = await fetchBytes(MNIST_URLS.test, (loaded, total) => set({ heldOutProgress: { loaded, total } }));
              set({ heldOut: decodeDigits(bytes), heldOutProgress: null });
            } catch (error) {
              heldOutLoading = null;
              set({ heldOutError: describeError(error), heldOutProgress: null });
            }
          })();
          return heldOutLoading;
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
        partialize: ({ preset, enginePreference }) => ({ preset, enginePreference }),
        merge: (saved, current) => {
          const s = saved as Partial<Saved> | undefined;
          const pref = s?.enginePreference;
          return {
            ...current,
            preset: s?.preset && Object.hasOwn(MNIST_PRESETS, s.preset) ? s.preset : current.preset,
            enginePreference: isEnginePreference(pref) ? pref : current.enginePreference,
          };
        },
      },
      dispose: (s) => s.dispose(),
      // A link's model and engine (storeLinks.ts), before the lab's first load.
      seed: seedFromLinks,
    },
  );
}

export const MnistStore = createMnistStore();
