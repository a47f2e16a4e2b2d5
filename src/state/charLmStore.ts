/**
 * The store behind the novel chapter (recipe 17): one character-model worker, the text it
 * trains on, its training history and samples, the generation and unit-inspection results, and
 * an imported model. The worker keeps its own checkpoint in IndexedDB; this store persists only
 * the reader's settings, so a reload asks the worker to resume and shows its restored step.
 */
import {
  type CharCellStep,
  type CharInput,
  type CharLmCalls,
  type CharLmConfig,
  BOOK_CONFIG,
  BROWSER_CONFIG,
  type GeneratedChar,
  type HistoryPoint,
  type ModelInfo,
  type SampleLog,
  type TrainerStatus,
  type UnitTrace,
} from '../tf/charLmCalls';
import { type CharLmWorkerApi, createCharLmWorker } from '../tf/charLmClient';
import { MEASURE_SECONDS } from '../tf/training/engines';
import { type EnginePreference, isEnginePreference, type EngineReport } from '../tf/training/types';
import { workerFailure } from '../tf/workerRpc';
import { createScopedStore } from './scopedStore';
import { seedFromLinks } from './storeLinks';
import { type ReaderError, describeError } from '../engine/errors';

export type SizePreset = 'browser' | 'browser2' | 'book';

export const PRESETS: Record<SizePreset, CharLmConfig> = {
  browser: BROWSER_CONFIG,
  browser2: { ...BROWSER_CONFIG, layers: 2 },
  book: BOOK_CONFIG,
};

export const MOBY_DICK_URL = `${import.meta.env.BASE_URL}generated/moby-dick.txt`;
export const LOSS_EVAL_EVERY = 20;
const CHECKPOINT_EVERY = 25;

export interface OwnText {
  name: string;
  text: string;
}

export interface CharLmState {
  preset: SizePreset;
  /** What the first layer reads ('auto': one-hot up to EMBEDDING_ABOVE distinct characters, else an Embedding). */
  input: CharInput;
  /** The reader's engine choice; 'auto' lets the probe pick the fastest. */
  enginePreference: EnginePreference;
  engine: EngineReport | null;
  /** After NaN or divergence: the explanation and the step to go back to. */
  failure: TrainerStatus['failure'];
  /** The worker crashed; a restart starts a new one (and resumes from the last checkpoint). */
  crashed: ReaderError | null;
  samplePrime: string;
  sampleEvery: number;
  gen: { prime: string; length: number; topN: number; temperature: number; seed: number };

  phase: 'idle' | 'loading' | 'ready' | 'training' | 'error';
  error: ReaderError | null;
  loadProgress: { loaded: number; total: number } | null;
  status: TrainerStatus | null;
  history: HistoryPoint[];
  samples: SampleLog[];
  step: number;
  charsPerSecond: number | null;
  lastCheckpoint: number | null;
  compare: { loopCharsPerSecond: number; fitCharsPerSecond: number; engine: string; fitBackend: string } | null;
  comparing: boolean;
  /** "Measure again" is timing the engines. */
  measuring: boolean;
  ownText: OwnText | null;

  model: ModelInfo | null;
  /** Why the last model import was refused, with its code (the widget words it); the model in use stays. */
  importError: ReaderError | null;
  generated: { chars: GeneratedChar[]; prime: string } | null;
  generating: boolean;
  genError: ReaderError | null;
  trace: UnitTrace | null;
  traceError: ReaderError | null;
  /** The first LSTM layer's step at one character of a text (the cell diagram's numbers), with the question it answers. */
  cell: { text: string; at: number; step: CharCellStep | null } | null;
  cellError: ReaderError | null;

  set(patch: Partial<Pick<CharLmState, 'samplePrime' | 'sampleEvery'>>): void;
  setGen(patch: Partial<CharLmState['gen']>): void;
  load(options?: { resume?: boolean }): Promise<void>;
  setPreset(preset: SizePreset): Promise<void>;
  setInput(input: CharInput): Promise<void>;
  setEngine(preference: EnginePreference): Promise<void>;
  /** Times the engines again on this model. */
  measureEngines(): Promise<void>;
  restoreLastGood(): Promise<void>;
  restartWorker(): Promise<void>;
  useText(own: OwnText | null): Promise<void>;
  train(): Promise<void>;
  pause(): void;
  restart(): Promise<void>;
  compareWithFit(): Promise<void>;
  generate(): Promise<void>;
  readText(text: string): Promise<void>;
  /** Traces the first layer's step at character `at` of `text` (a later call wins over an earlier one still running). */
  readCell(text: string, at: number): Promise<void>;
  importModel(files: { modelJson: string; weightFiles: { name: string; data: ArrayBuffer }[]; chars: string }): Promise<void>;
  useTrained(): Promise<void>;
  /** The model in use, read from the worker with its prediction on `prime`, for a notebook. */
  forPython(prime: string): Promise<CharLmCalls['forPython']['result']>;
  dispose(): void;
}

