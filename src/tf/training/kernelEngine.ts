/**
 * The from-scratch kernel (src/engine/train) as a training engine. It computes in this worker
 * with typed arrays (and WebAssembly SIMD products when the compiled module is given); tfjs is
 * not involved in a step at all. Its weights have tfjs' names, shapes and order, so the session
 * copies them into the tfjs model whenever the model is read (summary, predict, save, export).
 */
import type { ModelSpec } from '../../engine/spec';
import { type KernelLoss, type KernelStates, type KernelTrainer, createKernelTrainer, kernelCannotTrain } from '../../engine/train';
import type { NamedWeight } from '../types';
import type { Batch, StepOutcome, TrainingEngine } from './types';

export interface EngineSettings {
  learningRate: number;
  clipNorm?: number;
  loss?: KernelLoss;
  stateful?: boolean;
  /** Seeds dropout masks (and the start weights when none are given). */
  seed?: number;
  weights?: NamedWeight[];
}

export { kernelCannotTrain };

export interface KernelEngine extends TrainingEngine {
  readonly trainer: KernelTrainer;
}

export function createKernelEngine(spec: ModelSpec, settings: EngineSettings, wasm?: WebAssembly.Module): KernelEngine {
  const trainer = createKernelTrainer(spec, {
    seed: settings.seed ?? 1,
    optimizer: { learningRate: settings.learningRate },
    clipNorm: settings.clipNorm,
    loss: settings.loss,
    stateful: settings.stateful,
    weights: settings.weights,
    wasm,
  });
  return {
    name: 'kernel',
    trainer,
    trainBatch(batch: Batch): StepOutcome {
      const { loss, accuracy, finite } = trainer.trainBatch(batch.x, batch.y);
      return { loss, accuracy, finite };
    },
    evaluate: (batch) => trainer.evaluate(batch.x, batch.y),
    getWeights: () => trainer.getWeights(),
    setWeights: (weights) => trainer.setWeights(weights),
    getOptimizerState: () => trainer.getOptimizerState(),
    setOptimizerState: (state) => trainer.setOptimizerState(state),
    setLearningRate: (lr) => trainer.setLearningRate(lr),
    getStates: () => trainer.getStates(),
    setStates(states: KernelStates | null) {
      if (states) trainer.setStates(states);
      else trainer.resetStates();
    },
    resetStates: () => trainer.resetStates(),
    dispose: () => undefined,
  };
}
