/** The page's handle on the character-model worker. */
import type { CharLmCalls } from './charLmCalls';
import { type RpcClient, createRpcClient } from './workerRpc';

export type CharLmWorkerApi = RpcClient<CharLmCalls>;

export function createCharLmWorker(): CharLmWorkerApi {
  return createRpcClient<CharLmCalls>(new Worker(new URL('./charLm.worker.ts', import.meta.url), { type: 'module' }), 'character model');
}
