/**
 * Moving weights between tfjs and the engine. tfjs hands out tensors; the engine wants
 * Float32Array matrices. NamedWeight is the neutral form between them, and the only form that
 * leaves the worker.
 */
import type { DenseWeights } from '../engine/dense';
import { type Matrix, matrix } from '../engine/matrix';
import type { SimpleRNNWeights } from '../engine/simpleRnn';
import type { TfModel } from './buildModel';
import type { NamedWeight, Tf } from './types';

export function readWeights(model: TfModel): NamedWeight[] {
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
