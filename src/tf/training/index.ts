/** The one training loop and what it runs on; types.ts and loop.ts document them. */
export * from './types';
export { runTraining, snapshotOf, restoreSnapshot, FRESH_START, DIVERGENCE_FACTOR, DIVERGENCE_STEPS, type LoopHooks, type LoopResult, type RunStart } from './loop';
export { RunControl, yieldToEvents } from './control';
export { charWindowBatches, epochOrder, evaluateAll, exampleBatches, pickExamples, shuffledBatches, type ExampleSet } from './batches';
export { type Checkpoint, type CheckpointStore, indexedDbCheckpoints, isCheckpoint, memoryCheckpoints } from './checkpoints';
export { createKernelEngine, type EngineSettings } from './kernelEngine';
export { createTfjsEngine, tfjsEngineName, type TfjsEngineSettings } from './tfjsEngine';
export { PROBED, cannotTrain, chooseEngine, createEngine, fastestTfjsBackend, probeEngines, type EngineSubject } from './engines';
export { TrainingSession, type RunHooks, type SessionOptions } from './session';
export { type TrainFailure, failureOf } from './failure';
