/**
 * The page's side of a model worker: each call returns a promise, and a fit reports its epochs
 * through a callback. One client owns one worker; dispose() ends it.
 */
import type { CallName, WorkerCalls, WorkerMessage, WorkerRequest } from './workerProtocol';
import type { EpochLog } from './types';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onEpoch?: (log: EpochLog) => void;
}

export interface ModelWorkerApi {
  call<K extends CallName>(call: K, args: WorkerCalls[K]['args'], onEpoch?: (log: EpochLog) => void): Promise<WorkerCalls[K]['result']>;
  stop(): void;
  dispose(): void;
}

export function createModelWorker(): ModelWorkerApi {
  const worker = new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Pending>();
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    const entry = pending.get(message.id);
    if (!entry) return;
    if ('epoch' in message) {
      entry.onEpoch?.(message.epoch);
      return;
    }
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.result);
    else entry.reject(new Error(message.error));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    const error = new Error(`The model worker failed: ${event.message || 'unknown error'}`);
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };

  return {
    call(call, args, onEpoch) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onEpoch });
        worker.postMessage({ id, call, args } as WorkerRequest);
      });
    },
    stop: () => worker.postMessage({ id: 0, call: 'stop' } satisfies WorkerRequest),
    dispose() {
      worker.terminate();
      const error = new Error('The model worker was closed.');
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    },
  };
}
