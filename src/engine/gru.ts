/**
 * A GRU, one step at a time, in both of the forms Keras knows. Gate blocks are stored in the
 * order z, r, h: kernel [features, 3·units], recurrent kernel [units, 3·units].
 *
 *   z_t = σ(x_t·W_z + h_{t-1}·U_z + b_z)         update gate
 *   r_t = σ(x_t·W_r + h_{t-1}·U_r + b_r)         reset gate
 *   h_t = z_t ⊙ h_{t-1} + (1 − z_t) ⊙ h̃_t
 *
 * The two forms differ only in where the reset gate acts on the candidate h̃_t:
 *
 *   resetAfter false (tfjs, Keras up to 2.2, Cho et al. 2014 as revised (v3); one bias [3·units]):
 *     h̃_t = tanh(x_t·W_h + (r_t ⊙ h_{t-1})·U_h + b_h)
 *   resetAfter true (tf.keras' default in TensorFlow 2; cuDNN's and the paper's first version's
 *   order; bias [2, 3·units]: input row, recurrent row):
 *     h̃_t = tanh(x_t·W_h + b_h,in + r_t ⊙ (h_{t-1}·U_h + b_h,rec))
 *     and z, r add both biases: x·W + b_in + h·U + b_rec.
 *
 * tfjs cannot build the second form, so such a GRU's weights (e.g. from TensorFlow 2) only run
 * here, in the engine.
 */
import { activate } from './activations';
import {
  type FusedWeights,
  type GatedLayerOptions,
  type GateBlock,
  type GateTrace,
  checkFusedShapes,
  checkLength,
  gateStep,
  hadamard,
  splitGateColumns,
  splitGateVector,
  splitGates,
  stepsInOrder,
} from './gates';
import { type Matrix, add, vecMat } from './matrix';

/** Keras' names for the three column blocks, in storage order. "h" is the candidate's block. */
export const GRU_GATES = ['z', 'r', 'h'] as const;
export type GRUGate = (typeof GRU_GATES)[number];

/** reset_after=False, the only GRU tfjs builds: one bias row of 3·units. */
export interface GRUWeightsResetBefore extends FusedWeights {
  resetAfter: false;
}

/** reset_after=True (Keras 2's default): the bias is [2, 3·units], input half then recurrent half. */
export interface GRUWeightsResetAfter {
  resetAfter: true;
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias: Matrix;
}

export type GRUWeights = GRUWeightsResetBefore | GRUWeightsResetAfter;

/** One gate's weights; with resetAfter, `bias` is the input half and `recurrentBias` the other. */
export interface GRUGateBlock extends GateBlock {
  recurrentBias?: Float32Array;
}

export interface GRUStep {
  x: Float32Array;
  hPrev: Float32Array;
  /** Update gate: how much of h_{t-1} carries over unchanged. */
  z: GateTrace;
  /** Reset gate: how much of h_{t-1} the candidate may look at. */
  r: GateTrace;
  /**
   * The candidate h̃_t, from Keras' "h" block. Its recurrentTerm is the whole recurrent
   * contribution after the reset gate: (r ⊙ h_{t-1})·U_h, or r ⊙ (h_{t-1}·U_h + b_h,rec).
   */
  candidate: GateTrace;
  /** resetAfter false only: r ⊙ h_{t-1}, the state the candidate's U_h multiplies. */
  resetHPrev?: Float32Array;
  /** resetAfter true only: h_{t-1}·U_h + b_h,rec, the vector the reset gate then scales. */
  recurrentProjection?: Float32Array;
  /** 1 − z: how much of the candidate each unit takes. */
  zComplement: Float32Array;
  /** z ⊙ h_{t-1}: the part of the old state kept. */
  kept: Float32Array;
  /** (1 − z) ⊙ h̃: the part of the candidate taken. */
  added: Float32Array;
  /** z ⊙ h_{t-1} + (1 − z) ⊙ h̃ (summed in double precision, so it may differ from kept + added in the last float32 bit) */
  h: Float32Array;
}

export type GRUOptions = GatedLayerOptions<Float32Array>;

