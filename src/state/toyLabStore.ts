/**
 * The store behind the toy-model chapters (recipes 3 and 6): the reader's documents and labels,
 * the model built from them in a worker and trained there in the book's one training loop, its
 * training history, and its weights. The worker keeps weights, Adam's state and history in the
 * one IndexedDB checkpoint store, so a trained model is still trained after a reload and a
 * further run continues exactly; this store saves only what the reader typed and chose.
 */
import { type ToyCorpus, TOY_DOCS, TOY_LABELS, prepareToyCorpus } from '../engine/toyCorpus';
import { choice, cleanWith, linkSchema, number, text } from '../engine/linkSchema';
import type { ModelSpec } from '../engine/spec';
import type { TrainedStatus } from '../tf/modelCalls';
import type { TrainFailure } from '../tf/training/failure';
import { type ModelWorkerApi, createModelWorker } from '../tf/modelWorkerClient';
import type { ModelForPython } from '../tf/notebookExport';
import type { ExampleSet } from '../tf/training/batches';
import { type EnginePreference, isEnginePreference, type EngineReport, type TrainProgress } from '../tf/training/types';
import type { BackendName, EpochLog, NamedWeight } from '../tf/types';
import { workerFailure } from '../tf/workerRpc';
import { createScopedStore } from './scopedStore';
import { type StoreLink, seedFromLinks } from './storeLinks';
import { BookError, type ReaderError, toError } from '../engine/errors';

export type ToyCell = 'simpleRNN' | 'lstm';

/** The lab's name: its saved settings, its checkpoint, and the prefix of its widgets' links. */
export const TOY_NAMES: Record<ToyCell, string> = { simpleRNN: 'toy-rnn', lstm: 'toy-lstm' };

export interface ToyForPython extends ModelForPython {
  spec: ModelSpec;
  corpus: ToyCorpus;
}

export type LabPhase = 'idle' | 'building' | 'ready' | 'training' | 'error';

/** What the reader typed (ToyPreprocessing's link). */
export interface ToyDocs {
  docsText: string;
  labelsText: string;
  padding: 'pre' | 'post';
}

/** How the reader trains (ToyTraining's link). */
export interface ToyTrainingSettings {
  epochs: number;
  learningRate: number;
}

export const TOY_EPOCHS_MAX = 5000;
/** Up to 10, so a reader can watch a run diverge and go back (chapter 3). */
export const TOY_LEARNING_RATE_RANGE: [number, number] = [0.00001, 10];

export interface ToyLabState extends ToyDocs, ToyTrainingSettings {
  cell: ToyCell;
  enginePreference: EnginePreference;

  phase: LabPhase;
  error: ReaderError | null;
  /** The worker crashed; restarting starts a new one from the last checkpoint. */
  crashed: ReaderError | null;
  backend: BackendName | null;
  engine: EngineReport | null;
  /** After a run stopped on NaN or divergence: why, and the step it can go back to. */
  failure: TrainFailure | null;
  summary: string[];
  layerParams: { name: string; params: number }[];
  history: EpochLog[];
  /** The running run: where in history it started and how many epochs it asked for. */
  run: { from: number; epochs: number } | null;
  progress: TrainProgress | null;
  /** Weights of the built model, and the model they belong to (spec + data), to spot stale ones. */
  weights: NamedWeight[] | null;
  weightsFor: string | null;
  /** model.predict for each document, in document order. */
  predictions: Float32Array[] | null;

  setText(field: 'docsText' | 'labelsText', text: string): void;
  setPadding(padding: 'pre' | 'post'): void;
  setTraining(patch: Partial<ToyTrainingSettings>): void;
  setEngine(preference: EnginePreference): Promise<void>;
  build(options?: { fresh?: boolean }): Promise<void>;
  /** The built model's weights and tfjs' prediction for the first document, for a notebook. */
  forPython(): Promise<ToyForPython>;
  train(): Promise<void>;
  stop(): void;
  restoreLastGood(): Promise<void>;
  restartWorker(): Promise<void>;
  reset(): void;
  dispose(): void;
}

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

/** The documents as the loop's examples: ids as plain numbers [n, maxlen, 1], one class per document. */
export function toyExamples(corpus: ToyCorpus): ExampleSet {
  return {
    n: corpus.padded.length,
    steps: corpus.maxlen,
    x: { kind: 'values', values: Float32Array.from(corpus.padded.flat()), features: 1 },
    y: { kind: 'classes', classes: Int32Array.from(corpus.encodedLabels, (ids) => ids[0]), perExample: 1 },
  };
}

