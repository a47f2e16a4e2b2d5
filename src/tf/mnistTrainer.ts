/**
 * Everything the MNIST worker does, as plain handlers over an injected tfjs, byte loader and
 * checkpoint store, so node and component tests run the same code in-process.
 *
 * The model is a tfjs Sequential built from the book's spec (src/engine/mnistRows.ts) — that is
 * what predicts, saves and hands its weights to the engine. Training runs in the one loop
 * (src/tf/training) on the engine the probe measured fastest or the reader chose, with a fixed
 * shuffle per pass so a resumed run continues where the saved one was, an evaluation on the
 * held-out digits every evalEverySeconds of training, and a checkpoint (weights and Adam's state)
 * after each.
 */
import { BookError } from '../engine/errors';
import { type DigitSet, MNIST_PIXELS, MNIST_SIDE, decodeDigits } from '../engine/mnistDigits';
import { mnistRowModel } from '../engine/mnistRows';
import type { MnistCalls, MnistConfig, MnistEvaluation, MnistHistoryPoint, MnistStatus } from './mnistCalls';
import { readModelForPython } from './notebookExport';
import { captureSummary, layerParamCounts } from './summary';
import { type Batch, type BatchSource, type CheckpointStore, TrainingSession, evaluateAll, failureOf, shuffledBatches } from './training';
import type { BackendName, Tf } from './types';
import type { Handlers } from './workerRpc';

export interface MnistTrainerEnv {
  tf: Tf;
  checkpoints: CheckpointStore;
  startBackend(): Promise<BackendName>;
  fetchBytes(url: string, onProgress: (loaded: number, total: number) => void): Promise<Uint8Array>;
  /** Lets queued messages (a cancel) through between batches; the loop's own yield when absent. */
  yieldToMessages?(): Promise<void>;
}

/** Beyond this many points the curve keeps every second one of the older half. */
const MAX_HISTORY = 3000;
const EVAL_BATCH = 500;
const SHUFFLE_SEED = 1000;
export const MNIST_CHECKPOINT = 'mnist';

interface Meta {
  config: MnistConfig;
  points: MnistHistoryPoint[];
  evaluations: MnistEvaluation[];
}

interface Session {
  training: TrainingSession;
  config: MnistConfig;
  points: MnistHistoryPoint[];
  evaluations: MnistEvaluation[];
  resumed: boolean;
  failure: MnistStatus['failure'];
}

const sameConfig = (a: MnistConfig, b: MnistConfig) => a.units === b.units && a.batchSize === b.batchSize && a.learningRate === b.learningRate;

export function thinHistory(history: MnistHistoryPoint[]): MnistHistoryPoint[] {
  if (history.length <= MAX_HISTORY) return history;
  const half = Math.floor(history.length / 2);
  return [...history.slice(0, half).filter((_, i) => i % 2 === 0), ...history.slice(half)];
}

/** The digits at `indices` as one batch: pixels in [0, 1] as 28 rows of 28, and their labels. */
export function digitBatch(set: DigitSet, indices: ArrayLike<number>): Batch {
  const n = indices.length;
  const values = new Float32Array(n * MNIST_PIXELS);
  const classes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const start = indices[k] * MNIST_PIXELS;
    for (let p = 0; p < MNIST_PIXELS; p++) values[k * MNIST_PIXELS + p] = set.pixels[start + p] / 255;
    classes[k] = set.labels[indices[k]];
  }
  return { x: { kind: 'values', values, batch: n, steps: MNIST_SIDE, features: MNIST_SIDE }, y: { kind: 'classes', classes }, size: n };
}

const trainingBatches = (set: DigitSet, batchSize: number): BatchSource => {
  // Whole batches only, as before: a pass is floor(count / batch) batches.
  const count = Math.floor(set.count / batchSize) * batchSize;
  return shuffledBatches(count, batchSize, (indices) => digitBatch(set, indices), { seed: SHUFFLE_SEED });
};

