/**
 * The training kernel against tfjs on the same model, weights and batches: the loss, every
 * weight's gradient (tf.variableGrads) and the weights after three Adam steps (tf.train.adam,
 * with the global-norm clipping src/tf/charLmTrainer.ts applies). tfjs builds the model from the
 * same ModelSpec (src/tf/buildModel.ts); GRU reset_after, which tfjs cannot build, is checked
 * against a hand-written tfjs-ops GRU (resetAfterReference below).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs';
import { seededRandom, uniformArray } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import { createKernelTrainer } from '../../src/engine/train';
import type { KernelInput, KernelLoss, KernelTarget, KernelTrainer, KernelWeight } from '../../src/engine/train';
import { buildModel } from '../../src/tf/buildModel';
import type { Tf } from '../../src/tf/types';
import { readWeights } from '../../src/tf/weights';

const WASM_FILE = join(import.meta.dirname, '../../public/generated/training-kernels.wasm');

/** The SIMD products, built by `npm run data` (scripts/data/trainingKernels.ts). */
export function kernelWasm(): WebAssembly.Module {
  if (!existsSync(WASM_FILE)) throw new Error(`${WASM_FILE} is missing: run \`npm run data\` (it compiles the AssemblyScript products).`);
  return new WebAssembly.Module(readFileSync(WASM_FILE));
}

export interface ParityCase {
  name: string;
  spec: ModelSpec;
  /** ids: int ids (Embedding, or one-hot into a recurrent first layer); values: float features. */
  input: 'ids' | 'values';
  batch: number;
  steps: number;
  loss?: KernelLoss;
  clipNorm?: number;
  learningRate?: number;
  seed: number;
  /** Weights drawn from ±weightScale (0.5 unless set); large values push gates into hard_sigmoid's flat parts. */
  weightScale?: number;
}

export interface Batch {
  x: KernelInput;
  y: KernelTarget;
}

/** How far apart two arrays are: max |a − b| over max |b| (relative to the array's own scale). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

export interface ParityReport {
  /** |kernel − tfjs| / |tfjs| of the loss of the first batch. */
  loss: number;
  /** Per weight, the relative error of its gradient. */
  gradients: { name: string; error: number }[];
  /** Per weight, the relative error of its value after three Adam steps. */
  weights: { name: string; error: number }[];
  /** The largest of all of the above. */
  worst: number;
}

function headShape(spec: ModelSpec, batch: number, steps: number): { rows: number; units: number; sequence: boolean } {
  const last = spec.layers[spec.layers.length - 1];
  if (last.kind !== 'dense') throw new Error('parity cases end in Dense');
  let sequence = true;
  for (const l of spec.layers) {
    if (l.kind === 'lstm' || l.kind === 'gru' || l.kind === 'simpleRNN') sequence = l.returnSequences ?? false;
    if (l.kind === 'bidirectional') sequence = l.layer.returnSequences ?? false;
  }
  return { rows: sequence ? batch * steps : batch, units: last.units, sequence };
}

export function lossOf(c: ParityCase): KernelLoss {
  const last = c.spec.layers[c.spec.layers.length - 1];
  if (c.loss) return c.loss;
  return last.kind === 'dense' && last.activation === 'softmax' ? 'categoricalCrossentropy' : last.kind === 'dense' && last.activation === 'sigmoid' ? 'binaryCrossentropy' : 'meanSquaredError';
}

export function makeBatch(c: ParityCase, random: () => number): Batch {
  const { batch, steps, spec } = c;
  const first = spec.layers[0];
  const vocab = first.kind === 'embedding' ? first.inputDim : (spec.inputShape[1] as number);
  const x: KernelInput =
    c.input === 'ids'
      ? { kind: 'ids', ids: Int32Array.from({ length: batch * steps }, () => Math.floor(random() * vocab)), batch, steps }
      : { kind: 'values', values: uniformArray(batch * steps * vocab, 1.5, random), batch, steps, features: vocab };
  const { rows, units } = headShape(spec, batch, steps);
  const loss = lossOf(c);
  const y: KernelTarget =
    loss === 'binaryCrossentropy'
      ? { kind: 'values', values: Float32Array.from({ length: rows * units }, () => (random() < 0.5 ? 0 : 1)) }
      : loss === 'meanSquaredError'
        ? { kind: 'values', values: uniformArray(rows * units, 1, random) }
        : { kind: 'classes', classes: Int32Array.from({ length: rows }, () => Math.floor(random() * units)) };
  return { x, y };
}