function toyDefaults(cell: ToyCell): ToyDocs & ToyTrainingSettings {
  return { docsText: TOY_DOCS.join('\n'), labelsText: TOY_LABELS.join('\n'), padding: 'pre', epochs: 500, learningRate: cell === 'lstm' ? 0.01 : 0.001 };
}

const TOY_DOCS_LINK = linkSchema<ToyDocs>(1, { docsText: text(2000), labelsText: text(1000), padding: choice(['pre', 'post'] as const) });
const TOY_TRAINING_LINK = linkSchema<ToyTrainingSettings>(1, {
  epochs: number(1, TOY_EPOCHS_MAX, { integer: true }),
  learningRate: number(...TOY_LEARNING_RATE_RANGE),
});

/** The links of the lab's widgets that carry part of this store: the documents, and the training settings. */
export function toyLinks(cell: ToyCell) {
  const defaults = toyDefaults(cell);
  return {
    preprocessing: {
      param: `${TOY_NAMES[cell]}-preprocessing`,
      codec: TOY_DOCS_LINK,
      defaults: { docsText: defaults.docsText, labelsText: defaults.labelsText, padding: defaults.padding },
      pick: ({ docsText, labelsText, padding }) => ({ docsText, labelsText, padding }),
      patch: (value) => value,
    } satisfies StoreLink<ToyLabState, ToyDocs>,
    training: {
      param: `${TOY_NAMES[cell]}-training`,
      codec: TOY_TRAINING_LINK,
      defaults: { epochs: defaults.epochs, learningRate: defaults.learningRate },
      pick: ({ epochs, learningRate }) => ({ epochs, learningRate }),
      patch: (value) => value,
    } satisfies StoreLink<ToyLabState, ToyTrainingSettings>,
  };
}

/** The model summary's anchor: it keeps no state of its own, so its link only scrolls to it. */
export const toySummaryParam = (cell: ToyCell) => `${TOY_NAMES[cell]}-summary`;

type Saved = ToyDocs & ToyTrainingSettings & { enginePreference: EnginePreference };


