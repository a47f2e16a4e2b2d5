/**
 * What a notebook needs from a live tfjs model, read where the model lives (in its worker): its
 * weights in model.weights order, and model.predict for one example input, every output of it.
 * Every widget's worker and the node tests call this one function, so the numbers a notebook
 * asserts against are the browser's own.
 */
import type { Tensor } from '@tensorflow/tfjs';
import type { TensorValues } from '../engine/notebook/writeNotebook';
import type { FunctionalModel } from './buildFunctional';
import type { TfModel } from './buildModel';
import type { NamedWeight, Tf } from './types';
import { readWeights } from './weights';

export interface ModelForPython {
  weights: NamedWeight[];
  example: { input: TensorValues; outputs: TensorValues[] };
}

type AnyModel = TfModel | FunctionalModel;

export function readModelForPython(tf: Tf, model: AnyModel, input: TensorValues): ModelForPython {
  const weights = readWeights(model);
  const outputs = tf.tidy(() => {
    const predicted = model.predict(tf.tensor(input.values, input.shape)) as Tensor | Tensor[];
    return (Array.isArray(predicted) ? predicted : [predicted]).map((t) => ({ values: Float32Array.from(t.dataSync() as Float32Array), shape: [...t.shape] }));
  });
  return { weights, example: { input: { values: Float32Array.from(input.values), shape: [...input.shape] }, outputs } };
}