/** The model's input and target as tfjs tensors (one-hot built here, on the tfjs side only). */
function tensorsOf(tf: Tf, c: ParityCase, b: Batch): { x: Tensor; y: Tensor } {
  const { batch, steps } = c;
  const first = c.spec.layers[0];
  let x: Tensor;
  if (b.x.kind === 'ids') {
    const ids = tf.tensor2d(b.x.ids, [batch, steps], 'int32');
    x = first.kind === 'embedding' ? ids : tf.oneHot(ids, c.spec.inputShape[1] as number).toFloat();
  } else x = tf.tensor3d(b.x.values, [batch, steps, b.x.features]);
  const { units, sequence } = headShape(c.spec, batch, steps);
  const shape = sequence ? [batch, steps, units] : [batch, units];
  const y = b.y.kind === 'classes' ? tf.oneHot(tf.tensor1d(b.y.classes, 'int32'), units).toFloat().reshape(shape) : tf.tensor(b.y.values, shape);
  return { x, y };
}

/** tfjs layers' losses (the ones model.fit uses), mean over rows; softmaxCrossEntropy as −Σ y log p. */
export function tfLoss(tf: Tf, loss: KernelLoss, y: Tensor, p: Tensor): Scalar {
  switch (loss) {
    case 'categoricalCrossentropy':
      return tf.mean(tf.metrics.categoricalCrossentropy(y, p)) as Scalar;
    case 'softmaxCrossEntropy':
      return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(p)), -1))) as Scalar;
    case 'binaryCrossentropy':
      return tf.mean(tf.metrics.binaryCrossentropy(y, p)) as Scalar;
    case 'meanSquaredError':
      return tf.mean(tf.metrics.meanSquaredError(y, p)) as Scalar;
  }
}

/** clip_by_global_norm exactly as src/tf/charLmTrainer.ts does it in tfjs. */
function clipped(tf: Tf, grads: Record<string, Tensor>, clip: number | undefined): Record<string, Tensor> {
  if (!clip) return grads;
  const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
  const scale = tf.div(clip, tf.maximum(norm, clip));
  return Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)]));
}

export function randomWeights(shapes: { name: string; shape: number[] }[], scale: number, seed: number): KernelWeight[] {
  const random = seededRandom(seed);
  return shapes.map((w) => ({ name: w.name, shape: [...w.shape], values: uniformArray(w.shape.reduce((a, b) => a * b, 1), scale, random) }));
}

function compare(kernelGrads: KernelWeight[], tfGrads: Float32Array[], kernelAfter: KernelWeight[], tfAfter: Float32Array[], loss: [number, number]): ParityReport {
  const gradients = kernelGrads.map((g, i) => ({ name: g.name, error: relativeError(g.values, tfGrads[i]) }));
  const weights = kernelAfter.map((w, i) => ({ name: w.name, error: relativeError(w.values, tfAfter[i]) }));
  const lossError = Math.abs(loss[0] - loss[1]) / Math.abs(loss[1]);
  const worst = Math.max(lossError, ...gradients.map((g) => g.error), ...weights.map((w) => w.error));
  return { loss: lossError, gradients, weights, worst };
}

export interface Steps {
  /** Runs the model on x and returns the loss tensor; its trainable variables in getWeights order. */
  lossFn: (b: Batch) => () => Scalar;
  variables: Variable[];
  read(): Float32Array[];
}

/** Steps over a tfjs LayersModel built from the spec. */
function modelSteps(tf: Tf, c: ParityCase, weights: KernelWeight[]): Steps & { dispose(): void } {
  const model = buildModel(tf, c.spec);
  const shapes = readWeights(model);
  if (shapes.length !== weights.length) throw new Error(`tfjs has ${shapes.length} weights, the kernel ${weights.length}`);
  model.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
  const variables = model.trainableWeights.map((w) => (w as unknown as { read(): Variable }).read());
  const loss = lossOf(c);
  return {
    variables,
    lossFn: (b) => () => {
      const { x, y } = tensorsOf(tf, c, b);
      return tfLoss(tf, loss, y, model.apply(x) as Tensor);
    },
    read: () => readWeights(model).map((w) => w.values),
    dispose: () => model.dispose(),
  };
}

/** Compares a kernel trainer with any tfjs Steps on the same three batches. */
export function compareWith(tf: Tf, c: ParityCase, kernel: KernelTrainer, steps: Steps): ParityReport {
  const random = seededRandom(c.seed + 1000);
  const batches = [makeBatch(c, random), makeBatch(c, random), makeBatch(c, random)];
  const lr = c.learningRate ?? 0.01;
  const first = kernel.computeGradients(batches[0].x, batches[0].y);
  const optimizer = tf.train.adam(lr);
  let tfLossValue = NaN;
  let tfGrads: Float32Array[] = [];
  batches.forEach((b, step) => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(steps.lossFn(b), steps.variables);
      if (step === 0) {
        tfLossValue = value.dataSync()[0];
        tfGrads = steps.variables.map((v) => Float32Array.from(grads[v.name].dataSync() as Float32Array));
      }
      optimizer.applyGradients(clipped(tf, grads, c.clipNorm) as never);
    });
    kernel.trainBatch(b.x, b.y);
  });
  optimizer.dispose();
  return compare(first.gradients, tfGrads, kernel.getWeights(), steps.read(), [first.loss, tfLossValue]);
}