export function createToyLab(cell: ToyCell) {
  const defaults = toyDefaults(cell);

  return createScopedStore<ToyLabState, Saved, Partial<ToyLabState> | undefined>(
    cell === 'lstm' ? 'ToyLstmLab' : 'ToyRnnLab',
    (set, get) => {
      let worker: ModelWorkerApi | null = null;
      /** What the worker's model was opened for (spec and data). */
      let openedKey: string | null = null;
      /** Only the newest build's answer is kept when the reader edits faster than the worker opens. */
      let generation = 0;
      const client = () => (worker ??= createModelWorker());

      const fail = (error: unknown) => set({ phase: 'error', ...workerFailure(error), run: null });

      const adopt = (status: TrainedStatus, key: string) =>
        set({
          backend: status.backend,
          engine: status.engine,
          failure: status.failure,
          summary: status.summary,
          layerParams: status.layerParams,
          weights: status.weights,
          weightsFor: key,
          history: status.history,
        });

      async function predictAll(corpus: ToyCorpus) {
        const n = corpus.padded.length;
        const { values } = await client().call('predict', { x: Float32Array.from(corpus.padded.flat()), shape: [n, corpus.maxlen, 1] });
        const k = corpus.numClasses;
        set({ predictions: Array.from({ length: n }, (_, i) => values.slice(i * k, (i + 1) * k)) });
      }

      return {
        cell,
        ...defaults,
        enginePreference: 'auto',
        phase: 'idle',
        error: null,
        crashed: null,
        backend: null,
        engine: null,
        failure: null,
        summary: [],
        layerParams: [],
        history: [],
        run: null,
        progress: null,
        weights: null,
        weightsFor: null,
        predictions: null,

        setText: (field, value) => set({ [field]: value } as Pick<ToyLabState, typeof field>),
        setPadding: (padding) => set({ padding }),
        setTraining: (patch) => set(patch),

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

        async build({ fresh = false } = {}) {
          const corpus = corpusOf(get());
          if (corpus instanceof Error) return fail(corpus);
          const spec = toySpec(cell, corpus);
          const key = fingerprint(spec, corpus);
          const { phase, learningRate, enginePreference } = get();
          if (phase === 'training' || (!fresh && openedKey === key && phase === 'ready')) return;
          const mine = ++generation;
          // Predictions of the previous model would no longer match the data being rebuilt for.
          set({ phase: 'building', error: null, predictions: null });
          try {
            await client().call('setEngine', { preference: enginePreference });
            const status = await client().call('open', { spec, learningRate, checkpoint: TOY_NAMES[cell], key, fresh });
            if (mine !== generation) return;
            openedKey = key;
            adopt(status, key);
            set({ phase: 'ready' });
            await predictAll(corpus);
          } catch (error) {
            if (mine === generation) fail(error);
          }
        },

        async train() {
          // Like calling fit() again in Keras, training continues from the current weights.
          await get().build();
          const corpus = corpusOf(get());
          if (get().phase !== 'ready' || corpus instanceof Error) return;
          const { epochs, learningRate } = get();
          const mine = generation;
          set({ phase: 'training', predictions: null, failure: null, progress: null, run: { from: get().history.length, epochs } });
          const pending: EpochLog[] = [];
          let frame = 0;
          let latest: TrainProgress | null = null;
          // Steps arrive faster than the screen refreshes; hand them to React once per frame.
          const flush = () => {
            frame = 0;
            set({ history: [...get().history, ...pending.splice(0)], progress: latest });
          };
          try {
            const status = await client().call('train', { data: toyExamples(corpus), epochs, batchSize: corpus.padded.length, learningRate }, (p) => {
              if (p.paused) return;
              latest = p;
              if (p.epochEnd) pending.push(p.epochEnd);
              frame ||= requestAnimationFrame(flush);
            });
            if (frame) cancelAnimationFrame(frame);
            if (mine !== generation) return;
            adopt(status, openedKey ?? '');
            set({ phase: 'ready', run: null, progress: null });
            await predictAll(corpus);
            // Edits made while it trained are built now (build() waits for no run).
            if (corpusOf(get()) !== corpus) await get().build();
          } catch (error) {
            if (frame) cancelAnimationFrame(frame);
            if (mine === generation) fail(error);
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

        async restoreLastGood() {
          if (get().phase === 'training') return;
          const corpus = corpusOf(get());
          if (corpus instanceof Error || !openedKey) return;
          try {
            adopt(await client().call('restoreLastGood', null), openedKey);
            set({ phase: 'ready' });
            await predictAll(corpus);
          } catch (error) {
            fail(error);
          }
        },

        async restartWorker() {
          generation += 1;
          worker?.dispose();
          worker = null;
          openedKey = null;
          set({ crashed: null, error: null, phase: 'idle' });
          await get().build();
        },

        reset() {
          // A run in progress ends with its worker; its answer is dropped (generation).
          generation += 1;
          worker?.dispose();
          worker = null;
          openedKey = null;
          set({ ...defaults, phase: 'idle', error: null, crashed: null, failure: null, run: null, progress: null, predictions: null });
          void get().build({ fresh: true });
        },

        dispose() {
          worker?.dispose();
          worker = null;
          openedKey = null;
          generation += 1;
          if (get().phase === 'training' || get().phase === 'building') set({ phase: 'idle', run: null });
        },
      };
    },
    {
      persist: {
        version: 1,
        partialize: (s) => ({ docsText: s.docsText, labelsText: s.labelsText, padding: s.padding, epochs: s.epochs, learningRate: s.learningRate, enginePreference: s.enginePreference }),
        merge: (saved, current) => {
          const s = (saved && typeof saved === 'object' ? saved : {}) as Partial<Record<keyof Saved, unknown>>;
          // Weights and history saved here by earlier versions are left out: the checkpoint holds them now.
          return {
            ...current,
            ...cleanWith(TOY_DOCS_LINK)(s),
            ...cleanWith(TOY_TRAINING_LINK)(s),
            ...(isEnginePreference(s.enginePreference) ? { enginePreference: s.enginePreference } : {}),
          };
        },
      },
      seed: seedFromLinks,
      dispose: (state) => state.dispose(),
    },
  );
}

/** One store factory per cell; each provider still makes its own instance. */
export const toyLabStores = { simpleRNN: createToyLab('simpleRNN'), lstm: createToyLab('lstm') } as const;
