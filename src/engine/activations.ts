/**
 * The activations recurrent layers use, written out. hard_sigmoid is the piecewise-linear
 * sigmoid that tfjs (like Keras 1 and Keras 2.0–2.2) uses by default for gates:
 * clip(0.2·x + 0.5, 0, 1). Keras 2.3+ and tf.keras default to the logistic sigmoid.
 */
import type { ActivationName } from './spec';

export type ElementwiseActivation = Exclude<ActivationName, 'softmax'>;

const FUNCTIONS: Record<ElementwiseActivation, (x: number) => number> = {
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  hard_sigmoid: (x) => Math.min(1, Math.max(0, 0.2 * x + 0.5)),
  relu: (x) => Math.max(0, x),
  linear: (x) => x,
};

/** The scalar function itself, for loops that apply it in place. */
export function elementwiseFunction(name: ElementwiseActivation): (x: number) => number {
  return FUNCTIONS[name];
}

export function activate(name: ElementwiseActivation, values: ArrayLike<number>): Float32Array {
  const f = FUNCTIONS[name];
  // A plain loop: Float32Array.from with a map function is many times slower in V8, and the
  // explorer re-runs every step of a sentence on each drag move.
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = f(values[i]);
  return out;
}

/** Softmax with the largest value subtracted first, so exp never overflows. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float32Array {
  if (!(temperature > 0)) throw new Error(`Temperature must be above 0, got ${temperature}.`);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from(logits as ArrayLike<number>, (z) => Math.exp((z - max) / temperature));
  const total = exps.reduce((a, b) => a + b, 0);
  return Float32Array.from(exps, (e) => e / total);
}

export function applyActivation(name: ActivationName, values: ArrayLike<number>): Float32Array {
  return name === 'softmax' ? softmax(values) : activate(name, values);
}
