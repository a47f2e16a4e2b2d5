/** The page's handle on a model worker. One client owns one worker; dispose() ends it. */
import type { ModelCalls } from './modelCalls';
import { type RpcClient, createRpcClient } from './workerRpc';

export type ModelWorkerApi = RpcClient<ModelCalls>;

export function createModelWorker(): ModelWorkerApi {
  return createRpcClient<ModelCalls>(new Worker(new URL('./model.worker.ts', import.meta.url), { type: 'module' }), 'model');
}
