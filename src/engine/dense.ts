/** A Dense layer: y = activation(x·W + b). */
import { applyActivation } from './activations';
import { type Matrix, add, vecMat } from './matrix';
import type { ActivationName } from './spec';

export interface DenseWeights {
  kernel: Matrix;
  bias: Float32Array;
}

export interface DenseTrace {
  /** x·W + b, before the activation: the logits when the activation is softmax. */
  preActivation: Float32Array;
  output: Float32Array;
}

export function denseForward(x: ArrayLike<number>, weights: DenseWeights, activation: ActivationName = 'linear'): DenseTrace {
  const preActivation = add(vecMat(x, weights.kernel), weights.bias);
  return { preActivation, output: applyActivation(activation, preActivation) };
}
