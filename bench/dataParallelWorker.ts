/**
 * One thread of bench/dataParallel.ts: a kernel trainer that computes the gradient of the half
 * batch it is sent, for timing only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { createKernelTrainer, type KernelInput, type KernelTarget } from '../src/engine/train';
import type { ModelSpec } from '../src/engine/spec';

const { spec, wasmPath } = workerData as { spec: ModelSpec; wasmPath: string };
const trainer = createKernelTrainer(spec, { seed: 1, optimizer: { learningRate: 0.01 }, wasm: new WebAssembly.Module(readFileSync(wasmPath)) });

parentPort!.on('message', ({ x, y }: { x: KernelInput; y: KernelTarget }) => {
  const { gradients } = trainer.computeGradients(x, y);
  // The gradient goes back as a real data-parallel trainer would send it (moved, not copied).
  const buffers = gradients.map((g) => g.values.slice());
  parentPort!.postMessage(buffers, buffers.map((b) => b.buffer));
});
