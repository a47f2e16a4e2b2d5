/**
 * What backpropagation through time shares across the three cells. The forward traces already
 * keep every intermediate value of every step, so the backward pass is a loop from the last step
 * to the first that, at each step, turns dL/dh_t into dL/dh_{t-1}, dL/dx_t and this step's share
 * of the weight gradients. Each cell supplies only that one-step rule.
 *
 * The chain rule runs in float64 (plain JS numbers) on top of the float32 forward trace; weight
 * gradients are handed back as Float32Array in the same Keras layout as the weights they belong to.
 */
import type { ElementwiseActivation } from '../activations';
import { type Matrix, matrix } from '../matrix';

/** The derivative of an activation, from its input `pre` and its output `post`. */
export function activationSlope(name: ElementwiseActivation, pre: number, post: number): number {
  switch (name) {
    case 'tanh':
      return 1 - post * post;
    case 'sigmoid':
      return post * (1 - post);
    case 'hard_sigmoid': {
      // tfjs computes y = clip(0.2·x + 0.5, 0, 1) in float32, and clipByValue passes the gradient
      // where 0 ≤ y ≤ 1, ends included: slope 0.2 on [−2.5, 2.5], 0 outside. Just past ±2.5 the
      // float32 sum still rounds to exactly 1 (or 0), so y is rounded the same way here.
      const y = Math.fround(Math.fround(Math.fround(0.2) * pre) + 0.5);
      return y >= 0 && y <= 1 ? 0.2 : 0;
    }
    case 'relu':
      return pre > 0 ? 1 : 0;
    case 'linear':
      return 1;
  }
}

/** dL/d(pre) = dL/d(post) ⊙ slope, for one block of a trace. */
export function throughActivation(
  name: ElementwiseActivation,
  upstream: ArrayLike<number>,
  pre: ArrayLike<number>,
  post: ArrayLike<number>,
): Float64Array {
  return Float64Array.from({ length: upstream.length }, (_, j) => upstream[j] * activationSlope(name, pre[j], post[j]));
}

/** A gradient array the size of a weight matrix, kept in float64 while the steps add to it. */
export interface GradMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export const gradMatrixLike = (m: Matrix): GradMatrix => ({ rows: m.rows, cols: m.cols, data: new Float64Array(m.rows * m.cols) });

export const toMatrix = (g: GradMatrix): Matrix => matrix(g.rows, g.cols, g.data);

/** g[i, start + j] += a[i]·b[j]: the gradient of x·W for one step, into columns start…. */
export function addOuter(g: GradMatrix, a: ArrayLike<number>, b: ArrayLike<number>, start = 0): void {
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    if (ai === 0) continue;
    const row = i * g.cols + start;
    for (let j = 0; j < b.length; j++) g.data[row + j] += ai * b[j];
  }
}

/** d·W_blockᵀ: how a gradient on x·W (columns start…start+d.length−1 of W) reaches x. */
export function backThrough(w: Matrix, d: ArrayLike<number>, start = 0): Float64Array {
  const out = new Float64Array(w.rows);
  for (let i = 0; i < w.rows; i++) {
    let sum = 0;
    const row = i * w.cols + start;
    for (let j = 0; j < d.length; j++) sum += w.data[row + j] * d[j];
    out[i] = sum;
  }
  return out;
}

export function addInto(target: Float64Array, source: ArrayLike<number>, start = 0): void {
  for (let j = 0; j < source.length; j++) target[start + j] += source[j];
}

export function norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/** What one step hands back: gradients for the previous step's state and for this step's input. */
export interface StepBackward {
  dhPrev: Float64Array;
  /** The LSTM's dL/dc_{t-1}; null for cells without a cell state. */
  dCarryPrev: Float64Array | null;
  dx: Float64Array;
  /** dL/d(pre-activation) of every gate, fused in Keras' column order (what the weights see). */
  dz?: Float64Array;
  /** The LSTM's whole dL/dc_t at this step: from h_t and from the next step's cell. */
  dCarry?: Float64Array;
}

/**
 * One cell's backward rule. `grads` is null when only the state path is wanted (the Jacobian
 * norms), so the weight outer products are skipped.
 */
export interface CellBackward<Step, Grads> {
  units: number;
  hasCarry: boolean;
  step(step: Step, dh: Float64Array, dCarry: Float64Array | null, grads: Grads | null): StepBackward;
}

export interface BackwardPass {
  /** dL/dh_t in reading order, including what flows back from every later step. */
  dh: Float64Array[];
  /** dL/dx_t in reading order. */
  dx: Float64Array[];
  dh0: Float64Array;
  dCarry0: Float64Array | null;
  /** What each step's backward rule returned, in reading order. */
  steps: StepBackward[];
}

