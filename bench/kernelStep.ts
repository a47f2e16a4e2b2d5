/**
 * kernel_step_ratio_<model>: one training step of the book's three trained models, the
 * from-scratch kernel (src/engine/train, with its WebAssembly SIMD products) against tfjs, in
 * node, on the same weights and batch. The figure is tfjs ms / kernel ms (above 1: the kernel is
 * faster); the tfjs side is the fastest tfjs path that runs the model in node:
 *
 * - charlm: one-hot V=83 → LSTM(128, return sequences) → Dense(83, softmax), batch 32×50, the
 *   browser default (src/tf/charLmCalls.ts BROWSER_CONFIG); tfjs model.trainOnBatch (what
 *   model.fit runs per batch) on wasm; the kernel clips to norm 5 as the char-LM loop does.
 * - sentiment: Embedding(12533, 32) → LSTM(40) → Dense(2, softmax), batch 32 of 26 ids; tfjs side
 *   is the one loop's tfjs engine (src/tf/training/tfjsEngine.ts: the Embedding looked up outside
 *   the tape) on wasm, the fastest tfjs path (stock trainOnBatch takes about a minute on cpu and
 *   cannot run on wasm: no UnsortedSegmentSum).
 * - mnist: 28 rows of 28 pixels → LSTM(32) → Dense(10, softmax), batch 32 (MNIST_BROWSER_CONFIG);
 *   tfjs model.trainOnBatch on wasm.
 * - charlm_bigvocab: the char-LM on 5,000 distinct characters, batch 32×50. The kernel reads
 *   Embedding(5000, 64) ids (what a big vocabulary gets instead of one-hot rows); the tfjs side is
 *   today's path, one-hot [32, 50, 5000] into LSTM(128), model.trainOnBatch on wasm. Its tfjs step
 *   takes many seconds, so it runs 1 warm-up and 3 rounds.
 *
 * Each contender is warmed up, then timed in alternating rounds; medians. The kernel's TypeScript
 * products (no wasm) are printed as a note. The figures the issue asks for are measured in
 * headless Chromium by the training loop; these are the kernel's own, node-side numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/engine/random';
import { tweetLstm } from '../src/engine/recipeModels';
import type { ModelSpec } from '../src/engine/spec';
import { type KernelInput, type KernelTarget, createKernelTrainer } from '../src/engine/train';
import { buildModel } from '../src/tf/buildModel';
import { createTfjsEngine } from '../src/tf/training/tfjsEngine';
import type { NamedWeight, Tf } from '../src/tf/types';
import { cpuTf } from '../test/parity/tfjs';
import { type Bench, type Outcome, median, oneLine } from './figure';
import { startWasm } from './forward';
import { errorMessage } from '../src/engine/errors';

const WARMUP = 2;
const ROUNDS = 5;

interface Model {
  figure: string;
  /** Fewer rounds for a slow model. */
  rounds?: number;
  warmup?: number;
  spec: ModelSpec;
  x: KernelInput;
  y: KernelTarget;
  learningRate: number;
  clipNorm?: number;
  /** The tfjs step on the same weights; returns a dispose. */
  tfjs(tf: Tf, weights: NamedWeight[]): { step(): unknown; dispose(): void; what: string };
}

function oneHotTensors(tf: Tf, ids: Int32Array, batch: number, steps: number, vocab: number) {
  return tf.oneHot(tf.tensor2d(ids, [batch, steps], 'int32'), vocab).toFloat();
}

function trainOnBatchStep(tf: Tf, spec: ModelSpec, weights: NamedWeight[], x: () => import('@tensorflow/tfjs').Tensor, y: () => import('@tensorflow/tfjs').Tensor, learningRate: number) {
  const model = buildModel(tf, spec);
  model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  const xs = x();
  const ys = y();
  return {
    what: `tfjs ${tf.getBackend()} model.trainOnBatch`,
    // The step is done when trainOnBatch's promise settles (it reads the loss back).
    step: () => model.trainOnBatch(xs, ys),
    dispose: () => {
      tf.dispose([xs, ys]);
      model.dispose();
    },
  };
}

