/**
 * What every gated recurrent layer shares. Keras and tfjs store all gates of a layer side by
 * side in one matrix: the kernel is [features, gates·units], the recurrent kernel
 * [units, gates·units], the bias [gates·units], with gate k owning columns k·units … (k+1)·units−1.
 * An LSTM has four such blocks (i, f, c, o), a GRU three (z, r, h), a SimpleRNN one.
 *
 * Cutting the fused matrices into one block per gate lets the LSTM and GRU read like their
 * equations: one x·W_k + h·U_k + b_k per gate, instead of index arithmetic on a wide matrix.
 * The cut is done once per forward pass, so the per-step cost is the same as the fused product.
 */
import { type ElementwiseActivation, activate } from './activations';
import { type Matrix, add, matrix, vecMat } from './matrix';

/** The three fused arrays every Keras recurrent layer keeps (bias one row, as in tfjs). */
export interface FusedWeights {
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias: Float32Array;
}

/** What an LSTM and a GRU take besides their weights; State is what they carry between steps. */
export interface GatedLayerOptions<State> {
  /** For the candidate (and an LSTM's cell output): tanh unless changed. */
  activation?: ElementwiseActivation;
  /** For the gates: sigmoid here, as in Keras 2.3+ and tf.keras (tfjs' own default is hard_sigmoid). */
  recurrentActivation?: ElementwiseActivation;
  initialState?: State;
  /** Read the sequence from its last step to its first, as Keras' go_backwards does. */
  goBackwards?: boolean;
}

/** One gate's share of the fused arrays: W_k [features, units], U_k [units, units], b_k [units]. */
export type GateBlock = FusedWeights;

/** What one gate computes at one step, kept whole so a chapter can show every term. */
export interface GateTrace {
  /** x_t·W_k */
  inputTerm: Float32Array;
  /** What the recurrent path adds: h_{t-1}·U_k for a plain gate. */
  recurrentTerm: Float32Array;
  /** inputTerm + recurrentTerm + bias */
  preActivation: Float32Array;
  /** The activation applied to preActivation: the gate's value (or the candidate's). */
  activation: Float32Array;
}

/** Columns start … start+width−1 of m, as a new [m.rows, width] matrix. */
export function columnBlock(m: Matrix, start: number, width: number): Matrix {
  if (start < 0 || width < 0 || start + width > m.cols) {
    throw new Error(`Columns ${start}…${start + width - 1} do not exist in a ${m.rows}×${m.cols} matrix.`);
  }
  const block = matrix(m.rows, width);
  for (let r = 0; r < m.rows; r++) {
    block.data.set(m.data.subarray(r * m.cols + start, r * m.cols + start + width), r * width);
  }
  return block;
}

// #region listing:split-gate-columns
/** Cuts a [rows, g·units] matrix into g named [rows, units] blocks, in Keras' column order (lstmGateWeights passes ['i', 'f', 'c', 'o']). */
export function splitGateColumns<N extends string>(m: Matrix, names: readonly N[]): Record<N, Matrix> {
  if (m.cols % names.length !== 0) {
    throw new Error(`A ${m.rows}×${m.cols} matrix cannot be cut into ${names.length} equal gate blocks (${names.join(', ')}).`);
  }
  const units = m.cols / names.length; // e.g. 160 / 4 = 40
  return Object.fromEntries(names.map((name, k) => [name, columnBlock(m, k * units, units)])) as Record<N, Matrix>;
}
// #endregion

/** Cuts a [g·units] vector (a bias) into g named [units] pieces. */
export function splitGateVector<N extends string>(v: ArrayLike<number>, names: readonly N[]): Record<N, Float32Array> {
  if (v.length % names.length !== 0) {
    throw new Error(`A vector of ${v.length} cannot be cut into ${names.length} equal gate blocks (${names.join(', ')}).`);
  }
  const units = v.length / names.length;
  const all = Float32Array.from(v);
  return Object.fromEntries(names.map((name, k) => [name, all.slice(k * units, (k + 1) * units)])) as Record<N, Float32Array>;
}

/** Every gate's W_k, U_k and b_k, by gate name. */
export function splitGates<N extends string>(weights: FusedWeights, names: readonly N[]): Record<N, GateBlock> {
  const kernels = splitGateColumns(weights.kernel, names);
  const recurrentKernels = splitGateColumns(weights.recurrentKernel, names);
  const biases = splitGateVector(weights.bias, names);
  return Object.fromEntries(
    names.map((name) => [name, { kernel: kernels[name], recurrentKernel: recurrentKernels[name], bias: biases[name] }]),
  ) as Record<N, GateBlock>;
}

// #region listing:gate-step
/** activation(x·W_k + h·U_k + b_k): one gate, one step. */
export function gateStep(x: ArrayLike<number>, hPrev: ArrayLike<number>, block: GateBlock, activation: ElementwiseActivation): GateTrace {
  const inputTerm = vecMat(x, block.kernel);
  const recurrentTerm = vecMat(hPrev, block.recurrentKernel);
  const preActivation = add(inputTerm, recurrentTerm, block.bias);
  return { inputTerm, recurrentTerm, preActivation, activation: activate(activation, preActivation) };
}
// #endregion

/** a ⊙ b: the elementwise product through which gates scale what passes them. */
export function hadamard(a: ArrayLike<number>, b: ArrayLike<number>): Float32Array {
  if (a.length !== b.length) throw new Error(`Cannot multiply vectors of lengths ${a.length} and ${b.length} elementwise.`);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * b[i];
  return out;
}

function shape(m: Matrix): string {
  return `${m.rows}×${m.cols}`;
}

/**
 * Checks a layer's fused arrays against each other and returns its number of units. The
 * recurrent kernel fixes the units (it has one row per unit); the kernel must have as many
 * columns, gates·units. The bias is the caller's to check, since a GRU with reset_after keeps two.
 */
export function checkFusedShapes(layer: string, kernel: Matrix, recurrentKernel: Matrix, names: readonly string[]): number {
  const units = recurrentKernel.rows;
  const wide = names.length * units;
  const blocks = `${names.length}·units for gates ${names.join(', ')}`;
  if (recurrentKernel.cols !== wide) {
    throw new Error(`${layer} recurrent kernel must be [units, ${blocks}] = ${units}×${wide}, got ${shape(recurrentKernel)}.`);
  }
  if (kernel.cols !== wide) {
    throw new Error(`${layer} kernel must be [features, ${blocks}] = ${kernel.rows}×${wide} for ${units} units, got ${shape(kernel)}.`);
  }
  return units;
}

export function checkLength(what: string, v: ArrayLike<number>, expected: number): void {
  if (v.length !== expected) throw new Error(`${what} must have ${expected} values, got ${v.length}.`);
}

/**
 * The steps in the order the layer reads them (Keras' go_backwards reads last to first), each
 * copied to a Float32Array and checked against the kernel's number of features.
 */
export function stepsInOrder(layer: string, inputs: ArrayLike<number>[], features: number, goBackwards: boolean): Float32Array[] {
  const steps = inputs.map((x, t) => {
    if (x.length !== features) throw new Error(`${layer} step ${t} has ${x.length} features but the kernel expects ${features}.`);
    return Float32Array.from(x);
  });
  return goBackwards ? steps.reverse() : steps;
}
