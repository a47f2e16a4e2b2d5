/**
 * The store behind the "hello" chapter (recipe 15): a tiny SimpleRNN + Dense(softmax) trained on
 * the four pairs of a five-character word — h→e, e→l, l→l, l→o for "hello" — in the model worker's
 * one training loop, and the weights it learned, which the engine then runs step by step for
 * display. The worker keeps weights, Adam's state and history in the one IndexedDB checkpoint
 * store, so the model survives a reload and a further run continues exactly.
 *
 * The Chinese edition teaches with 你好好学习 ("study hard", opening with 你好, "hello"): five
 * characters, four of them distinct, and one repeated back to back, so 好 is followed once by 好
 * and once by 学 — the same lesson as hello's two l's: the input alone cannot tell the next
 * character; the state carried from earlier steps must.
 */
import { type CharVocabulary, vocabularyOf } from '../engine/charBatches';
import type { ModelSpec } from '../engine/spec';
import type { TrainedStatus } from '../tf/modelCalls';
import type { TrainFailure } from '../tf/training/failure';
import { type ModelWorkerApi, createModelWorker } from '../tf/modelWorkerClient';
import type { ModelForPython } from '../tf/notebookExport';
import type { ExampleSet } from '../tf/training/batches';
import { type EnginePreference, isEnginePreference, type EngineReport } from '../tf/training/types';
import type { ArrayData, EpochLog, NamedWeight } from '../tf/types';
import { workerFailure } from '../tf/workerRpc';
import { createScopedStore } from './scopedStore';
import { BookError, type ReaderError } from '../engine/errors';

/** The word each edition learns; both have five characters, four distinct, one repeated next to itself (hello: l l; 你好好学习: 好 好)… */
export const HELLO_WORDS = { en: 'hello', zh: '你好好学习' } as const;
export const HELLO_WORD = HELLO_WORDS.en;
const HELLO_UNITS = 8;
export const HELLO_LEARNING_RATE = 0.05;

/** …so both models have the same shape: four one-hot steps in, four softmax rows out. */
export function helloVocab(word: string): CharVocabulary {
  return vocabularyOf([...new Set(word)]);
}

export function helloSpec(word: string): ModelSpec {
  const V = helloVocab(word).chars.length;
  return {
    inputShape: [[...word].length - 1, V],
    layers: [
      { kind: 'simpleRNN', name: 'rnn', units: HELLO_UNITS, activation: 'tanh', returnSequences: true },
      { kind: 'dense', name: 'next_char', units: V, activation: 'softmax' },
    ],
  };
}

export const HELLO_SPEC = helloSpec(HELLO_WORD);

const oneHotRows = (chars: string[], vocab: CharVocabulary) => chars.flatMap((c) => vocab.chars.map((v) => (v === c ? 1 : 0)));

/** Inputs "hell", targets "ello": one sequence of four steps, one-hot over four characters (a notebook's data). */
export function helloData(word: string = HELLO_WORD): ArrayData {
  const chars = [...word];
  const vocab = helloVocab(word);
  const steps = chars.length - 1;
  const V = vocab.chars.length;
  return {
    x: Float32Array.from(oneHotRows(chars.slice(0, -1), vocab)),
    xShape: [1, steps, V],
    y: Float32Array.from(oneHotRows(chars.slice(1), vocab)),
    yShape: [1, steps, V],
  };
}

/** The same as the loop's one example: one-hot inputs, and the next character's id at every step. */
function helloExamples(word: string): ExampleSet {
  const chars = [...word];
  const vocab = helloVocab(word);
  return {
    n: 1,
    steps: chars.length - 1,
    x: { kind: 'values', values: helloData(word).x, features: vocab.chars.length },
    y: { kind: 'classes', classes: Int32Array.from(chars.slice(1), (c) => vocab.index.get(c)!), perExample: chars.length - 1 },
  };
}

export interface HelloState {
  word: string;
  vocab: CharVocabulary;
  phase: 'idle' | 'building' | 'ready' | 'training' | 'error';
  error: ReaderError | null;
  /** The worker crashed; restarting starts a new one from the last checkpoint. */
  crashed: ReaderError | null;
  enginePreference: EnginePreference;
  engine: EngineReport | null;
  failure: TrainFailure | null;
  weights: NamedWeight[] | null;
  history: EpochLog[];
  /** tfjs predict on the word's first four characters: [4 steps × 4 chars], to check the engine against. */
  predicted: Float32Array | null;
  build(): Promise<void>;
  train(epochs: number): Promise<void>;
  setEngine(preference: EnginePreference): Promise<void>;
  restoreLastGood(): Promise<void>;
  restartWorker(): Promise<void>;
  /** The model's weights and tfjs' prediction on the word, read from the worker, for a notebook. */
  forPython(): Promise<ModelForPython>;
  /** Fresh random weights; the history starts again. */
  reset(): void;
  dispose(): void;
}

