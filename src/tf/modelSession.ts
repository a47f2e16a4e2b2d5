/**
 * One live tfjs model and what the book does with it: build from a spec, show its summary,
 * train with progress and cancel, predict, and hand its weights to the engine. The worker wraps
 * one of these; node tests use it directly.
 */
import { BookError } from '../engine/errors';
import type { ModelSpec } from '../engine/spec';
import { type TfModel, buildModel } from './buildModel';
import type { TensorValues } from '../engine/notebook/writeNotebook';
import { type ModelForPython, readModelForPython } from './notebookExport';
import { captureSummary, layerParamCounts } from './summary';
import type { ArrayData, CompileOptions, EpochLog, NamedWeight, Tf } from './types';
import { readWeights, writeWeights } from './weights';

export interface BuiltModel {
  summary: string[];
  layerParams: { name: string; params: number }[];
  weights: NamedWeight[];
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  validationSplit?: number;
  onEpoch?: (log: EpochLog) => void;
}

export class ModelSession {
  private model: TfModel | null = null;
  private stopRequested = false;

  constructor(private readonly tf: Tf) {}

  build(spec: ModelSpec, compile: CompileOptions, weights?: NamedWeight[]): BuiltModel {
    this.dispose();
    const model = buildModel(this.tf, spec);
    const optimizers = { adam: this.tf.train.adam, sgd: this.tf.train.sgd, rmsprop: this.tf.train.rmsprop };
    model.compile({ optimizer: optimizers[compile.optimizer](compile.learningRate), loss: compile.loss, metrics: compile.metrics ?? [] });
    if (weights) writeWeights(this.tf, model, weights);
    this.model = model;
    return { summary: captureSummary(model), layerParams: layerParamCounts(model), weights: readWeights(model) };
  }

  private get current(): TfModel {
    if (!this.model) throw new BookError('model.notReady', 'No model has been built yet.');
    return this.model;
  }

  async fit(data: ArrayData, { epochs, batchSize, validationSplit, onEpoch }: FitOptions): Promise<{ stopped: boolean }> {
    const model = this.current;
    const { tf } = this;
    const x = tf.tensor(data.x, data.xShape);
    const y = tf.tensor(data.y, data.yShape);
    this.stopRequested = false;
    try {
      await model.fit(x, y, {
        epochs,
        batchSize,
        shuffle: true,
        validationSplit,
        verbose: 0,
        callbacks: {
          onEpochEnd: async (epoch, logs = {}) => {
            onEpoch?.({
              epoch: epoch + 1,
              loss: logs.loss,
              accuracy: logs.acc ?? logs.accuracy,
              valLoss: logs.val_loss,
              valAccuracy: logs.val_acc ?? logs.val_accuracy,
            });
            if (this.stopRequested) model.stopTraining = true;
          },
        },
      });
    } finally {
      tf.dispose([x, y]);
    }
    return { stopped: this.stopRequested };
  }

  /** Asks a running fit to end after the current epoch. */
  stop(): void {
    this.stopRequested = true;
  }

  predict(x: Float32Array, shape: number[]): { values: Float32Array; shape: number[] } {
    return this.tf.tidy(() => {
      const out = this.current.predict(this.tf.tensor(x, shape)) as import('@tensorflow/tfjs').Tensor;
      return { values: out.dataSync() as Float32Array, shape: out.shape };
    });
  }

  weights(): NamedWeight[] {
    return readWeights(this.current);
  }

  forPython(input: TensorValues): ModelForPython {
    return readModelForPython(this.tf, this.current, input);
  }

  setWeights(weights: NamedWeight[]): void {
    writeWeights(this.tf, this.current, weights);
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
