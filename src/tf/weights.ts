/**
 * Moving weights between tfjs and the engine. tfjs hands out tensors; the engine wants
 * Float32Array matrices. NamedWeight is the neutral form between them, and the only form that
 * leaves the worker.
 */
import type { DenseWeights } from '../engine/dense';
import type { GRUWeights } from '../engine/gru';
import type { LSTMWeights } from '../engine/lstm';
import { type Matrix, matrix } from '../engine/matrix';
import type { SimpleRNNWeights } from '../engine/simpleRnn';
import type { TfModel } from './buildModel';
import type { NamedWeight, Tf } from './types';

/** Any LayersModel's arrays (Sequential or functional), in model.weights order. */
export function readWeights(model: Pick<TfModel, 'weights' | 'getWeights'>): NamedWeight[] {
  const values = model.getWeights();
  return model.weights.map((variable, i) => ({
    name: variable.name,
    shape: [...variable.shape] as number[],
    values: Float32Array.from(values[i].dataSync() as Float32Array),
  }));
}

export function writeWeights(tf: Tf, model: TfModel, weights: NamedWeight[]): void {
  const expected = model.weights;
  if (weights.length !== expected.length) {
    throw new Error(`The model has ${expected.length} weight arrays but ${weights.length} were given.`);
  }
  const tensors = expected.map((variable, i) => {
    const w = weights[i];
    const want = variable.shape.join('×');
    if (w.shape.join('×') !== want) throw new Error(`Weight ${variable.name} is ${want} but the given one is ${w.shape.join('×')}.`);
    return tf.tensor(w.values, w.shape);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** The weights of one layer, by their Keras short names: kernel, recurrent_kernel, bias. */
export function weightsOfLayer(all: NamedWeight[], layerName: string): Map<string, NamedWeight> {
  const own = all.filter((w) => w.name.startsWith(`${layerName}/`));
  if (own.length === 0) throw new Error(`No weights belong to a layer named "${layerName}".`);
  return new Map(own.map((w) => [w.name.slice(w.name.lastIndexOf('/') + 1).replace(/_\d+$/, ''), w]));
}

function pick(layer: Map<string, NamedWeight>, key: string, layerName: string): NamedWeight {
  const w = layer.get(key);
  if (!w) throw new Error(`Layer "${layerName}" has no ${key}.`);
  return w;
}

export function toMatrix(w: NamedWeight): Matrix {
  if (w.shape.length !== 2) throw new Error(`${w.name} is not a matrix (shape ${w.shape.join('×')}).`);
  return matrix(w.shape[0], w.shape[1], w.values);
}

export function simpleRnnWeightsOf(all: NamedWeight[], layerName: string): SimpleRNNWeights {
  const layer = weightsOfLayer(all, layerName);
  return {
    kernel: toMatrix(pick(layer, 'kernel', layerName)),
    recurrentKernel: toMatrix(pick(layer, 'recurrent_kernel', layerName)),
    bias: Float32Array.from(pick(layer, 'bias', layerName).values),
  };
}

export function denseWeightsOf(all: NamedWeight[], layerName: string): DenseWeights {
  const layer = weightsOfLayer(all, layerName);
  return { kernel: toMatrix(pick(layer, 'kernel', layerName)), bias: Float32Array.from(pick(layer, 'bias', layerName).values) };
}

/** A missing bias (useBias: false) is a zero bias, so the engine needs only one code path. */
function biasOrZeros(layer: Map<string, NamedWeight>, length: number): NamedWeight {
  const bias = layer.get('bias');
  return bias ?? { name: 'bias', shape: [length], values: new Float32Array(length) };
}

export function lstmWeightsOf(all: NamedWeight[], layerName: string): LSTMWeights {
  const layer = weightsOfLayer(all, layerName);
  const kernel = toMatrix(pick(layer, 'kernel', layerName));
  return {
    kernel,
    recurrentKernel: toMatrix(pick(layer, 'recurrent_kernel', layerName)),
    bias: Float32Array.from(biasOrZeros(layer, kernel.cols).values),
  };
}

/**
 * A GRU's weights; the bias' shape tells the variant: [3·units] is reset_after=False (all tfjs
 * builds), [2, 3·units] is Keras 2's reset_after=True.
 */
export function gruWeightsOf(all: NamedWeight[], layerName: string): GRUWeights {
  const layer = weightsOfLayer(all, layerName);
  const kernel = toMatrix(pick(layer, 'kernel', layerName));
  const recurrentKernel = toMatrix(pick(layer, 'recurrent_kernel', layerName));
  const bias = biasOrZeros(layer, kernel.cols);
  if (bias.shape.length === 2) return { resetAfter: true, kernel, recurrentKernel, bias: toMatrix(bias) };
  return { resetAfter: false, kernel, recurrentKernel, bias: Float32Array.from(bias.values) };
}

/** The engine-side arrays of one layer, keyed by the Keras short names they replace. */
export interface LayerArrays {
  kernel: Matrix;
  recurrentKernel?: Matrix;
  bias?: Float32Array | Matrix;
}

/**
 * The reverse of the *WeightsOf functions: a copy of `all` in which one layer's kernel,
 * recurrent_kernel and bias hold the engine's values (say, weights a reader dragged), ready for
 * ModelSession.setWeights. Names and order stay tfjs'; a shape that differs throws.
 */
export function replaceLayerWeights(all: NamedWeight[], layerName: string, arrays: LayerArrays): NamedWeight[] {
  const layer = weightsOfLayer(all, layerName);
  const given: [string, Matrix | Float32Array | undefined][] = [
    ['kernel', arrays.kernel],
    ['recurrent_kernel', arrays.recurrentKernel],
    ['bias', arrays.bias],
  ];
  const replacements = new Map<NamedWeight, Float32Array>();
  for (const [key, value] of given) {
    if (!value) continue;
    const target = pick(layer, key, layerName);
    const [shape, values] = value instanceof Float32Array ? [[value.length], value] : [[value.rows, value.cols], value.data];
    if (shape.join('×') !== target.shape.join('×')) {
      throw new Error(`${target.name} is ${target.shape.join('×')} but the engine's ${key} is ${shape.join('×')}.`);
    }
    replacements.set(target, Float32Array.from(values));
  }
  return all.map((w) => (replacements.has(w) ? { ...w, values: replacements.get(w)! } : w));
}