export function createMnistHandlers(env: MnistTrainerEnv): { handlers: Handlers<MnistCalls>; cancel(): void; pause(): void; resume(): void } {
  const { tf } = env;
  let session: Session | null = null;
  let backend: BackendName | null = null;
  let data: { train: DigitSet; test: DigitSet } | null = null;

  const current = (): Session => {
    if (!session) throw new BookError('model.notLoaded', 'The model has not been loaded yet.');
    return session;
  };

  const status = (s: Session): MnistStatus => {
    const model = s.training.model();
    return {
      backend: backend ?? 'cpu',
      engine: s.training.engineReport,
      failure: s.failure,
      config: s.config,
      params: model.countParams(),
      layerParams: layerParamCounts(model),
      summary: captureSummary(model),
      step: s.training.position.step,
      seconds: s.training.seconds,
      history: s.points,
      evaluations: s.evaluations,
      resumed: s.resumed,
      trainCount: data?.train.count ?? 0,
      testCount: data?.test.count ?? 0,
      weightsVersion: s.training.weightsVersion,
    };
  };

  function open(config: MnistConfig, saved: Awaited<ReturnType<CheckpointStore['load']>> | null): Session {
    session?.training.dispose();
    const training = new TrainingSession(tf, { spec: mnistRowModel(config.units), settings: { learningRate: config.learningRate, seed: 1 } });
    const meta = saved?.meta as Meta | undefined;
    if (saved) training.resumeFrom(saved);
    session = { training, config, points: meta?.points ?? [], evaluations: meta?.evaluations ?? [], resumed: !!saved, failure: null };
    return session;
  }

  const meta = (s: Session): Meta => ({ config: s.config, points: s.points, evaluations: s.evaluations });

  function evaluate(s: Session, test: DigitSet): MnistEvaluation {
    const engine = s.training.currentEngine;
    // Reachable: a run stopped before its first step still ends with an evaluation.
    if (!engine) throw new BookError('mnist.untrained', 'Nothing has been trained yet: train the model before it is evaluated.');
    const v = evaluateAll(engine, shuffledBatches(test.count, EVAL_BATCH, (indices) => digitBatch(test, indices), { shuffle: false }));
    return { step: s.training.position.step, seconds: s.training.seconds, accuracy: v.accuracy, loss: v.loss };
  }

  const handlers: Handlers<MnistCalls> = {
    async load({ config, resume }) {
      backend ??= await env.startBackend();
      let saved = resume ? await env.checkpoints.load<Meta>(MNIST_CHECKPOINT) : null;
      if (saved && !sameConfig(saved.meta.config, config)) saved = null;
      return status(open(config, saved));
    },

    async loadData({ train, test }, progress) {
      if (!data) {
        const sizes = { train: 0, test: 0 };
        const got = { train: 0, test: 0 };
        const report = (part: 'train' | 'test') => (loaded: number, total: number) => {
          got[part] = loaded;
          sizes[part] = total;
          progress({ loaded: got.train + got.test, total: sizes.train + sizes.test });
        };
        const [trainBytes, testBytes] = await Promise.all([env.fetchBytes(train, report('train')), env.fetchBytes(test, report('test'))]);
        data = { train: decodeDigits(trainBytes), test: decodeDigits(testBytes) };
      }
      return status(current());
    },

    async train({ evalEverySeconds, timeLimitSeconds }, progress) {
      const s = current();
      if (!data) throw new BookError('mnist.noDigits', 'Load the digits before training.');
      const { train, test } = data;
      s.failure = null;
      const batchSize = Math.min(s.config.batchSize, train.count);
      const result = await s.training.run(
        trainingBatches(train, batchSize),
        { timeLimitMs: timeLimitSeconds === null ? null : timeLimitSeconds * 1000, evaluateEverySeconds: evalEverySeconds, checkpointOnValidation: true },
        {
          chanceLoss: Math.log(10),
          yieldNow: env.yieldToMessages,
          validate: () => {
            const { loss, accuracy } = evaluate(s, test);
            return { loss, accuracy };
          },
          onProgress: (p) => {
            if (!p.paused) s.points = thinHistory([...s.points, { step: p.step, loss: p.loss, accuracy: p.accuracy, seconds: p.seconds }]);
            if (p.validation) s.evaluations = [...s.evaluations, { step: p.step, seconds: p.seconds, ...p.validation }];
            progress(p);
          },
          checkpointTo: { store: env.checkpoints, name: MNIST_CHECKPOINT, meta: () => meta(s) },
        },
      );
      if (result.stopReason === 'nan' || result.stopReason === 'diverged') {
        s.failure = failureOf(result, Math.log(10));
        return status(s);
      }
      // Every run ends with an evaluation on all the held-out digits, saved with the weights.
      if (s.evaluations.at(-1)?.step !== s.training.position.step) {
        s.evaluations = [...s.evaluations, evaluate(s, test)];
        await s.training.saveTo(env.checkpoints, MNIST_CHECKPOINT, meta(s));
      }
      return status(s);
    },

    async measureEngines({ seconds }) {
      const s = current();
      if (!data) throw new BookError('mnist.noDigits', 'Load the digits before training.');
      const sample = trainingBatches(data.train, Math.min(s.config.batchSize, data.train.count)).batch(0, 0);
      await s.training.measure(sample, seconds * 1000);
      return status(s);
    },

    async setEngine({ preference }) {
      if (!session) return null;
      session.training.prefer(preference);
      return status(session);
    },

    async restoreLastGood() {
      const s = current();
      const at = s.training.restoreLastGood();
      if (at) {
        s.points = s.points.filter((p) => p.step <= at.step);
        s.evaluations = s.evaluations.filter((e) => e.step <= at.step);
      }
      s.failure = null;
      await s.training.saveTo(env.checkpoints, MNIST_CHECKPOINT, meta(s));
      return status(s);
    },

    predict({ pixels }) {
      const s = current();
      if (pixels.length !== MNIST_PIXELS) throw new Error(`A digit has ${MNIST_PIXELS} pixels, not ${pixels.length}.`);
      const probabilities = tf.tidy(() => (s.training.model().predict(tf.tensor3d(pixels, [1, MNIST_SIDE, MNIST_SIDE])) as import('@tensorflow/tfjs').Tensor).dataSync() as Float32Array);
      return { probabilities: Float32Array.from(probabilities) };
    },

    weights() {
      const s = current();
      return { weights: s.training.weights(), version: s.training.weightsVersion };
    },

    forPython({ pixels }) {
      const s = current();
      return { ...readModelForPython(tf, s.training.model(), { values: pixels, shape: [1, MNIST_SIDE, MNIST_SIDE] }), step: s.training.position.step, seconds: s.training.seconds };
    },

    async reset({ config }) {
      await env.checkpoints.clear(MNIST_CHECKPOINT);
      return status(open(config, null));
    },
  };

  return {
    handlers,
    cancel: () => session?.training.control.cancel(),
    pause: () => session?.training.control.pause(),
    resume: () => session?.training.control.resume(),
  };
}
