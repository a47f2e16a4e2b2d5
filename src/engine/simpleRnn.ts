/**
 * A SimpleRNN, one step at a time:  h_t = activation(x_t·W + h_{t-1}·U + b).
 * W is the kernel [features, units], U the recurrent kernel [units, units], b the bias [units],
 * named and shaped as Keras and tfjs name and shape them. The forward pass keeps every
 * intermediate value so a chapter can show each one.
 */
import { type ElementwiseActivation, activate } from './activations';
import { type Matrix, add, vecMat } from './matrix';

export interface SimpleRNNWeights {
  kernel: Matrix;
  recurrentKernel: Matrix;
  bias: Float32Array;
}

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
  const units = weights.recurrentKernel.cols;
  const order = goBackwards ? [...inputs].reverse() : inputs;
  let hPrev = initialState ?? new Float32Array(units);
  return order.map((xRaw) => {
    const x = Float32Array.from(xRaw);
    const inputTerm = vecMat(x, weights.kernel);
    const recurrentTerm = vecMat(hPrev, weights.recurrentKernel);
    const preActivation = add(inputTerm, recurrentTerm, weights.bias);
    const h = activate(activation, preActivation);
    const step = { x, hPrev, inputTerm, recurrentTerm, preActivation, h };
    hPrev = h;
    return step;
  });
}
