/** The calls of the general-purpose model worker (model.worker.ts). */
import type { TensorValues } from '../engine/notebook/writeNotebook';
import type { ModelSpec } from '../engine/spec';
import type { KernelNeeds } from './backend';
import type { BuiltModel, FitOptions } from './modelSession';
import type { ModelForPython } from './notebookExport';
import type { ArrayData, BackendName, CompileOptions, EpochLog, NamedWeight } from './types';

export type ModelCalls = {
  build: { args: { spec: ModelSpec; compile: CompileOptions; weights?: NamedWeight[]; needs?: KernelNeeds }; result: BuiltModel & { backend: BackendName } };
  fit: { args: { data: ArrayData; options: Omit<FitOptions, 'onEpoch'> }; result: { stopped: boolean; weights: NamedWeight[] }; progress: EpochLog };
  predict: { args: { x: Float32Array; shape: number[] }; result: { values: Float32Array; shape: number[] } };
  setWeights: { args: { weights: NamedWeight[] }; result: null };
  /** The model's weights and model.predict for `input`: what a notebook carries. */
  forPython: { args: { input: TensorValues }; result: ModelForPython };
};