function checkGruWeights(weights: GRUWeights): number {
  const units = checkFusedShapes('GRU', weights.kernel, weights.recurrentKernel, GRU_GATES);
  if (!weights.resetAfter) {
    checkLength('GRU bias [3·units] (reset_after=False)', weights.bias, 3 * units);
  } else if (weights.bias.rows !== 2 || weights.bias.cols !== 3 * units) {
    throw new Error(
      `GRU bias with reset_after=True must be [2, 3·units] = 2×${3 * units} (input row, recurrent row), got ${weights.bias.rows}×${weights.bias.cols}.`,
    );
  }
  return units;
}

/** W_z, W_r, W_h (and U_*, b_*): the fused arrays cut into one block per gate. */
export function gruGateWeights(weights: GRUWeights): Record<GRUGate, GRUGateBlock> {
  const units = checkGruWeights(weights);
  if (!weights.resetAfter) return splitGates(weights, GRU_GATES);
  const kernels = splitGateColumns(weights.kernel, GRU_GATES);
  const recurrentKernels = splitGateColumns(weights.recurrentKernel, GRU_GATES);
  const inputBiases = splitGateVector(weights.bias.data.subarray(0, 3 * units), GRU_GATES);
  const recurrentBiases = splitGateVector(weights.bias.data.subarray(3 * units), GRU_GATES);
  const block = (gate: GRUGate): GRUGateBlock => ({
    kernel: kernels[gate],
    recurrentKernel: recurrentKernels[gate],
    bias: inputBiases[gate],
    recurrentBias: recurrentBiases[gate],
  });
  return { z: block('z'), r: block('r'), h: block('h') };
}

/** For z and r the two bias halves are simply added, so one bias per gate does the same. */
function withSummedBias(block: GRUGateBlock): GateBlock {
  return block.recurrentBias ? { ...block, bias: add(block.bias, block.recurrentBias) } : block;
}

export function gruForward(
  inputs: ArrayLike<number>[],
  weights: GRUWeights,
  { activation = 'tanh', recurrentActivation = 'sigmoid', initialState, goBackwards = false }: GRUOptions = {},
): GRUStep[] {
  const units = checkGruWeights(weights);
  if (initialState) checkLength('GRU initial state', initialState, units);
  const blocks = gruGateWeights(weights);
  const zBlock = withSummedBias(blocks.z);
  const rBlock = withSummedBias(blocks.r);
  const hBlock = blocks.h;
  let hPrev: Float32Array = initialState ? Float32Array.from(initialState) : new Float32Array(units);

  return stepsInOrder('GRU', inputs, weights.kernel.rows, goBackwards).map((x) => {
    const z = gateStep(x, hPrev, zBlock, recurrentActivation);
    const r = gateStep(x, hPrev, rBlock, recurrentActivation);

    let candidate: GateTrace;
    let resetHPrev: Float32Array | undefined;
    let recurrentProjection: Float32Array | undefined;
    if (!weights.resetAfter) {
      // Reset first: the candidate sees a state in which r has already silenced some units.
      resetHPrev = hadamard(r.activation, hPrev);
      candidate = gateStep(x, resetHPrev, hBlock, activation);
    } else {
      // Multiply first, reset after: r scales the finished product h·U_h + b_rec, which lets
      // all three gates share one h_{t-1}·U matrix product (why cuDNN and Keras 2 prefer it).
      recurrentProjection = add(vecMat(hPrev, hBlock.recurrentKernel), hBlock.recurrentBias!);
      const inputTerm = vecMat(x, hBlock.kernel);
      const recurrentTerm = hadamard(r.activation, recurrentProjection);
      const preActivation = add(inputTerm, recurrentTerm, hBlock.bias);
      candidate = { inputTerm, recurrentTerm, preActivation, activation: activate(activation, preActivation) };
    }

    // z chooses, unit by unit, between keeping the old state and taking the candidate.
    const h = Float32Array.from(z.activation, (zj, j) => zj * hPrev[j] + (1 - zj) * candidate.activation[j]);
    // The two halves of that sum, kept for the diagrams that draw them as separate wires.
    const zComplement = Float32Array.from(z.activation, (zj) => 1 - zj);
    const kept = hadamard(z.activation, hPrev);
    const added = hadamard(zComplement, candidate.activation);
    const step: GRUStep = { x, hPrev, z, r, candidate, zComplement, kept, added, h };
    if (resetHPrev) step.resetHPrev = resetHPrev;
    if (recurrentProjection) step.recurrentProjection = recurrentProjection;
    hPrev = h;
    return step;
  });
}
