/**
 * An LSTM, one step at a time, as Keras and tfjs compute it:
 *
 *   i_t = σ(x_t·W_i + h_{t-1}·U_i + b_i)        input gate
 *   f_t = σ(x_t·W_f + h_{t-1}·U_f + b_f)        forget gate
 *   g_t = tanh(x_t·W_c + h_{t-1}·U_c + b_c)     candidate (Keras' "c" block)
 *   o_t = σ(x_t·W_o + h_{t-1}·U_o + b_o)        output gate
 *   c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ tanh(c_t)
 *
 * σ is the recurrent activation (sigmoid here; tfjs' own default is hard_sigmoid) and tanh the
 * activation; both can be changed, and the activation is used for c_t as well as g_t, as in Keras.
 * The weights stay fused the Keras way: kernel [features, 4·units], recurrent kernel
 * [units, 4·units], bias [4·units], gate blocks in the order i, f, c, o.
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
  splitGates,
  stepsInOrder,
} from './gates';
import { add } from './matrix';

/** Keras' names for the four column blocks, in storage order. "c" is the candidate's block. */
export const LSTM_GATES = ['i', 'f', 'c', 'o'] as const;
export type LSTMGate = (typeof LSTM_GATES)[number];

export type LSTMWeights = FusedWeights;

export interface LSTMState {
  h: Float32Array;
  c: Float32Array;
}

export interface LSTMStep {
  x: Float32Array;
  hPrev: Float32Array;
  cPrev: Float32Array;
  /** Input gate: how much of the candidate enters the cell. */
  i: GateTrace;
  /** Forget gate: how much of c_{t-1} the cell keeps. */
  f: GateTrace;
  /**
   * The candidate values g_t, computed from Keras' "c" block (W_c, U_c, b_c). Called g here so it
   * cannot be mistaken for the cell state c_t.
   */
  g: GateTrace;
  /** Output gate: how much of the squashed cell reaches h_t. */
  o: GateTrace;
  /** f ⊙ c_{t-1}: the part of the old cell the forget gate lets through. */
  kept: Float32Array;
  /** i ⊙ g: the part of the candidate the input gate lets in. */
  added: Float32Array;
  /** The new cell state kept + added = f ⊙ c_{t-1} + i ⊙ g. */
  c: Float32Array;
  /** activation(c_t), tanh(c_t) by default: the cell as the output gate sees it. */
  cActivated: Float32Array;
  /** o ⊙ activation(c_t) */
  h: Float32Array;
}

export type LSTMOptions = GatedLayerOptions<LSTMState>;

function checkLstmWeights(weights: LSTMWeights): number {
  const units = checkFusedShapes('LSTM', weights.kernel, weights.recurrentKernel, LSTM_GATES);
  checkLength(`LSTM bias [4·units]`, weights.bias, 4 * units);
  return units;
}

/**
 * W_i, W_f, W_c, W_o (and U_*, b_*): the fused arrays cut into one block per gate. For a
 * Keras LSTM(40) on 32 features the kernel (32, 160) becomes four (32, 40) blocks.
 */
export function lstmGateWeights(weights: LSTMWeights): Record<LSTMGate, GateBlock> {
  checkLstmWeights(weights);
  return splitGates(weights, LSTM_GATES);
}

export function lstmForward(
  inputs: ArrayLike<number>[],
  weights: LSTMWeights,
  { activation = 'tanh', recurrentActivation = 'sigmoid', initialState, goBackwards = false }: LSTMOptions = {},
): LSTMStep[] {
  const units = checkLstmWeights(weights);
  if (initialState) {
    checkLength('LSTM initial h', initialState.h, units);
    checkLength('LSTM initial c', initialState.c, units);
  }
  const gates = splitGates(weights, LSTM_GATES);
  let hPrev: Float32Array = initialState ? Float32Array.from(initialState.h) : new Float32Array(units);
  let cPrev: Float32Array = initialState ? Float32Array.from(initialState.c) : new Float32Array(units);

  return stepsInOrder('LSTM', inputs, weights.kernel.rows, goBackwards).map((x) => {
    // All four gates read the same x_t and h_{t-1}; only their weights differ.
    const i = gateStep(x, hPrev, gates.i, recurrentActivation);
    const f = gateStep(x, hPrev, gates.f, recurrentActivation);
    const g = gateStep(x, hPrev, gates.c, activation);
    const o = gateStep(x, hPrev, gates.o, recurrentActivation);
    // The cell is the only path along which memory is added to, not rewritten: keep a part of
    // the old cell, add a part of the candidate.
    const kept = hadamard(f.activation, cPrev);
    const added = hadamard(i.activation, g.activation);
    const c = add(kept, added);
    const cActivated = activate(activation, c);
    const h = hadamard(o.activation, cActivated);
    const step: LSTMStep = { x, hPrev, cPrev, i, f, g, o, kept, added, c, cActivated, h };
    hPrev = h;
    cPrev = c;
    return step;
  });
}