type Saved = Pick<CharLmState, 'preset' | 'samplePrime' | 'sampleEvery' | 'gen' | 'input' | 'enginePreference'>;

/** The reader's settings before they change any (also where a link that cannot be read starts). */
export const CHAR_LM_SETTINGS: Saved = {
  preset: 'browser',
  input: 'auto',
  enginePreference: 'auto',
  samplePrime: 'The ',
  sampleEvery: 50,
  gen: { prime: 'Call me ', length: 300, topN: 4, temperature: 1, seed: 1 },
};

export function createCharLmStore(storageKey: string) {
  return createScopedStore<CharLmState, Saved, Partial<CharLmState> | undefined>(
    'CharLmLab',
    (set, get) => {
      let worker: CharLmWorkerApi | null = null;
      const client = () => (worker ??= createCharLmWorker());
      /** Picks come faster than the worker answers; only the last one's answer is shown. */
      let cellAsks = 0;
      /** Another model or text: what was read with the old one goes, and an answer still on its way is dropped. */
      const forgetReadings = () => {
        cellAsks += 1;
        return { generated: null, trace: null, cell: null, cellError: null };
      };
      const checkpointKey = () => `${storageKey}-${get().ownText ? 'own' : 'moby'}`;
      const config = (): CharLmConfig => ({ ...PRESETS[get().preset], input: get().input });
      /** A crash is shown with a restart button; anything else as an error. */
      const fail = (error: unknown) =>
        set({ phase: 'error', ...workerFailure(error), loadProgress: null });
      /** The text being loaded and the model built on it; an import waits for it, so the import is what the reader ends with. */
      let loading: Promise<void> | null = null;

      async function loadText({ resume = true }: { resume?: boolean } = {}): Promise<void> {
        if (get().phase === 'training') return;
        set({ phase: 'loading', error: null, loadProgress: null, compare: null });
        const own = get().ownText;
        try {
          const status = await client().call(
            'load',
            {
              source: own ? { kind: 'own', name: own.name, text: own.text } : { kind: 'moby-dick', url: MOBY_DICK_URL },
              config: config(),
              storageKey: checkpointKey(),
              resume,
            },
            (p) => set({ loadProgress: p }),
          );
          const model = get().model?.source === 'imported' ? get().model : await client().call('useTrained', null);
          await client().call('setEngine', { preference: get().enginePreference });
          set({ phase: 'ready', ...fromStatus(status), loadProgress: null, model });
        } catch (error) {
          fail(error);
        }
      }

      const fromStatus = (status: TrainerStatus) => ({ status, engine: status.engine, failure: status.failure, history: status.history, samples: status.samples, step: status.step });

      return {
        ...CHAR_LM_SETTINGS,
        engine: null,
        failure: null,
        crashed: null,
        phase: 'idle',
        error: null,
        loadProgress: null,
        status: null,
        history: [],
        samples: [],
        step: 0,
        charsPerSecond: null,
        lastCheckpoint: null,
        compare: null,
        comparing: false,
        measuring: false,
        ownText: null,
        model: null,
        importError: null,
        generated: null,
        generating: false,
        genError: null,
        trace: null,
        traceError: null,
        cell: null,
        cellError: null,

        set: (patch) => set(patch),
        setGen: (patch) => set({ gen: { ...get().gen, ...patch } }),

        load(options = {}) {
          const run = loadText(options);
          loading = run;
          void run.finally(() => {
            if (loading === run) loading = null;
          });
          return run;
        },

        async setInput(input) {
          set({ input });
          await get().load();
        },

        async setEngine(preference) {
          set({ enginePreference: preference });
          try {
            const status = await client().call('setEngine', { preference });
            if (status) set({ engine: status.engine });
          } catch (error) {
            fail(error);
          }
        },

        async measureEngines() {
          if (get().phase !== 'ready' || get().measuring) return;
          set({ measuring: true });
          try {
            const status = await client().call('measureEngines', { seconds: MEASURE_SECONDS });
            set({ engine: status.engine, measuring: false });
          } catch (error) {
            set({ measuring: false });
            fail(error);
          }
        },

        async restoreLastGood() {
          if (get().phase === 'training') return;
          try {
            const status = await client().call('restoreLastGood', null);
            set({ phase: 'ready', ...fromStatus(status), lastCheckpoint: status.step });
          } catch (error) {
            fail(error);
          }
        },

        async restartWorker() {
          worker?.dispose();
          worker = null;
          set({ crashed: null, error: null, phase: 'idle' });
          await get().load();
        },

        async setPreset(preset) {
          set({ preset });
          await get().load();
        },

        async useText(own) {
          set({ ownText: own, ...forgetReadings() });
          await get().load();
        },

        async train() {
          // Not while "Measure again" runs: the measurement may retire the engine a run would train on.
          if (get().phase !== 'ready' || get().measuring) return;
          set({ phase: 'training', error: null });
          try {
            const status = await client().call(
              'train',
              { maxSteps: 1_000_000, sampleEvery: get().sampleEvery, evalEvery: LOSS_EVAL_EVERY, checkpointEvery: CHECKPOINT_EVERY, prime: get().samplePrime },
              (p) => {
                if (p.paused) return;
                const s = get();
                const point: HistoryPoint = { step: p.step, loss: p.loss, seconds: p.seconds, ...(p.validation ? { valLoss: p.validation.loss } : {}) };
                set({
                  history: [...s.history, point],
                  step: p.step,
                  charsPerSecond: p.itemsPerSecond,
                  engine: s.engine?.engine === p.engine ? s.engine : { engine: p.engine, chosenBy: s.engine?.chosenBy ?? 'probe', timings: s.engine?.timings ?? [] },
                  ...(p.sample ? { samples: [...s.samples.slice(-19), p.sample] } : {}),
                  ...(p.checkpointed ? { lastCheckpoint: p.step } : {}),
                });
              },
            );
            set({ phase: 'ready', status, engine: status.engine, failure: status.failure, step: status.step, lastCheckpoint: status.failure ? get().lastCheckpoint : status.step });
          } catch (error) {
            fail(error);
          }
        },

        pause: () => worker?.cancel(),

        async restart() {
          if (get().phase === 'training') return;
          await client().call('clearCheckpoint', { storageKey: checkpointKey() });
          set({ history: [], samples: [], step: 0, lastCheckpoint: null, ...forgetReadings() });
          await get().load({ resume: false });
        },

        async compareWithFit() {
          if (get().phase !== 'ready') return;
          set({ comparing: true });
          try {
            const r = await client().call('compareWithFit', { batches: 5 });
            set({ compare: r, comparing: false });
          } catch (error) {
            set({ comparing: false, error: describeError(error) });
          }
        },

        async generate() {
          const { gen } = get();
          set({ generating: true, genError: null });
          try {
            const { chars, trace } = await client().call('generate', { prime: gen.prime, length: gen.length, topN: gen.topN > 0 ? gen.topN : null, temperature: gen.temperature, seed: gen.seed });
            set({ generated: { chars, prime: gen.prime }, trace, generating: false });
          } catch (error) {
            set({ generating: false, genError: describeError(error) });
          }
        },

        async readText(text) {
          set({ traceError: null });
          try {
            set({ trace: await client().call('trace', { text }) });
          } catch (error) {
            set({ traceError: describeError(error) });
          }
        },

        async readCell(text, at) {
          const asked = ++cellAsks;
          try {
            const step = await client().call('cellStep', { text, at });
            if (asked === cellAsks) set({ cell: { text, at, step }, cellError: null });
          } catch (error) {
            if (asked === cellAsks) set({ cell: null, cellError: describeError(error) });
          }
        },

        async importModel(files) {
          set({ importError: null });
          try {
            await loading?.catch(() => undefined);
            const model = await client().call('importModel', files);
            set({ model, ...forgetReadings() });
          } catch (error) {
            set({ importError: describeError(error) });
          }
        },

        async useTrained() {
          set({ model: await client().call('useTrained', null), ...forgetReadings(), importError: null });
        },

        forPython: (prime) => client().call('forPython', { prime }),

        dispose() {
          worker?.dispose();
          worker = null;
        },
      };
    },
    {
      persist: {
        version: 1,
        partialize: ({ preset, samplePrime, sampleEvery, gen, input, enginePreference }) => ({ preset, samplePrime, sampleEvery, gen, input, enginePreference }),
        merge: (saved, current) => {
          const s = saved as Partial<Saved> | undefined;
          if (!s) return current;
          const g = s.gen && typeof s.gen === 'object' ? s.gen : undefined;
          const okGen =
            g && typeof g.prime === 'string' && [g.length, g.topN, g.temperature, g.seed].every((v) => typeof v === 'number' && Number.isFinite(v));
          return {
            ...current,
            preset: s.preset && s.preset in PRESETS ? s.preset : current.preset,
            samplePrime: typeof s.samplePrime === 'string' && s.samplePrime.length > 0 ? s.samplePrime : current.samplePrime,
            sampleEvery: Number.isInteger(s.sampleEvery) && (s.sampleEvery as number) > 0 ? (s.sampleEvery as number) : current.sampleEvery,
            gen: okGen ? (g as CharLmState['gen']) : current.gen,
            input: s.input === 'one-hot' || s.input === 'embedding' || s.input === 'auto' ? s.input : current.input,
            enginePreference: isEnginePreference(s.enginePreference) ? s.enginePreference : current.enginePreference,
          };
        },
      },
      dispose: (s) => s.dispose(),
      // The settings of the page's links (storeLinks.ts), before the lab's first load.
      seed: seedFromLinks,
    },
  );
}

export const CharLmStore = createCharLmStore('novel');
