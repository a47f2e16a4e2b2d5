/**
 * Plain data that crosses the worker boundary and the engine/tfjs boundary: no tensors, no
 * classes, only typed arrays and numbers, so it can be posted, persisted and compared.
 */
export type Tf = typeof import('@tensorflow/tfjs');

export interface NamedWeight {
  /** tfjs' variable name with the layer prefix, e.g. "rnn/kernel". */
  name: string;
  shape: number[];
  values: Float32Array;
}

export type BackendName = 'wasm' | 'webgl' | 'cpu';

export interface CompileOptions {
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  learningRate: number;
  loss: 'categoricalCrossentropy' | 'binaryCrossentropy' | 'sparseCategoricalCrossentropy' | 'meanSquaredError';
  metrics?: ('accuracy')[];
}

/** A dataset as flat arrays plus shapes, the form that posts cheaply to a worker. */
export interface ArrayData {
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  yShape: number[];
}

export interface EpochLog {
  epoch: number;
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}