interface Saved {
  enginePreference: EnginePreference;
}


/** The provider's `init` is the word its edition learns. */
export const HelloStore = createScopedStore<HelloState, Saved, string>(
  'HelloLab',
  (set, get, word) => {
    let worker: ModelWorkerApi | null = null;
    let opened = false;
    /** A reset or restart drops the answers of calls made before it. */
    let generation = 0;
    const spec = helloSpec(word);
    const data = helloData(word);
    const client = () => (worker ??= createModelWorker());
    const fail = (error: unknown) => set({ phase: 'error', ...workerFailure(error) });
    const adopt = (status: TrainedStatus) => set({ engine: status.engine, failure: status.failure, weights: status.weights, history: status.history });
    const predict = async () => {
      set({ predicted: (await client().call('predict', { x: data.x, shape: data.xShape })).values });
    };

    async function open(fresh: boolean) {
      const mine = ++generation;
      set({ phase: 'building', error: null, predicted: null });
      try {
        await client().call('setEngine', { preference: get().enginePreference });
        const status = await client().call('open', { spec, learningRate: HELLO_LEARNING_RATE, checkpoint: `hello-lm-${word}`, key: JSON.stringify([spec, word]), fresh });
        if (mine !== generation) return;
        opened = true;
        adopt(status);
        set({ phase: 'ready' });
        await predict();
      } catch (error) {
        if (mine === generation) fail(error);
      }
    }

    return {
      word,
      vocab: helloVocab(word),
      phase: 'idle',
      error: null,
      crashed: null,
      enginePreference: 'auto',
      engine: null,
      failure: null,
      weights: null,
      history: [],
      predicted: null,

      async build() {
        if (opened || get().phase === 'building') return;
        await open(false);
      },

      async train(epochs) {
        await get().build();
        if (get().phase !== 'ready') return;
        const mine = generation;
        set({ phase: 'training', failure: null });
        try {
          const status = await client().call('train', { data: helloExamples(word), epochs, batchSize: 1, learningRate: HELLO_LEARNING_RATE });
          if (mine !== generation) return;
          adopt(status);
          set({ phase: 'ready' });
          await predict();
        } catch (error) {
          if (mine === generation) fail(error);
        }
      },

      async setEngine(preference) {
        set({ enginePreference: preference });
        if (!worker || get().phase === 'training') return;
        try {
          const status = await client().call('setEngine', { preference });
          if (status) set({ engine: status.engine });
        } catch (error) {
          fail(error);
        }
      },

      async restoreLastGood() {
        if (get().phase === 'training' || !opened) return;
        try {
          adopt(await client().call('restoreLastGood', null));
          set({ phase: 'ready' });
          await predict();
        } catch (error) {
          fail(error);
        }
      },

      async restartWorker() {
        worker?.dispose();
        worker = null;
        opened = false;
        set({ crashed: null, error: null });
        await open(false);
      },

      async forPython() {
        if (get().phase !== 'ready') throw new BookError('model.notReady', 'The model is not built, or is training.');
        return client().call('forPython', { input: { values: data.x, shape: data.xShape } });
      },

      reset() {
        worker?.dispose();
        worker = null;
        opened = false;
        set({ failure: null, weights: null, history: [], predicted: null });
        void open(true);
      },

      dispose() {
        generation += 1;
        worker?.dispose();
        worker = null;
        opened = false;
        // The dropped call's answer never comes (generation): a later mount must be able to build again.
        if (get().phase === 'training' || get().phase === 'building') set({ phase: 'idle' });
      },
    };
  },
  {
    persist: {
      version: 1,
      partialize: (s) => ({ enginePreference: s.enginePreference }),
      // Weights and history saved here by earlier versions are left out: the checkpoint holds them now.
      merge: (saved, current) => {
        const s = saved as Partial<Record<keyof Saved, unknown>> | undefined;
        return isEnginePreference(s?.enginePreference) ? { ...current, enginePreference: s.enginePreference } : current;
      },
    },
    dispose: (s) => s.dispose(),
  },
);
