/** The page's handle on the MNIST worker. */
import type { MnistCalls } from './mnistCalls';
import { type RpcClient, createRpcClient } from './workerRpc';

export type MnistWorkerApi = RpcClient<MnistCalls>;

export function createMnistWorker(): MnistWorkerApi {
  return createRpcClient<MnistCalls>(new Worker(new URL('./mnist.worker.ts', import.meta.url), { type: 'module' }), 'MNIST');
}
