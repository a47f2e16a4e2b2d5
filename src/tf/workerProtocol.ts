/**
 * The messages between a page and its model worker. Each request carries an id; the worker
 * answers it once, and may send epoch reports for a fit in between.
 */
import type { ModelSpec } from '../engine/spec';
import type { KernelNeeds } from './backend';
import type { BuiltModel, FitOptions } from './modelSession';
import type { ArrayData, BackendName, CompileOptions, EpochLog, NamedWeight } from './types';

export interface WorkerCalls {
  build: { args: { spec: ModelSpec; compile: CompileOptions; weights?: NamedWeight[]; needs?: KernelNeeds }; result: BuiltModel & { backend: BackendName } };
  fit: { args: { data: ArrayData; options: Omit<FitOptions, 'onEpoch'> }; result: { stopped: boolean; weights: NamedWeight[] } };
  predict: { args: { x: Float32Array; shape: number[] }; result: { values: Float32Array; shape: number[] } };
  setWeights: { args: { weights: NamedWeight[] }; result: null };
}

export type CallName = keyof WorkerCalls;

export type WorkerRequest =
  | { [K in CallName]: { id: number; call: K; args: WorkerCalls[K]['args'] } }[CallName]
  | { id: number; call: 'stop' };

export type WorkerMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string }
  | { id: number; epoch: EpochLog };
