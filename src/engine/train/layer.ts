/**
 * What every layer of the training kernel is: a forward pass that keeps what its backward pass
 * will need, and a backward pass that adds into its weights' gradients and hands the gradient on
 * to the layer below.
 *
 * Activations flow between layers time-major: the row of example b at step t is row t·batch + b
 * of a [steps·batch, features] block. That way the batch of one time step is one contiguous
 * [batch, features] matrix, which is what every recurrent step multiplies. Inputs and targets
 * arrive batch-major, as tfjs takes them; only the first layer and the loss reorder them.
 */
import type { Random } from '../random';
import type { Products } from './products';

/** One weight array and its gradient, both views of the arena, in tfjs' layout. */
export interface Param {
  /** tfjs' variable name, e.g. "lstm/recurrent_kernel". */
  name: string;
  shape: number[];
  value: Float32Array;
  grad: Float32Array;
  /** How a fresh model draws it (src/tf/buildModel.ts' defaults, for the same spec). */
  init: ParamInit;
}

export type ParamInit =
  | { kind: 'glorotUniform' | 'glorotNormal' | 'orthogonal' | 'zeros' | 'ones'; fanIn: number; fanOut: number }
  /** tfjs' Embedding default, randomUniform(−0.05, 0.05). */
  | { kind: 'uniform'; limit: number }
  /** LSTM unit_forget_bias: zeros except ones on the forget block [units, 2·units). */
  | { kind: 'forgetBias'; units: number };

/** A block of time-major activations (or their gradients) inside some layer's buffer. */
export interface Flow {
  data: Float32Array;
  /** Index of the first value in data. */
  offset: number;
  batch: number;
  steps: number;
  features: number;
  /** true: [steps·batch, features], time-major; false: [batch, features] (a last state). */
  sequence: boolean;
}

/** Int ids as given, batch-major [batch, steps]: word ids for an Embedding, or a one-hot input's hot positions. */
export interface IdsFlow {
  ids: Int32Array;
  batch: number;
  steps: number;
}

export const isIds = (input: Flow | IdsFlow): input is IdsFlow => (input as IdsFlow).ids !== undefined;

/** What a pass needs besides its input. */
export interface Pass {
  /** Dropout is on only while training. */
  training: boolean;
  products: Products;
  /** Draws dropout masks. */
  random: Random;
}

export interface KernelLayer {
  readonly params: Param[];
  /** Features each output row has. */
  readonly outputFeatures: number;
  readonly outputSequence: boolean;
  forward(input: Flow | IdsFlow, pass: Pass): Flow;
  /**
   * dOut has forward's output layout. Adds into every param.grad and returns dL/d(input) in the
   * input's layout, or null when `needInput` is false (the first layer, or an ids input).
   */
  backward(dOut: Flow, pass: Pass, needInput: boolean): Flow | null;
  /** The weights were changed (an optimizer step, setWeights): refresh derived copies. */
  weightsChanged(): void;
}

/** Number of rows of a flow. */
export const rowsOf = (f: { batch: number; steps: number; sequence: boolean }): number => (f.sequence ? f.batch * f.steps : f.batch);

/** A reusable Flow object, so a pass allocates nothing but reuses one per layer. */
export function flowOn(data: Float32Array, offset: number, batch: number, steps: number, features: number, sequence: boolean, into?: Flow): Flow {
  const f = into ?? { data, offset, batch, steps, features, sequence };
  f.data = data;
  f.offset = offset;
  f.batch = batch;
  f.steps = steps;
  f.features = features;
  f.sequence = sequence;
  return f;
}
