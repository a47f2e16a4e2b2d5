/** The page's handle on a sentiment worker. One client owns one worker; dispose() ends it. */
import type { SentimentCalls } from './sentimentCalls';
import { type RpcClient, createRpcClient } from './workerRpc';

export type SentimentWorkerApi = RpcClient<SentimentCalls>;

export function createSentimentWorker(): SentimentWorkerApi {
  return createRpcClient<SentimentCalls>(new Worker(new URL('./sentiment.worker.ts', import.meta.url), { type: 'module' }), 'sentiment');
}
