/**
 * A stand-in for the model worker that runs the worker's own handlers (src/tf/modelHandlers.ts)
 * in-process on tfjs' cpu backend, with an in-memory checkpoint store shared by every stand-in
 * of the test file (as IndexedDB is shared by the page's workers): component tests then exercise
 * the real build/open/train/predict path without a Worker, and a new stand-in is a reload.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelWorkerApi } from '../../src/tf/modelWorkerClient';
import { createModelHandlers } from '../../src/tf/modelHandlers';
import { type CheckpointStore, memoryCheckpoints } from '../../src/tf/training';
import { WorkerCrashedError } from '../../src/tf/workerRpc';

let checkpoints: CheckpointStore = memoryCheckpoints();
const live = new Set<{ crash(): void }>();

/** The checkpoints the stand-ins save to (a test may put a start of its own there). */
export const inProcessCheckpoints = (): CheckpointStore => checkpoints;

/** Forgets every saved checkpoint (between tests). */
export function forgetInProcessCheckpoints(): void {
  checkpoints = memoryCheckpoints();
}

/** Makes every live stand-in behave as a crashed worker does: its pending and later calls reject. */
export function crashInProcessWorkers(): void {
  for (const worker of live) worker.crash();
}

export function createInProcessWorker(): ModelWorkerApi {
  const { handlers, cancel, pause, resume } = createModelHandlers({
    tf,
    checkpoints,
    startBackend: async () => {
      await tf.setBackend('cpu');
      return 'cpu';
    },
    yieldToMessages: () => new Promise((r) => setTimeout(r, 0)),
  });
  let crashed: WorkerCrashedError | null = null;
  const self = {
    crash() {
      crashed = new WorkerCrashedError('worker.crashed', 'The model worker stopped unexpectedly (test).', { worker: 'model', detail: 'test' });
      cancel();
    },
  };
  live.add(self);
  return {
    async call(call, args, progress) {
      if (crashed) throw crashed;
      const result = await (handlers[call] as (a: unknown, p: unknown) => unknown)(args, progress ?? (() => undefined));
      if (crashed) throw crashed;
      return result as never;
    },
    cancel,
    pause,
    resume,
    get crashed() {
      return crashed !== null;
    },
    dispose: () => {
      cancel();
      live.delete(self);
    },
  };
}
