/**
 * An activation as the kernel's inner loops use it: the function, and its slope written in
 * terms of what the forward pass kept (the output for sigmoid and tanh, whose derivatives are
 * y(1−y) and 1−y²; the input for the piecewise ones).
 */
import { type ElementwiseActivation, elementwiseFunction } from '../activations';
import { activationSlope } from '../bptt/common';

export interface Pointwise {
  f: (x: number) => number;
  /** d f / d x at input `pre`, output `post`. */
  slope: (pre: number, post: number) => number;
}

const hardSigmoid = (x: number): number => {
  // As tfjs computes it, in float32: clip(0.2·x + 0.5, 0, 1).
  const y = Math.fround(Math.fround(Math.fround(0.2) * x) + 0.5);
  return y < 0 ? 0 : y > 1 ? 1 : y;
};

export function pointwise(name: ElementwiseActivation): Pointwise {
  switch (name) {
    case 'sigmoid':
      return { f: elementwiseFunction('sigmoid'), slope: (_pre, y) => y * (1 - y) };
    case 'tanh':
      return { f: Math.tanh, slope: (_pre, y) => 1 - y * y };
    case 'hard_sigmoid':
      // The slope keeps tfjs' float32 rounding at the corners (bptt/common.ts explains why).
      return { f: hardSigmoid, slope: (pre, y) => activationSlope('hard_sigmoid', pre, y) };
    case 'relu':
      return { f: elementwiseFunction('relu'), slope: (pre) => (pre > 0 ? 1 : 0) };
    case 'linear':
      return { f: elementwiseFunction('linear'), slope: () => 1 };
  }
}