function models(): Model[] {
  const random = seededRandom(11);
  // char-LM browser default.
  const V = 83;
  const charSpec: ModelSpec = {
    inputShape: [null, V],
    layers: [
      { kind: 'lstm', name: 'lstm_1', units: 128, returnSequences: true, unitForgetBias: true },
      { kind: 'dense', name: 'next_char', units: V, activation: 'softmax' },
    ],
  };
  const B = 32;
  const T = 50;
  const charIds = Int32Array.from({ length: B * T }, () => Math.floor(random() * V));
  const charNext = Int32Array.from({ length: B * T }, () => Math.floor(random() * V));
  // Sentiment.
  const maxlen = 26;
  const words = Int32Array.from({ length: B * maxlen }, () => Math.floor(random() * 12533));
  const labels = Int32Array.from({ length: B }, () => (random() < 0.5 ? 0 : 1));
  // MNIST rows.
  const mnistSpec: ModelSpec = {
    inputShape: [28, 28],
    layers: [
      { kind: 'lstm', name: 'lstm', units: 32, unitForgetBias: true },
      { kind: 'dense', name: 'out', units: 10, activation: 'softmax' },
    ],
  };
  const pixels = Float32Array.from({ length: B * 784 }, () => (random() < 0.8 ? 0 : random()));
  const digits = Int32Array.from({ length: B }, () => Math.floor(random() * 10));
  // Big vocabulary.
  const BV = 5000;
  const bigIds = Int32Array.from({ length: B * T }, () => Math.floor(random() * BV));
  const bigNext = Int32Array.from({ length: B * T }, () => Math.floor(random() * BV));
  const bigHead = (): ModelSpec['layers'] => [
    { kind: 'lstm', name: 'lstm_1', units: 128, returnSequences: true, unitForgetBias: true },
    { kind: 'dense', name: 'next_char', units: BV, activation: 'softmax' },
  ];
  const bigEmbedding: ModelSpec = { inputShape: [null], layers: [{ kind: 'embedding', name: 'embedding', inputDim: BV, outputDim: 64 }, ...bigHead()] };
  const bigOneHot: ModelSpec = { inputShape: [null, BV], layers: bigHead() };
  const oneHotY = (tf: Tf, classes: Int32Array, n: number, shape: number[]) => tf.oneHot(tf.tensor1d(classes, 'int32'), n).toFloat().reshape(shape);

  return [
    {
      figure: 'kernel_step_ratio_charlm',
      spec: charSpec,
      x: { kind: 'ids', ids: charIds, batch: B, steps: T },
      y: { kind: 'classes', classes: charNext },
      learningRate: 0.01,
      clipNorm: 5,
      tfjs: (tf, w) =>
        trainOnBatchStep(tf, charSpec, w, () => oneHotTensors(tf, charIds, B, T, V), () => oneHotY(tf, charNext, V, [B, T, V]), 0.01),
    },
    {
      figure: 'kernel_step_ratio_sentiment',
      spec: tweetLstm,
      x: { kind: 'ids', ids: words, batch: B, steps: maxlen },
      y: { kind: 'classes', classes: labels },
      learningRate: 0.001,
      tfjs: (tf, w) => {
        const engine = createTfjsEngine(tf, tweetLstm, { learningRate: 0.001, weights: w });
        const batch = { x: { kind: 'ids', ids: words, batch: B, steps: maxlen }, y: { kind: 'classes', classes: labels }, size: B } as const;
        return { what: `the loop's tfjs engine (src/tf/training/tfjsEngine.ts) on ${tf.getBackend()}`, step: () => engine.trainBatch(batch), dispose: () => engine.dispose() };
      },
    },
    {
      figure: 'kernel_step_ratio_mnist',
      spec: mnistSpec,
      x: { kind: 'values', values: pixels, batch: B, steps: 28, features: 28 },
      y: { kind: 'classes', classes: digits },
      learningRate: 0.008,
      tfjs: (tf, w) => trainOnBatchStep(tf, mnistSpec, w, () => tf.tensor3d(pixels, [B, 28, 28]), () => oneHotY(tf, digits, 10, [B, 10]), 0.008),
    },
    {
      figure: 'kernel_step_ratio_charlm_bigvocab',
      rounds: 3,
      warmup: 1,
      spec: bigEmbedding,
      x: { kind: 'ids', ids: bigIds, batch: B, steps: T },
      y: { kind: 'classes', classes: bigNext },
      learningRate: 0.01,
      clipNorm: 5,
      // The tfjs model reads one-hot rows, so it has its own (seeded) weights rather than the kernel's.
      tfjs: (tf) => {
        const seeded = createKernelTrainer(bigOneHot, { seed: 2, optimizer: { learningRate: 0.01 } }).getWeights() as NamedWeight[];
        return trainOnBatchStep(tf, bigOneHot, seeded, () => oneHotTensors(tf, bigIds, B, T, BV), () => oneHotY(tf, bigNext, BV, [B, T, BV]), 0.01);
      },
    },
  ];
}

/** ms per step of each contender (awaited when it returns a promise), alternating which goes first. */
async function race(contenders: (() => unknown)[], warmup: number, rounds: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) for (const c of contenders) await c();
  const times: number[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) {
      const start = performance.now();
      await contenders[i]();
      times[i].push(performance.now() - start);
    }
  }
  return times.map(median);
}

export const kernelStep: Bench = {
  figures: ['kernel_step_ratio_charlm', 'kernel_step_ratio_sentiment', 'kernel_step_ratio_mnist', 'kernel_step_ratio_charlm_bigvocab'],
  async run({ note }) {
    const tf = await cpuTf();
    const wasm = new WebAssembly.Module(readFileSync(join(import.meta.dirname, '../public/generated/training-kernels.wasm')));
    try {
      await startWasm(tf);
    } catch (error) {
      note(`tfjs wasm did not start in node (${oneLine(String(error))}); the tfjs side runs on cpu`);
    }
    const results: Outcome[] = [];
    for (const m of models()) {
      try {
        const options = { seed: 1, optimizer: { learningRate: m.learningRate }, clipNorm: m.clipNorm };
        const simd = createKernelTrainer(m.spec, { ...options, wasm });
        const weights = simd.getWeights();
        const plain = createKernelTrainer(m.spec, { ...options, weights });
        const tfjs = m.tfjs(tf, weights as NamedWeight[]);
        const rounds = m.rounds ?? ROUNDS;
        const [simdMs, plainMs, tfMs] = await race([() => simd.trainBatch(m.x, m.y), () => plain.trainBatch(m.x, m.y), tfjs.step], m.warmup ?? WARMUP, rounds);
        tfjs.dispose();
        note(`${m.figure}: kernel (wasm simd) ${simdMs.toFixed(1)} ms/step, kernel (typescript) ${plainMs.toFixed(1)} ms, ${tfjs.what} ${tfMs.toFixed(1)} ms (median of ${rounds})`);
        results.push({ name: m.figure, value: tfMs / simdMs, unit: 'x', digits: 2 });
      } catch (error) {
        results.push({ name: m.figure, unavailable: oneLine(errorMessage(error)) });
      }
    }
    await tf.setBackend('cpu');
    return results;
  },
};