export function kernelFor(c: ParityCase, weights: KernelWeight[] | null, wasm: WebAssembly.Module | null): KernelTrainer {
  const trainer = createKernelTrainer(c.spec, {
    seed: c.seed,
    optimizer: { learningRate: c.learningRate ?? 0.01 },
    clipNorm: c.clipNorm,
    loss: c.loss,
    wasm: wasm ?? undefined,
  });
  if (weights) trainer.setWeights(weights);
  return trainer;
}

/** The whole comparison for a spec tfjs can build. */
export function parityWithTfjs(tf: Tf, c: ParityCase, wasm: WebAssembly.Module | null): ParityReport {
  const probe = kernelFor(c, null, null);
  const weights = randomWeights(probe.getWeights(), c.weightScale ?? 0.5, c.seed);
  const kernel = kernelFor(c, weights, wasm);
  const steps = modelSteps(tf, c, weights);
  try {
    return compareWith(tf, c, kernel, steps);
  } finally {
    steps.dispose();
  }
}

/**
 * GRU reset_after (Keras 2), which tfjs cannot build, written out in tfjs ops exactly as Keras
 * defines it, feeding a Dense softmax head:
 *   mx = x_t·W + b_in, mh = h·U + b_rec;  z = σ(mx_z + mh_z), r = σ(mx_r + mh_r);
 *   h̃ = tanh(mx_h + r ⊙ mh_h);  h_t = z ⊙ h + (1 − z) ⊙ h̃
 */
export function resetAfterSteps(tf: Tf, c: ParityCase, weights: KernelWeight[]): Steps & { dispose(): void } {
  const [gru, dense] = c.spec.layers;
  if (gru.kind !== 'gru' || !gru.resetAfter || dense.kind !== 'dense') throw new Error('resetAfterSteps takes GRU(reset_after) → Dense');
  const U = gru.units;
  const variables = weights.map((w) => tf.variable(tf.tensor(w.values, w.shape), true, `${c.name}-${w.name}`.replace(/[^A-Za-z0-9_./-]/g, '_')));
  const [W, Ur, bias, K, kb] = variables;
  const gate = gru.recurrentActivation === 'hard_sigmoid' ? (t: Tensor) => tf.clipByValue(tf.add(0.5, tf.mul(0.2, t)), 0, 1) : (t: Tensor) => tf.sigmoid(t);
  const loss = lossOf(c);
  return {
    variables,
    lossFn: (b) => () => {
      const { x, y } = tensorsOf(tf, c, b);
      const [bIn, bRec] = tf.unstack(bias);
      let h: Tensor = tf.zeros([c.batch, U]);
      const hs: Tensor[] = [];
      for (let t = 0; t < c.steps; t++) {
        const xt = tf.squeeze(tf.slice(x, [0, t, 0], [-1, 1, -1]), [1]);
        const [xz, xr, xh] = tf.split(tf.add(tf.matMul(xt, W), bIn), 3, 1);
        const [hz, hr, hh] = tf.split(tf.add(tf.matMul(h, Ur), bRec), 3, 1);
        const z = gate(tf.add(xz, hz));
        const r = gate(tf.add(xr, hr));
        const candidate = tf.tanh(tf.add(xh, tf.mul(r, hh)));
        h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
        hs.push(h);
      }
      const sequence = gru.returnSequences ?? false;
      const rows = sequence ? tf.reshape(tf.stack(hs, 1), [c.batch * c.steps, U]) : h;
      const p = tf.softmax(tf.add(tf.matMul(rows, K), kb));
      return tfLoss(tf, loss, y, sequence ? tf.reshape(p, [c.batch, c.steps, dense.units]) : p);
    },
    read: () => variables.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

export function parityWithReference(tf: Tf, c: ParityCase, wasm: WebAssembly.Module | null): ParityReport {
  const probe = kernelFor(c, null, null);
  const weights = randomWeights(probe.getWeights(), c.weightScale ?? 0.5, c.seed);
  const kernel = kernelFor(c, weights, wasm);
  const steps = resetAfterSteps(tf, c, weights);
  try {
    return compareWith(tf, c, kernel, steps);
  } finally {
    steps.dispose();
  }
}
