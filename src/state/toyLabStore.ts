/**
 * The store behind the toy-model chapters (recipes 3 and 6): the reader's documents and labels,
 * the tfjs model built from them in a worker, its training history, and its weights. Weights and
 * history are saved, so a trained model is still trained after a reload.
 */
import { type ToyCorpus, TOY_DOCS, TOY_LABELS, prepareToyCorpus } from '../engine/toyCorpus';
import type { ModelSpec } from '../engine/spec';
import { type ModelWorkerApi, createModelWorker } from '../tf/modelWorkerClient';
import type { ModelForPython } from '../tf/notebookExport';
import type { BackendName, CompileOptions, EpochLog, NamedWeight } from '../tf/types';
import { createScopedStore } from './scopedStore';
import { BookError, describeError, type ReaderError, toError } from '../engine/errors';

export type ToyCell = 'simpleRNN' | 'lstm';

export interface ToyForPython extends ModelForPython {
  spec: ModelSpec;
  corpus: ToyCorpus;
}

export type LabPhase = 'idle' | 'building' | 'ready' | 'training' | 'error';

export interface ToyLabState {
  cell: ToyCell;
  docsText: string;
  labelsText: string;
  padding: 'pre' | 'post';
  epochs: number;
  learningRate: number;

  phase: LabPhase;
  error: ReaderError | null;
  backend: BackendName | null;
  summary: string[];
  layerParams: { name: string; params: number }[];
  history: EpochLog[];
  /** The running fit: where in history it started and how many epochs it asked for. */
  run: { from: number; epochs: number } | null;
  /** Weights of the built model, and the model they belong to (spec + data), to spot stale ones. */
  weights: NamedWeight[] | null;
  weightsFor: string | null;
  /** model.predict for each document, in document order. */
  predictions: Float32Array[] | null;

  setText(field: 'docsText' | 'labelsText', text: string): void;
  setPadding(padding: 'pre' | 'post'): void;
  setTraining(patch: Partial<Pick<ToyLabState, 'epochs' | 'learningRate'>>): void;
  build(options?: { fresh?: boolean }): Promise<void>;
  /** The built model's weights and tfjs' prediction for the first document, for a notebook. */
  forPython(): Promise<ToyForPython>;
  train(): Promise<void>;
  stop(): void;
  reset(): void;
  dispose(): void;
}

