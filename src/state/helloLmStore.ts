/**
 * The store behind the "hello" chapter (recipe 15): a tiny SimpleRNN + Dense(softmax) trained on
 * the four pairs h→e, e→l, l→l, l→o in the generic model worker, and the weights it learned,
 * which the engine then runs step by step for display. Weights and history survive a reload.
 */
import { vocabularyOf } from '../engine/charBatches';
import type { ModelSpec } from '../engine/spec';
import { type ModelWorkerApi, createModelWorker } from '../tf/modelWorkerClient';
import type { ModelForPython } from '../tf/notebookExport';
import type { ArrayData, EpochLog, NamedWeight } from '../tf/types';
import { createScopedStore } from './scopedStore';
import { BookError, describeError, type ReaderError } from '../engine/errors';

/** The source's four-letter language, in the order it names it: h, e, l, o. */
export const HELLO_VOCAB = vocabularyOf(['h', 'e', 'l', 'o']);
export const HELLO_WORD = 'hello';
export const HELLO_UNITS = 8;

export const HELLO_SPEC: ModelSpec = {
  inputShape: [HELLO_WORD.length - 1, HELLO_VOCAB.chars.length],
  layers: [
    { kind: 'simpleRNN', name: 'rnn', units: HELLO_UNITS, activation: 'tanh', returnSequences: true },
    { kind: 'dense', name: 'next_char', units: HELLO_VOCAB.chars.length, activation: 'softmax' },
  ],
};

const oneHotRows = (text: string) => [...text].flatMap((c) => HELLO_VOCAB.chars.map((v) => (v === c ? 1 : 0)));

/** Inputs "hell", targets "ello": one sequence of four steps, one-hot over four characters. */
export function helloData(): ArrayData {
  const steps = HELLO_WORD.length - 1;
  const V = HELLO_VOCAB.chars.length;
  return {
    x: Float32Array.from(oneHotRows(HELLO_WORD.slice(0, -1))),
    xShape: [1, steps, V],
    y: Float32Array.from(oneHotRows(HELLO_WORD.slice(1))),
    yShape: [1, steps, V],
  };
}

export interface HelloState {
  phase: 'idle' | 'building' | 'ready' | 'training' | 'error';
  error: ReaderError | null;
  weights: NamedWeight[] | null;
  history: EpochLog[];
  /** tfjs predict on "hell": [4 steps × 4 chars], to check the engine against. */
  predicted: Float32Array | null;
  epochs: number;
  build(): Promise<void>;
  train(): Promise<void>;
  /** The model's weights and tfjs' prediction on "hell", read from the worker, for a notebook. */
  forPython(): Promise<ModelForPython>;
  reset(): void;
  dispose(): void;
}

interface Saved {
  history: EpochLog[];
  weights: { name: string; shape: number[]; values: number[] }[] | null;
}

const COMPILE = { optimizer: 'adam', learningRate: 0.05, loss: 'categoricalCrossentropy' } as const;

export const HelloStore = createScopedStore<HelloState, Saved>(
  'HelloLab',
  (set, get) => {
    let worker: ModelWorkerApi | null = null;
    let built = false;
    const client = () => (worker ??= createModelWorker());
    const fail = (error: unknown) => set({ phase: 'error', error: describeError(error) });
    const predict = async () => {
      const { x, xShape } = helloData();
      set({ predicted: (await client().call('predict', { x, shape: xShape })).values });
    };
    return {
      phase: 'idle',
      error: null,
      weights: null,
      history: [],
      predicted: null,
      epochs: 100,
      async build() {
        if (built || get().phase === 'building') return;
        set({ phase: 'building', error: null });
        try {
          const result = await client().call('build', { spec: HELLO_SPEC, compile: COMPILE, weights: get().weights ?? undefined });
          built = true;
          set({ phase: 'ready', weights: result.weights });
          await predict();
        } catch (error) {
          fail(error);
        }
      },
      async train() {
        await get().build();
        if (get().phase !== 'ready') return;
        const done = get().history.length;
        set({ phase: 'training' });
        try {
          const logs: EpochLog[] = [];
          const { weights } = await client().call('fit', { data: helloData(), options: { epochs: get().epochs, batchSize: 1 } }, (log) => logs.push({ ...log, epoch: done + log.epoch }));
          set({ phase: 'ready', weights, history: [...get().history, ...logs] });
          await predict();
        } catch (error) {
          fail(error);
        }
      },
      async forPython() {
        if (get().phase !== 'ready') throw new BookError('model.notReady', 'The model is not built, or is training.');
        const { x, xShape } = helloData();
        return client().call('forPython', { input: { values: x, shape: xShape } });
      },
      reset() {
        worker?.dispose();
        worker = null;
        built = false;
        set({ phase: 'idle', error: null, weights: null, history: [], predicted: null });
        void get().build();
      },
      dispose() {
        worker?.dispose();
        worker = null;
        built = false;
      },
    };
  },
  {
    persist: {
      version: 1,
      partialize: (s) => ({ history: s.history, weights: s.weights?.map((w) => ({ name: w.name, shape: w.shape, values: Array.from(w.values) })) ?? null }),
      merge: (saved, current) => {
        const s = saved as Partial<Saved> | undefined;
        if (!s || !Array.isArray(s.weights) || !Array.isArray(s.history)) return current;
        const ok = s.weights.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape) && Array.isArray(w.values));
        if (!ok) return current;
        return { ...current, history: s.history, weights: s.weights.map((w) => ({ ...w, values: Float32Array.from(w.values) })) };
      },
    },
    dispose: (s) => s.dispose(),
  },
);
