/// <reference lib="webworker" />
/** A helper thread of the data-parallel kernel (kernelShard.ts), started by the training worker. */
import { createShardHandlers } from './kernelShard';
import { serveRpc } from '../workerRpc';

declare const self: DedicatedWorkerGlobalScope;

serveRpc(self, createShardHandlers(), () => undefined);