const COMPILE = (learningRate: number): CompileOptions => ({ optimizer: 'adam', learningRate, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

export const splitLines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

let lastCorpus: { key: string; result: ToyCorpus | Error } | null = null;

/** The corpus is derived from the text fields; one cached entry spares re-deriving it per render. */
export function corpusOf(state: Pick<ToyLabState, 'docsText' | 'labelsText' | 'padding'>): ToyCorpus | Error {
  const key = JSON.stringify([state.docsText, state.labelsText, state.padding]);
  if (lastCorpus?.key !== key) {
    let result: ToyCorpus | Error;
    try {
      result = prepareToyCorpus(splitLines(state.docsText), splitLines(state.labelsText), { padding: state.padding });
    } catch (error) {
      result = toError(error);
    }
    lastCorpus = { key, result };
  }
  return lastCorpus.result;
}

/** SimpleRNN(1) or LSTM(1) reading ids as plain numbers, then Dense(classes, softmax): the source's toy. */
export function toySpec(cell: ToyCell, corpus: ToyCorpus): ModelSpec {
  const recurrent = cell === 'lstm'
    ? ({ kind: 'lstm', name: 'lstm', units: 1, recurrentInitializer: 'zeros' } as const)
    : ({ kind: 'simpleRNN', name: 'rnn', units: 1, activation: 'tanh', recurrentInitializer: 'zeros' } as const);
  return { inputShape: [corpus.maxlen, 1], layers: [recurrent, { kind: 'dense', name: 'out', units: corpus.numClasses, activation: 'softmax' }] };
}

const fingerprint = (spec: ModelSpec, corpus: ToyCorpus) => JSON.stringify([spec, corpus.padded, corpus.oneHot]);

/** Which model (cell, data) a set of weights belongs to: weights for other data are stale. */
export const toyModelKey = (cell: ToyCell, corpus: ToyCorpus) => fingerprint(toySpec(cell, corpus), corpus);

function toArrays(corpus: ToyCorpus) {
  const n = corpus.padded.length;
  return {
    x: Float32Array.from(corpus.padded.flat()),
    xShape: [n, corpus.maxlen, 1],
    y: Float32Array.from(corpus.oneHot.flat()),
    yShape: [n, corpus.numClasses],
  };
}

interface Saved {
  docsText: string;
  labelsText: string;
  padding: 'pre' | 'post';
  epochs: number;
  learningRate: number;
  history: EpochLog[];
  weightsFor: string | null;
  weights: { name: string; shape: number[]; values: number[] }[] | null;
}

export function createToyLab(cell: ToyCell) {
  const defaults = { docsText: TOY_DOCS.join('\n'), labelsText: TOY_LABELS.join('\n'), padding: 'pre' as const, epochs: 500, learningRate: cell === 'lstm' ? 0.01 : 0.001 };

  return createScopedStore<ToyLabState, Saved>(
    cell === 'lstm' ? 'ToyLstmLab' : 'ToyRnnLab',
    (set, get) => {
      let worker: ModelWorkerApi | null = null;
      /** What the worker's model was built from (spec, data, learning rate). */
      let builtKey: string | null = null;
      const client = () => (worker ??= createModelWorker());

      const fail = (error: unknown) => set({ phase: 'error', error: describeError(error) });

      async function predictAll(corpus: ToyCorpus) {
        const predictions = await Promise.all(
          corpus.padded.map(async (ids) => (await client().call('predict', { x: Float32Array.from(ids), shape: [1, corpus.maxlen, 1] })).values),
        );
        set({ predictions });
      }

      return {
        cell,
        ...defaults,
        phase: 'idle',
        error: null,
        backend: null,
        summary: [],
        layerParams: [],
        history: [],
        run: null,
        weights: null,
        weightsFor: null,
        predictions: null,

        setText: (field, text) => set({ [field]: text } as Pick<ToyLabState, typeof field>),
        setPadding: (padding) => set({ padding }),
        setTraining: (patch) => set(patch),

        async build({ fresh = false } = {}) {
          const corpus = corpusOf(get());
          if (corpus instanceof Error) return fail(corpus);
          const spec = toySpec(cell, corpus);
          const id = fingerprint(spec, corpus);
          const { weights, weightsFor, phase, learningRate } = get();
          // The learning rate lives in the compiled optimizer, so a new rate means a new build.
          const key = `${id}|${learningRate}`;
          if (phase === 'training' || (!fresh && builtKey === key && phase === 'ready')) return;
          // Predictions of the previous model would no longer match the data being rebuilt for.
          set({ phase: 'building', error: null, predictions: null });
          try {
            const reuse = !fresh && weightsFor === id && weights ? weights : undefined;
            const built = await client().call('build', { spec, compile: COMPILE(get().learningRate), weights: reuse });
            builtKey = key;
            set({
              phase: 'ready',
              backend: built.backend,
              summary: built.summary,
              layerParams: built.layerParams,
              weights: built.weights,
              weightsFor: id,
              ...(reuse ? {} : { history: [] }),
            });
            await predictAll(corpus);
          } catch (error) {
            fail(error);
          }
        },

        async train() {
          // Like calling fit() again in Keras, training continues from the current weights.
          await get().build();
          const corpus = corpusOf(get());
          if (get().phase !== 'ready' || corpus instanceof Error) return;
          const done = get().history.length;
          const { epochs } = get();
          set({ phase: 'training', predictions: null, run: { from: done, epochs } });
          const pending: EpochLog[] = [];
          let frame = 0;
          // Epochs arrive faster than the screen refreshes; hand them to React once per frame.
          const flush = () => {
            frame = 0;
            set({ history: [...get().history, ...pending.splice(0)] });
          };
          try {
            const { weights } = await client().call('fit', { data: toArrays(corpus), options: { epochs, batchSize: corpus.padded.length } }, (log) => {
              pending.push({ ...log, epoch: done + log.epoch });
              frame ||= requestAnimationFrame(flush);
            });
            if (frame) cancelAnimationFrame(frame);
            flush();
            set({ phase: 'ready', weights, run: null });
            await predictAll(corpus);
          } catch (error) {
            set({ run: null });
            fail(error);
          }
        },

        async forPython() {
          const corpus = corpusOf(get());
          if (corpus instanceof Error) throw corpus;
          if (get().phase !== 'ready') throw new BookError('model.notReady', 'The model is not built, or is training.');
          const input = { values: Float32Array.from(corpus.padded[0]), shape: [1, corpus.maxlen, 1] };
          return { spec: toySpec(cell, corpus), corpus, ...(await client().call('forPython', { input })) };
        },

        stop: () => worker?.cancel(),

        reset() {
          worker?.dispose();
          worker = null;
          builtKey = null;
          set({ ...defaults, phase: 'idle', error: null, history: [], run: null, weights: null, weightsFor: null, predictions: null, summary: [], layerParams: [] });
        },

        dispose() {
          worker?.dispose();
          worker = null;
          builtKey = null;
          if (get().phase === 'training' || get().phase === 'building') set({ phase: 'idle', run: null });
        },
      };
    },
    {
      persist: {
        version: 1,
        partialize: (s) => ({
          docsText: s.docsText,
          labelsText: s.labelsText,
          padding: s.padding,
          epochs: s.epochs,
          learningRate: s.learningRate,
          history: s.history,
          weightsFor: s.weightsFor,
          weights: s.weights?.map((w) => ({ name: w.name, shape: w.shape, values: Array.from(w.values) })) ?? null,
        }),
        merge: (saved, current) => {
          const s = saved as Partial<Saved> | undefined;
          if (!s || typeof s !== 'object') return current;
          return {
            ...current,
            ...(typeof s.docsText === 'string' ? { docsText: s.docsText } : {}),
            ...(typeof s.labelsText === 'string' ? { labelsText: s.labelsText } : {}),
            ...(s.padding === 'pre' || s.padding === 'post' ? { padding: s.padding } : {}),
            ...(Number.isFinite(s.epochs) ? { epochs: s.epochs } : {}),
            ...(Number.isFinite(s.learningRate) ? { learningRate: s.learningRate } : {}),
            history: Array.isArray(s.history) ? s.history : [],
            weightsFor: typeof s.weightsFor === 'string' ? s.weightsFor : null,
            weights: Array.isArray(s.weights) ? s.weights.map((w) => ({ ...w, values: Float32Array.from(w.values) })) : null,
          };
        },
      },
      dispose: (state) => state.dispose(),
    },
  );
}

/** One store factory per cell; each provider still makes its own instance. */
export const toyLabStores = { simpleRNN: createToyLab('simpleRNN'), lstm: createToyLab('lstm') } as const;
