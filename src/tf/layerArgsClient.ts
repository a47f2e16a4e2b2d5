/** The page's handle on the layer playground's worker; dispose() ends it. */
import type { LayerArgsCalls } from './layerArgsProtocol';
import { type RpcClient, createRpcClient } from './workerRpc';

export type LayerArgsWorkerApi = RpcClient<LayerArgsCalls>;

export function createLayerArgsWorker(): LayerArgsWorkerApi {
  return createRpcClient<LayerArgsCalls>(new Worker(new URL('./layerArgs.worker.ts', import.meta.url), { type: 'module' }), 'layer playground');
}