/** The loop every cell shares: walk the trace backwards, adding each step's direct dL/dh_t. */
export function backward<Step, Grads>(
  steps: Step[],
  direct: (ArrayLike<number> | null | undefined)[],
  cell: CellBackward<Step, Grads>,
  grads: Grads | null,
): BackwardPass {
  const T = steps.length;
  const dh: Float64Array[] = new Array(T);
  const dx: Float64Array[] = new Array(T);
  const stepResults: StepBackward[] = new Array(T);
  let fromLater: Float64Array = new Float64Array(cell.units);
  let dCarry: Float64Array | null = cell.hasCarry ? new Float64Array(cell.units) : null;
  for (let t = T - 1; t >= 0; t--) {
    const total = Float64Array.from(fromLater);
    const own = direct[t];
    if (own) {
      if (own.length !== cell.units) throw new Error(`dL/dh at step ${t} has ${own.length} values; the layer has ${cell.units} units.`);
      addInto(total, own);
    }
    dh[t] = total;
    const back = cell.step(steps[t], total, dCarry, grads);
    stepResults[t] = back;
    dx[t] = back.dx;
    fromLater = back.dhPrev;
    dCarry = back.dCarryPrev;
  }
  return { dh, dx, dh0: fromLater, dCarry0: dCarry, steps: stepResults };
}

/**
 * ‖∂h_T/∂h_t‖ (Frobenius) for every step t in reading order. Row k of the Jacobian is the
 * gradient of h_T[k], so one backward pass per unit, seeded with the unit vector e_k at the last
 * step, fills it. For an LSTM this is the derivative with c_t held fixed: h_t still reaches h_T
 * through every later gate and the cell path from step t+1 on. At t = T it is the identity, √units.
 */
export function stateJacobianNorms<Step>(steps: Step[], cell: CellBackward<Step, unknown>): number[] {
  const T = steps.length;
  const squares = new Float64Array(T);
  for (let k = 0; k < cell.units; k++) {
    const seed = new Float64Array(cell.units);
    seed[k] = 1;
    const direct: (Float64Array | null)[] = Array.from({ length: T }, (_, t) => (t === T - 1 ? seed : null));
    backward(steps, direct, cell, null).dh.forEach((row, t) => {
      for (let j = 0; j < row.length; j++) squares[t] += row[j] * row[j];
    });
  }
  return Array.from(squares, Math.sqrt);
}

/** Gradients of a layer's fused kernel, recurrent kernel and one-row bias, while they add up. */
export interface FusedGrads {
  kernel: GradMatrix;
  recurrentKernel: GradMatrix;
  bias: Float64Array;
}

export function fusedGradsLike(kernel: Matrix, recurrentKernel: Matrix): FusedGrads {
  return { kernel: gradMatrixLike(kernel), recurrentKernel: gradMatrixLike(recurrentKernel), bias: new Float64Array(kernel.cols) };
}

/** Weight gradients in the layout of the weights: Matrix kernels, Float32Array bias. */
export interface FusedGradients {
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias: Float32Array;
}

export const fusedGradients = (g: FusedGrads): FusedGradients => ({
  kernel: toMatrix(g.kernel),
  recurrentKernel: toMatrix(g.recurrentKernel),
  bias: Float32Array.from(g.bias),
});

// #region listing:plain-gates-backward
/**
 * Adds one step's gradient on the fused pre-activations dz = [dz_gate0, dz_gate1, …] (Keras
 * column order) to the kernel and bias, and returns dz·Wᵀ, the gradient that reaches x_t.
 */
export function kernelBackward(kernel: Matrix, x: ArrayLike<number>, dz: Float64Array, grads: FusedGrads | null): Float64Array {
  if (grads) {
    addOuter(grads.kernel, x, dz); // dL/dW += x_tᵀ·dz, summed over the steps
    addInto(grads.bias, dz); // dL/db += dz
  }
  return backThrough(kernel, dz); // dz·Wᵀ: what reaches the input x_t
}

/**
 * For cells whose every gate reads x_t·W_k + h_{t-1}·U_k + b_k (SimpleRNN, LSTM): the weight
 * gradients of one step and the gradients reaching x_t and h_{t-1}, from dz on the fused gates.
 */
export function plainGatesBackward(
  weights: { kernel: Matrix; recurrentKernel: Matrix },
  x: ArrayLike<number>,
  hPrev: ArrayLike<number>,
  dz: Float64Array,
  grads: FusedGrads | null,
): { dx: Float64Array; dhPrev: Float64Array } {
  const dx = kernelBackward(weights.kernel, x, dz, grads);
  if (grads) addOuter(grads.recurrentKernel, hPrev, dz); // dL/dU += h_{t-1}ᵀ·dz
  // dz·Uᵀ flows on to step t − 1: run once per step, this product is the whole vanishing-gradient story.
  return { dx, dhPrev: backThrough(weights.recurrentKernel, dz) };
}
// #endregion
