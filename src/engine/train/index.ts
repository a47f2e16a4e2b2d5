/** The training kernel's entry points; types.ts documents the API. */
export { createKernelTrainer, kernelArenaBytes, kernelCannotTrain } from './trainer';
export { wasmSimdSupported } from './wasmProducts';
export type * from './types';
export { combineGradients, shardDropoutState, shardSizes, splitBatch, type Shard } from './shards';
