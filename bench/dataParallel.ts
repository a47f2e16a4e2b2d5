/**
 * data_parallel_gradient_speedup: would training on two threads at once pay on this machine?
 * Node worker_threads, the char-LM browser default (one-hot 83 → LSTM(128) → Dense(83), batch
 * 32×50) on the kernel with its SIMD products: the gradient of the whole batch on one thread,
 * against two threads each computing the gradient of half the batch at the same time and sending
 * it back (the sum and Adam's update, which a real data-parallel trainer would add, are left out:
 * this is the best such a trainer could do). Medians of alternating rounds.
 */
import { Worker } from 'node:worker_threads';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { seededRandom } from '../src/engine/random';
import type { ModelSpec } from '../src/engine/spec';
import { createKernelTrainer, type KernelInput, type KernelTarget } from '../src/engine/train';
import { type Bench, median } from './figure';

const V = 83;
const B = 32;
const T = 50;
const ROUNDS = 15;
const spec: ModelSpec = {
  inputShape: [null, V],
  layers: [
    { kind: 'lstm', name: 'lstm_1', units: 128, returnSequences: true, unitForgetBias: true },
    { kind: 'dense', name: 'next_char', units: V, activation: 'softmax' },
  ],
};
const wasmPath = fileURLToPath(new URL('../public/generated/training-kernels.wasm', import.meta.url));

function half(ids: Int32Array, next: Int32Array, part: 0 | 1): { x: KernelInput; y: KernelTarget } {
  const rows = B / 2;
  const slice = (a: Int32Array) => a.slice(part * rows * T, (part + 1) * rows * T);
  return { x: { kind: 'ids', ids: slice(ids), batch: rows, steps: T }, y: { kind: 'classes', classes: slice(next) } };
}

export const dataParallel: Bench = {
  figures: ['data_parallel_gradient_speedup'],
  async run({ note }) {
    const random = seededRandom(3);
    const ids = Int32Array.from({ length: B * T }, () => Math.floor(random() * V));
    const next = Int32Array.from({ length: B * T }, () => Math.floor(random() * V));
    const one = createKernelTrainer(spec, { seed: 1, optimizer: { learningRate: 0.01 }, wasm: new WebAssembly.Module(readFileSync(wasmPath)) });
    // A worker thread does not inherit tsx's loader: it starts in JavaScript and imports the TypeScript through tsx's API.
    const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./dataParallelWorker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}))`;
    const workers = [0, 1].map(() => new Worker(boot, { eval: true, workerData: { spec, wasmPath } }));
    try {
      // One reply handler per worker for the whole run; each request waits for the next reply.
      const waiting = workers.map(() => ({ resolve: () => {}, reject: (_: unknown) => {} }));
      workers.forEach((w, i) => {
        w.on('message', () => waiting[i].resolve());
        w.on('error', (error) => waiting[i].reject(error));
      });
      const ask = (w: Worker, part: 0 | 1) =>
        new Promise<void>((resolve, reject) => {
          waiting[part] = { resolve, reject };
          w.postMessage(half(ids, next, part));
        });
      const whole = { x: { kind: 'ids' as const, ids, batch: B, steps: T }, y: { kind: 'classes' as const, classes: next } };
      const single: number[] = [];
      const pair: number[] = [];
      const timeSingle = async () => {
        const t0 = performance.now();
        one.computeGradients(whole.x, whole.y);
        return performance.now() - t0;
      };
      const timePair = async () => {
        const t0 = performance.now();
        await Promise.all([ask(workers[0], 0), ask(workers[1], 1)]);
        return performance.now() - t0;
      };
      for (let round = -2; round < ROUNDS; round++) {
        // Alternate which side goes first, so neither always runs on a machine the other just warmed.
        let s: number;
        let p: number;
        if (round % 2 === 0) {
          s = await timeSingle();
          p = await timePair();
        } else {
          p = await timePair();
          s = await timeSingle();
        }
        if (round >= 0) {
          single.push(s);
          pair.push(p);
        }
      }
      note(`data parallel: one thread ${median(single).toFixed(1)} ms per batch gradient, two threads on halves ${median(pair).toFixed(1)} ms (median of ${ROUNDS}; ${cpus().length} cores; no sum or Adam counted)`);
      return [{ name: 'data_parallel_gradient_speedup', value: median(single) / median(pair), unit: 'x', digits: 2 }];
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  },
};
