/**
 * The char-LM worker's real handlers (src/tf/charLmTrainer.ts) run in-process on tfjs' cpu
 * backend, with checkpoints in memory and `text` served as the novel. Use it from a vi.mock
 * factory of src/tf/charLmClient:
 *
 *   vi.mock('../../src/tf/charLmClient', async () => (await import('./inProcessCharLm')).charLmClientMock(TEXT));
 */
import * as tf from '@tensorflow/tfjs';
import type { CharLmWorkerApi } from '../../src/tf/charLmClient';
import { type CheckpointStore, memoryCheckpoints } from '../../src/tf/training';

/** The mocked module: every worker it creates shares one in-memory checkpoint store, as IndexedDB would. */
export function charLmClientMock(text: string): { createCharLmWorker: () => CharLmWorkerApi } {
  const checkpoints = memoryCheckpoints();
  return { createCharLmWorker: () => inProcessCharLmWorker(text, checkpoints) };
}

export function inProcessCharLmWorker(text: string, checkpoints: CheckpointStore): CharLmWorkerApi {
  let trainer: Promise<ReturnType<typeof import('../../src/tf/charLmTrainer').createCharLmHandlers>> | null = null;
  const get = () =>
    (trainer ??= (async () => {
      const { createCharLmHandlers } = await import('../../src/tf/charLmTrainer');
      await tf.setBackend('cpu');
      return createCharLmHandlers({
        tf,
        checkpoints,
        startBackend: async () => 'cpu',
        fetchText: async () => text,
        yieldToMessages: () => new Promise((r) => setTimeout(r, 0)),
      });
    })());
  return {
    async call(call, args, progress) {
      const t = await get();
      return (t.handlers[call] as (a: unknown, p: unknown) => unknown)(args, progress ?? (() => undefined)) as never;
    },
    cancel: () => void get().then((t) => t.cancel()),
    pause: () => void get().then((t) => t.pause()),
    resume: () => void get().then((t) => t.resume()),
    crashed: false,
    dispose: () => undefined,
  };
}
