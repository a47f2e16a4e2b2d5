/**
 * A SimpleRNN, one step at a time:  h_t = activation(x_t·W + h_{t-1}·U + b).
 * W is the kernel [features, units], U the recurrent kernel [units, units], b the bias [units],
 * named and shaped as Keras and tfjs name and shape them. It is a gated layer with a single
 * "gate" whose value is the new state, so it shares the LSTM's and GRU's step code.
 */
import type { ElementwiseActivation } from './activations';
import { type FusedWeights, checkFusedShapes, checkLength, gateStep, stepsInOrder } from './gates';

export type SimpleRNNWeights = FusedWeights;

export interface SimpleRNNStep {
  x: Float32Array;
  hPrev: Float32Array;
  /** x_t·W */
  inputTerm: Float32Array;
  /** h_{t-1}·U */
  recurrentTerm: Float32Array;
  /** x_t·W + h_{t-1}·U + b */
  preActivation: Float32Array;
  h: Float32Array;
}

export interface SimpleRNNOptions {
  activation?: ElementwiseActivation;
  initialState?: Float32Array;
  /** Read the sequence from its last step to its first, as Keras' go_backwards does. */
  goBackwards?: boolean;
}

export function simpleRnnForward(
  inputs: ArrayLike<number>[],
  weights: SimpleRNNWeights,
  { activation = 'tanh', initialState, goBackwards = false }: SimpleRNNOptions = {},
): SimpleRNNStep[] {
  const units = checkFusedShapes('SimpleRNN', weights.kernel, weights.recurrentKernel, ['h']);
  checkLength('SimpleRNN bias', weights.bias, units);
  if (initialState) checkLength('SimpleRNN initial state', initialState, units);
  // #region listing:simple-rnn-loop
  // h_{-1}: zeros, unless the caller hands in a state.
  let hPrev: Float32Array = initialState ? Float32Array.from(initialState) : new Float32Array(units);
  // One state per word, each built from the word and the state before it: h_t = tanh(x_t·W + h_{t-1}·U + b).
  return stepsInOrder('SimpleRNN', inputs, weights.kernel.rows, goBackwards).map((x) => {
    const { activation: h, ...terms } = gateStep(x, hPrev, weights, activation);
    const step = { x, hPrev, ...terms, h };
    hPrev = h;
    return step;
  });
  // #endregion
}
