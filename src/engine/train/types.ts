/**
 * The training kernel's public types: what a training loop (src/tf) hands to the from-scratch
 * trainer and what it gets back. Everything here is plain data (typed arrays and numbers) so it
 * posts to and from a Web Worker and persists in IndexedDB unchanged.
 *
 * Usage, from a loop:
 *
 *   const trainer = createKernelTrainer(spec, { seed: 1, optimizer: { learningRate: 0.01 }, clipNorm: 5 });
 *   trainer.setWeights(readWeights(tfModel));            // the tfjs model's weights, same order
 *   const { loss, accuracy } = trainer.trainBatch(x, y); // forward, BPTT, clip, one Adam step
 *   writeWeights(tf, tfModel, trainer.getWeights());     // back into tfjs for summary/predict/save
 *
 * - The model is the same ModelSpec (src/engine/spec.ts) that src/tf/buildModel.ts builds with
 *   tfjs, and the weights are in exactly tfjs' order, names and shapes (LSTM kernel [in, 4u],
 *   recurrent kernel [u, 4u], bias [4u], gates i, f, c, o; GRU z, r, h; Bidirectional forward
 *   copy then backward copy), so src/tf/weights.ts moves them either way.
 * - Inputs are batch-major, as tfjs takes them: x[b, t, f]. Int ids feed either an Embedding
 *   first layer or, when the first layer is recurrent or Dense with inputShape [T, V], a one-hot
 *   input that the kernel never builds: a one-hot row times a kernel is one row of the kernel.
 * - Output rows are batch-major too: [batch] rows when the head reads the last state,
 *   [batch · steps] rows (b-major, then t) when the last recurrent layer returns sequences.
 * - Loss and accuracy are means over output rows, as model.fit reports them.
 * - A model that does not end in a Dense layer (a recurrent layer alone) can be built for predict
 *   only; trainBatch, evaluate and computeGradients then throw.
 */
import type { ModelSpec } from '../spec';

/** Adam's settings; left out, tfjs' defaults. */
export interface AdamSettings {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** tfjs uses its backend's epsilon (1e-7 on cpu and wasm). */
  epsilon?: number;
}

