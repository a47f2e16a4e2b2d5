/**
 * Everything the MNIST worker does, as plain handlers over an injected tfjs, byte loader and
 * checkpoint store, so node and component tests run the same code in-process.
 *
 * The model is a tfjs Sequential built from the book's spec (src/engine/mnistRows.ts) — that is
 * what predicts, saves and hands its weights to the engine. Training does not go through fit():
 * a loop of our own runs the LSTM over the model's own variables, with the input projection of all
 * 28 rows in one matrix product so only h·U stays inside the time loop (about a quarter faster
 * than trainOnBatch here), and stops between any two batches when the page asks.
 */
import type { Scalar, Tensor, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs';
import { type DigitSet, MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE, decodeDigits } from '../engine/mnistDigits';
import { mnistRowModel } from '../engine/mnistRows';
import { seededRandom } from '../engine/random';
import { type TfModel, buildModel } from './buildModel';
import type { MnistCheckpointMeta, MnistCheckpointStore } from './mnistCheckpoint';
import type { MnistCalls, MnistConfig, MnistEvaluation, MnistHistoryPoint, MnistStatus } from './mnistCalls';
import { captureSummary, layerParamCounts } from './summary';
import type { BackendName, Tf } from './types';
import { readModelForPython } from './notebookExport';
import { readWeights } from './weights';
import type { Handlers } from './workerRpc';

export interface MnistTrainerEnv {
  tf: Tf;
  store: MnistCheckpointStore;
  startBackend(): Promise<BackendName>;
  fetchBytes(url: string, onProgress: (loaded: number, total: number) => void): Promise<Uint8Array>;
  /** Lets queued messages (a cancel) through between batches. */
  yieldToMessages(): Promise<void>;
}

/** Beyond this many points the curve keeps every second one of the older half. */
const MAX_HISTORY = 3000;
const EVAL_BATCH = 500;

export interface MnistNet {
  model: TfModel;
  kernel: Variable;
  recurrentKernel: Variable;
  bias: Variable;
  denseKernel: Variable;
  denseBias: Variable;
  units: number;
}

interface Session {
  net: MnistNet;
  config: MnistConfig;
  optimizer: ReturnType<Tf['train']['adam']>;
  step: number;
  seconds: number;
  history: MnistHistoryPoint[];
  evaluations: MnistEvaluation[];
  resumed: boolean;
  weightsVersion: number;
}

const sameConfig = (a: MnistConfig, b: MnistConfig) => a.units === b.units && a.batchSize === b.batchSize && a.learningRate === b.learningRate;

export function thinHistory(history: MnistHistoryPoint[]): MnistHistoryPoint[] {
  if (history.length <= MAX_HISTORY) return history;
  const half = Math.floor(history.length / 2);
  return [...history.slice(0, half).filter((_, i) => i % 2 === 0), ...history.slice(half)];
}

/** Pixels of the digits at `indices` in [0, 1], as the [n, 28, 28] input. */
export function batchPixels(set: DigitSet, indices: ArrayLike<number>, out: Float32Array<ArrayBuffer> = new Float32Array(indices.length * MNIST_PIXELS)): Float32Array<ArrayBuffer> {
  for (let k = 0; k < indices.length; k++) {
    const start = indices[k] * MNIST_PIXELS;
    for (let p = 0; p < MNIST_PIXELS; p++) out[k * MNIST_PIXELS + p] = set.pixels[start + p] / 255;
  }
  return out;
}

/** The model's variables, named as the written-out LSTM uses them. */
export function mnistNetOf(model: TfModel, units: number): MnistNet {
  const vars = (layer: number) => model.layers[layer].trainableWeights.map((w) => (w as unknown as { read(): Variable }).read());
  const [kernel, recurrentKernel, bias] = vars(0);
  const [denseKernel, denseBias] = vars(1);
  return { model, kernel, recurrentKernel, bias, denseKernel, denseBias, units };
}

/** The model's logits for x [n, 28, 28]: the LSTM of buildModel (sigmoid gates, tanh) written out. */
export function mnistLogits(tf: Tf, net: MnistNet, x: Tensor3D): Tensor2D {
  const n = x.shape[0];
  const u = net.units;
  const projected = tf.add(tf.matMul(tf.reshape(x, [n * MNIST_SIDE, MNIST_SIDE]), net.kernel), net.bias);
  const rows = tf.unstack(tf.reshape(projected, [n, MNIST_SIDE, 4 * u]), 1);
  let h: Tensor = tf.zeros([n, u]);
  let c: Tensor = tf.zeros([n, u]);
  for (const row of rows) {
    const [i, f, g, o] = tf.split(tf.add(row, tf.matMul(h, net.recurrentKernel)), 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
  }
  return tf.add(tf.matMul(h, net.denseKernel), net.denseBias) as Tensor2D;
}

export function createMnistHandlers(env: MnistTrainerEnv): { handlers: Handlers<MnistCalls>; cancel(): void } {
  const { tf } = env;
  let session: Session | null = null;
  let backend: BackendName | null = null;
  let data: { train: DigitSet; test: DigitSet } | null = null;
  let stopRequested = false;

  const current = (): Session => {
    if (!session) throw new Error('The model has not been loaded yet.');
    return session;
  };

  const status = (s: Session): MnistStatus => ({
    backend: backend ?? 'cpu',
    config: s.config,
    params: s.net.model.countParams(),
    layerParams: layerParamCounts(s.net.model),
    summary: captureSummary(s.net.model),
    step: s.step,
    seconds: s.seconds,
    history: s.history,
    evaluations: s.evaluations,
    resumed: s.resumed,
    trainCount: data?.train.count ?? 0,
    testCount: data?.test.count ?? 0,
    weightsVersion: s.weightsVersion,
  });

  function open(config: MnistConfig, saved: { weights: Float32Array[]; meta: MnistCheckpointMeta } | null): Session {
    if (session) {
      session.net.model.dispose();
      session.optimizer.dispose();
    }
    const model = buildModel(tf, mnistRowModel(config.units));
    if (saved && saved.weights.length !== model.weights.length) saved = null;
    if (saved) {
      const tensors = model.weights.map((w, i) => tf.tensor(saved!.weights[i], w.shape as number[]));
      model.setWeights(tensors);
      tf.dispose(tensors);
    }
    session = {
      net: mnistNetOf(model, config.units),
      config,
      optimizer: tf.train.adam(config.learningRate),
      step: saved?.meta.step ?? 0,
      seconds: saved?.meta.seconds ?? 0,
      history: saved?.meta.history ?? [],
      evaluations: saved?.meta.evaluations ?? [],
      resumed: !!saved,
      weightsVersion: (session?.weightsVersion ?? 0) + 1,
    };
    return session;
  }

  async function save(s: Session): Promise<void> {
    await env.store.save(s.net.model, { version: 1, config: s.config, step: s.step, seconds: s.seconds, history: s.history, evaluations: s.evaluations });
  }

  function evaluate(s: Session, test: DigitSet): MnistEvaluation {
    let correct = 0;
    let lossSum = 0;
    const buffer = new Float32Array(EVAL_BATCH * MNIST_PIXELS);
    for (let start = 0; start < test.count; start += EVAL_BATCH) {
      const size = Math.min(EVAL_BATCH, test.count - start);
      const indices = Int32Array.from({ length: size }, (_, k) => start + k);
      const [loss, predicted] = tf.tidy(() => {
        const x = tf.tensor3d(batchPixels(test, indices, buffer).subarray(0, size * MNIST_PIXELS), [size, MNIST_SIDE, MNIST_SIDE]);
        const logits = mnistLogits(tf, s.net, x);
        const labels = tf.oneHot(tf.tensor1d(test.labels.subarray(start, start + size), 'int32'), MNIST_CLASSES);
        return [tf.losses.softmaxCrossEntropy(labels, logits).dataSync()[0], tf.argMax(logits, 1).dataSync()];
      });
      lossSum += (loss as number) * size;
      for (let k = 0; k < size; k++) if ((predicted as Int32Array)[k] === test.labels[start + k]) correct += 1;
    }
    return { step: s.step, seconds: s.seconds, accuracy: correct / test.count, loss: lossSum / test.count };
  }

  /** One Adam step on the digits at `indices`; the batch's loss and share right. */
  function trainBatch(s: Session, train: DigitSet, indices: Int32Array, buffer: Float32Array<ArrayBuffer>): { loss: number; accuracy: number } {
    const size = indices.length;
    let predicted: Tensor | null = null;
    const x = tf.tensor3d(batchPixels(train, indices, buffer).subarray(0, size * MNIST_PIXELS), [size, MNIST_SIDE, MNIST_SIDE]);
    const labels = tf.tensor1d(Int32Array.from(indices, (i) => train.labels[i]), 'int32');
    const oneHot = tf.oneHot(labels, MNIST_CLASSES);
    try {
      const loss = s.optimizer.minimize(() => {
        const logits = mnistLogits(tf, s.net, x);
        predicted = tf.keep(tf.argMax(logits, 1));
        return tf.losses.softmaxCrossEntropy(oneHot, logits) as Scalar;
      }, true)!;
      const value = loss.dataSync()[0];
      const guesses = (predicted as Tensor | null)?.dataSync() ?? new Int32Array(size);
      let right = 0;
      for (let k = 0; k < size; k++) if (guesses[k] === train.labels[indices[k]]) right += 1;
      loss.dispose();
      return { loss: value, accuracy: right / size };
    } finally {
      tf.dispose([x, labels, oneHot, ...(predicted ? [predicted] : [])]);
    }
  }

  const handlers: Handlers<MnistCalls> = {
    async load({ config, resume }) {
      backend ??= await env.startBackend();
      const saved = resume ? await env.store.load() : null;
      return status(open(config, saved && sameConfig(saved.meta.config, config) ? saved : null));
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
      if (!data) throw new Error('Load the digits before training.');
      const { train, test } = data;
      stopRequested = false;
      const batchSize = Math.min(s.config.batchSize, train.count);
      const batchesPerEpoch = Math.floor(train.count / batchSize);
      const buffer = new Float32Array(batchSize * MNIST_PIXELS);
      const order = Int32Array.from({ length: train.count }, (_, i) => i);
      const startSeconds = s.seconds;
      let lastEvalMark = Math.floor(s.seconds / evalEverySeconds);
      let runMs = 0;
      let runBatches = 0;
      let changed = false;
      for (;;) {
        // A fixed shuffle per pass, so a resumed run continues where the saved one was.
        const batchInEpoch = s.step % batchesPerEpoch;
        if (batchInEpoch === 0 || runBatches === 0) {
          const random = seededRandom(1000 + Math.floor(s.step / batchesPerEpoch));
          for (let i = 0; i < order.length; i++) order[i] = i;
          for (let i = order.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [order[i], order[j]] = [order[j], order[i]];
          }
        }
        const started = performance.now();
        const result = trainBatch(s, train, order.subarray(batchInEpoch * batchSize, (batchInEpoch + 1) * batchSize), buffer);
        const ms = performance.now() - started;
        if (!Number.isFinite(result.loss)) throw new Error(`The loss became ${result.loss} at batch ${s.step + 1}; lower the learning rate and reset.`);
        runMs += ms;
        runBatches += 1;
        changed = true;
        s.step += 1;
        s.seconds = startSeconds + runMs / 1000;
        const point: MnistHistoryPoint = { step: s.step, loss: result.loss, accuracy: result.accuracy, seconds: s.seconds };
        s.history = thinHistory([...s.history, point]);
        const done = s.step % batchesPerEpoch;
        const update = {
          point,
          epoch: Math.floor((s.step - 1) / batchesPerEpoch) + 1,
          batchInEpoch: done === 0 ? batchesPerEpoch : done,
          batchesPerEpoch,
          epochEtaMs: (runMs / runBatches) * (done === 0 ? 0 : batchesPerEpoch - done),
        };
        const mark = Math.floor(s.seconds / evalEverySeconds);
        const limitReached = timeLimitSeconds !== null && runMs / 1000 >= timeLimitSeconds;
        if (mark > lastEvalMark && !limitReached) {
          lastEvalMark = mark;
          const evaluation = evaluate(s, test);
          s.evaluations = [...s.evaluations, evaluation];
          s.weightsVersion += 1;
          await save(s);
          changed = false;
          progress({ ...update, evaluation, saved: true });
        } else {
          progress(update);
        }
        if (limitReached) break;
        await env.yieldToMessages();
        if (stopRequested) break;
      }
      if (changed) {
        const evaluation = evaluate(s, test);
        s.evaluations = [...s.evaluations, evaluation];
        s.weightsVersion += 1;
        await save(s);
      }
      return status(s);
    },

    predict({ pixels }) {
      const s = current();
      if (pixels.length !== MNIST_PIXELS) throw new Error(`A digit has ${MNIST_PIXELS} pixels, not ${pixels.length}.`);
      const probabilities = tf.tidy(() => (s.net.model.predict(tf.tensor3d(pixels, [1, MNIST_SIDE, MNIST_SIDE])) as Tensor).dataSync() as Float32Array);
      return { probabilities: Float32Array.from(probabilities) };
    },

    weights() {
      const s = current();
      return { weights: readWeights(s.net.model), version: s.weightsVersion };
    },

    forPython({ pixels }) {
      const s = current();
      return { ...readModelForPython(tf, s.net.model, { values: pixels, shape: [1, MNIST_SIDE, MNIST_SIDE] }), step: s.step, seconds: s.seconds };
    },

    async reset({ config }) {
      await env.store.clear();
      return status(open(config, null));
    },
  };

  return {
    handlers,
    cancel: () => {
      stopRequested = true;
    },
  };
}
