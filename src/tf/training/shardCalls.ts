/**
 * The calls a data-parallel kernel step makes to each of its helper threads (kernelShard.ts
 * answers them, parallelEngine.ts makes them). A helper holds a kernel trainer of the same model
 * and computes the gradient of its shard of each batch; the training worker sums the shards'
 * gradients and takes the Adam step, so the weights and Adam's state live in one place only.
 */
import type { ModelSpec } from '../../engine/spec';
import type { KernelInput, KernelLoss, KernelStates, KernelTarget } from '../../engine/train';

export interface ShardStep {
  /** The weights now (every step moves them), in the trainer's order. */
  weights: Float32Array[];
  x: KernelInput;
  y: KernelTarget;
  /** Where this shard's dropout masks start (shardDropoutState). */
  dropoutState: number;
  /**
   * Stateful runs: what the shard starts from. 'carry' keeps the final states of its previous
   * step (that step was applied), 'zeros' drops them (a new pass over the text, or the previous
   * step was not applied and its states were never kept), or the shard's rows of given states.
   */
  states: 'carry' | 'zeros' | KernelStates;
}

export interface ShardResult {
  loss: number;
  accuracy: number;
  gradients: Float32Array[];
  /** Stateful runs: the shard's final states of this step, for the training worker's copy. */
  finalStates: KernelStates | null;
}

export type ShardCalls = {
  open: { args: { spec: ModelSpec; loss?: KernelLoss; stateful: boolean; wasm: WebAssembly.Module | null }; result: null };
  step: { args: ShardStep; result: ShardResult };
};