/** One weight array: structurally the same as src/tf's NamedWeight, so either passes for the other. */
export interface KernelWeight {
  /** tfjs' variable name, e.g. "lstm/kernel" or "bilstm/forward_lstm/bias". */
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * - categoricalCrossentropy: tfjs layers' loss of that name (model.fit): probabilities clipped to
 *   [1e-7, 1 − 1e-7], so a row already predicted with p < 1e-7 or p > 1 − 1e-7 passes no gradient.
 * - softmaxCrossEntropy: −log softmax(z)[target] without clipping (what src/tf/charLmNet.ts does).
 * - binaryCrossentropy: tfjs layers' loss (clipped like the categorical one), for a sigmoid head.
 * - meanSquaredError: for a linear head (the toy regression models).
 * Left out, the loss follows the last Dense layer's activation: softmax → categoricalCrossentropy,
 * sigmoid → binaryCrossentropy, anything else → meanSquaredError.
 */
export type KernelLoss = 'categoricalCrossentropy' | 'softmaxCrossEntropy' | 'binaryCrossentropy' | 'meanSquaredError';

export interface KernelTrainerOptions {
  /** Seeds the starting weights (when `weights` is left out) and every dropout mask. */
  seed?: number;
  /** Adam, with tfjs' defaults: beta1 0.9, beta2 0.999, epsilon 1e-7 (tfjs cpu/wasm backend epsilon). */
  optimizer: AdamSettings;
  /** Clip the gradient by its global norm (TensorFlow's clip_by_global_norm) before Adam; off when left out. */
  clipNorm?: number;
  loss?: KernelLoss;
  /**
   * Carry every recurrent layer's final state of one trainBatch into the next, as the char-LM
   * source does (each batch row continues its own stretch of text). resetStates() zeroes them.
   */
  stateful?: boolean;
  /** Starting weights in tfjs order; when left out they are drawn as src/tf/buildModel.ts' defaults would be. */
  weights?: KernelWeight[];
  /**
   * The compiled SIMD products (public/generated/training-kernels.wasm, built from
   * src/engine/train/wasm/products.ts). Left out, or where wasm SIMD is missing, the TypeScript
   * products run: the same numbers, about 4× slower on this machine.
   */
  wasm?: WebAssembly.Module;
}

/** A batch of int ids [batch, steps]: word ids for an Embedding, character ids for a one-hot input. */
export interface IdsInput {
  kind: 'ids';
  ids: Int32Array;
  batch: number;
  steps: number;
}

/** A batch of float features [batch, steps, features], e.g. MNIST digits as 28 rows of 28 pixels. */
export interface ValuesInput {
  kind: 'values';
  values: Float32Array;
  batch: number;
  steps: number;
  features: number;
}

export type KernelInput = IdsInput | ValuesInput;

export type KernelTarget =
  /** One class id per output row (a softmax head): the same loss as its one-hot row, without building it. */
  | { kind: 'classes'; classes: Int32Array }
  /** [rows, units] targets: 0/1 for a sigmoid head, any values for MSE, a one-hot or soft row for softmax. */
  | { kind: 'values'; values: Float32Array };

export interface StepResult {
  /** Mean loss over the output rows, before this step's update (what model.fit logs). */
  loss: number;
  /** Fraction of output rows right: argmax for softmax, p > 0.5 per unit for sigmoid; NaN for MSE. */
  accuracy: number;
  /** Global norm of the gradient before clipping; not finite when the step diverged. */
  gradNorm: number;
  /** False when the loss or a gradient was NaN/Inf; the weights are then left as they were. */
  finite: boolean;
}

export interface Evaluation {
  loss: number;
  accuracy: number;
}

/** One recurrent layer's carried state, [batch, units] each (c only for an LSTM). */
export interface LayerState {
  h: Float32Array;
  c?: Float32Array;
}

/** Every recurrent layer's state, in layer order (a Bidirectional layer holds two: forward, backward). */
export interface KernelStates {
  batch: number;
  layers: LayerState[];
}

export interface Prediction {
  /** The head's outputs, [rows, units], batch-major (see the header). */
  values: Float32Array;
  rows: number;
  units: number;
  /** Final recurrent states, to continue from (e.g. generating one character at a time). */
  states: KernelStates;
}

export interface Gradients {
  loss: number;
  accuracy: number;
  /** dLoss/dWeight for every weight, same order/names/shapes as getWeights(), unclipped. */
  gradients: KernelWeight[];
}

/**
 * Adam's state, enough to resume a run exactly. m and v are in getWeights() order (tfjs'
 * Adam.getWeights() lists iterations, then every m, then every v: the same arrays).
 */
export interface KernelOptimizerState {
  kind: 'adam';
  iterations: number;
  /** beta1^(t+1) and beta2^(t+1), kept as tfjs keeps them (float32 running products). */
  accBeta1: number;
  accBeta2: number;
  m: Float32Array[];
  v: Float32Array[];
  /** Where the dropout generator is, so resumed dropout masks continue the same sequence. */
  dropoutRandomState: number;
}

export interface KernelTrainer {
  readonly spec: ModelSpec;
  /** null for a model without a Dense head (predict only). */
  readonly loss: KernelLoss | null;
  /** Forward with dropout on, BPTT, optional clipping, one Adam step. */
  trainBatch(x: KernelInput, y: KernelTarget): StepResult;
  /** Loss and accuracy with dropout off; no weights or carried states change. */
  evaluate(x: KernelInput, y: KernelTarget, options?: { states?: KernelStates }): Evaluation;
  /** The head's outputs with dropout off; starts from `states` when given, else zeros. */
  predict(x: KernelInput, options?: { states?: KernelStates }): Prediction;
  /** The gradient of one batch without applying it (dropout on), for tests, diagnostics and a data-parallel step's shards. */
  computeGradients(x: KernelInput, y: KernelTarget): Gradients;
  /**
   * One Adam step with a gradient computed elsewhere (a data-parallel step's shards, summed),
   * clipped by the global norm as trainBatch clips; nothing changes when it is not finite.
   */
  applyGradients(gradients: readonly Float32Array[]): { gradNorm: number; finite: boolean };
  /** After computeGradients on a stateful trainer: keep this batch's final states for the next one, as trainBatch does. */
  keepFinalStates(batch: number): void;
  /** Where the dropout generator starts its next masks (a data-parallel shard is reseeded every step). */
  setDropoutState(state: number): void;
  /** Copies of every weight in tfjs order. */
  getWeights(): KernelWeight[];
  /** Replaces every weight; order and shapes must match getWeights(). */
  setWeights(weights: KernelWeight[]): void;
  getOptimizerState(): KernelOptimizerState;
  setOptimizerState(state: KernelOptimizerState): void;
  setLearningRate(learningRate: number): void;
  /** The carried states (stateful trainers); copies. */
  getStates(): KernelStates | null;
  setStates(states: KernelStates): void;
  resetStates(): void;
}

/**
 * The two entry points, implemented in ./trainer.ts:
 *   createKernelTrainer(spec, options): KernelTrainer — throws with the reasons when the spec is out of reach;
 *   kernelCannotTrain(spec): string[] — those reasons up front (empty when the kernel can train it), so a
 *   loop can fall back to tfjs without trying;
 *   kernelArenaBytes(spec, batch, steps): number — the memory a trainer will take, counted without
 *   allocating, so a loop can refuse a model or batch too large before anything is allocated.
 */
export type CreateKernelTrainer = (spec: ModelSpec, options: KernelTrainerOptions) => KernelTrainer;
export type KernelCannotTrain = (spec: ModelSpec) => string[];
