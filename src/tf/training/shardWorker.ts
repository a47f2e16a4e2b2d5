/** Starts a helper thread of the data-parallel kernel (kernelShard.worker.ts) from the training worker. */
import type { RpcClient } from '../workerRpc';
import { createRpcClient } from '../workerRpc';
import type { ShardCalls } from './shardCalls';

export function spawnShardWorker(): RpcClient<ShardCalls> {
  return createRpcClient<ShardCalls>(new Worker(new URL('./kernelShard.worker.ts', import.meta.url), { type: 'module' }), 'kernel shard');
}
