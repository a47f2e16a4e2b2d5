/**
 * One live tfjs model built to be read, not trained: its summary, tfjs' own per-layer counts,
 * predict, and its weights handed to the engine (the book's summaries beside our arithmetic, the
 * parity tests). A model the reader trains lives in a TrainingSession instead (src/tf/training);
 * both answer predict with predictWith below.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { BookError } from '../engine/errors';
import type { ModelSpec } from '../engine/spec';
import { type TfModel, buildModel } from './buildModel';
import { captureSummary, layerParamCounts } from './summary';
import type { NamedWeight, Tf } from './types';
import { readWeights, writeWeights } from './weights';

export interface BuiltModel {
  summary: string[];
  layerParams: { name: string; params: number }[];
  weights: NamedWeight[];
}

/** What the book shows of a built model. */
export function describeModel(model: TfModel): BuiltModel {
  return { summary: captureSummary(model), layerParams: layerParamCounts(model), weights: readWeights(model) };
}

/** model.predict on one flat input, as flat values and their shape. */
export function predictWith(tf: Tf, model: TfModel, x: Float32Array, shape: number[]): { values: Float32Array; shape: number[] } {
  return tf.tidy(() => {
    const out = model.predict(tf.tensor(x, shape)) as Tensor;
    return { values: Float32Array.from(out.dataSync() as Float32Array), shape: out.shape };
  });
}

export class ModelSession {
  private model: TfModel | null = null;

  constructor(private readonly tf: Tf) {}

  build(spec: ModelSpec, weights?: NamedWeight[]): BuiltModel {
    this.dispose();
    const model = buildModel(this.tf, spec);
    if (weights) writeWeights(this.tf, model, weights);
    this.model = model;
    return describeModel(model);
  }

  get current(): TfModel {
    if (!this.model) throw new BookError('model.notReady', 'No model has been built yet.');
    return this.model;
  }

  predict(x: Float32Array, shape: number[]): { values: Float32Array; shape: number[] } {
    return predictWith(this.tf, this.current, x, shape);
  }

  weights(): NamedWeight[] {
    return readWeights(this.current);
  }

  setWeights(weights: NamedWeight[]): void {
    writeWeights(this.tf, this.current, weights);
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
