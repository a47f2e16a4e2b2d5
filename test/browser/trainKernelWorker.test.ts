/**
 * The training kernel runs in a Web Worker in Chromium, with the WebAssembly SIMD products the
 * build compiles, and gives the same numbers there as in node. The kernel (src/engine/train) is
 * bundled on its own with esbuild, so this needs no book page: a blank page starts a worker from
 * the bundle, hands it the .wasm bytes, trains a char-LM-shaped model five steps and posts the
 * losses back, which must equal node's run of the same seed to float precision.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import { createKernelTrainer } from '../../src/engine/train';
import { type Chromium, launchChromium } from './app';

const ROOT = join(import.meta.dirname, '../..');
const V = 20;
const SPEC: ModelSpec = {
  inputShape: [null, V],
  layers: [
    { kind: 'lstm', name: 'lstm_1', units: 16, returnSequences: true, unitForgetBias: true },
    { kind: 'dense', name: 'next_char', units: V, activation: 'softmax' },
  ],
};

/** Five batches of 8×12 ids, the same in node and in the worker (plain arrays cross postMessage). */
function batches(): { ids: number[]; next: number[] }[] {
  const random = seededRandom(31);
  return Array.from({ length: 5 }, () => ({
    ids: Array.from({ length: 8 * 12 }, () => Math.floor(random() * V)),
    next: Array.from({ length: 8 * 12 }, () => Math.floor(random() * V)),
  }));
}

/** The worker's whole program: build the trainer from the posted spec and module, train, post the losses. */
const WORKER_MAIN = `
self.onmessage = async (event) => {
  const { spec, wasmBytes, batches } = event.data;
  try {
    const { createKernelTrainer, wasmSimdSupported } = self.kernel;
    const wasm = await WebAssembly.compile(wasmBytes);
    const trainer = createKernelTrainer(spec, { seed: 5, optimizer: { learningRate: 0.01 }, clipNorm: 5, stateful: true, wasm });
    const losses = batches.map((b) =>
      trainer.trainBatch({ kind: 'ids', ids: Int32Array.from(b.ids), batch: 8, steps: 12 }, { kind: 'classes', classes: Int32Array.from(b.next) }).loss,
    );
    self.postMessage({ losses, simd: wasmSimdSupported() });
  } catch (error) {
    self.postMessage({ error: String(error && error.stack || error) });
  }
};`;

describe('training kernel in a Web Worker (headless Chromium)', () => {
  const setup = inject('browserSetup');
  let browser: Chromium | null = null;
  beforeEach((context) => {
    if (setup.skip !== undefined) context.skip(setup.skip);
  });
  beforeAll(async () => {
    if (setup.skip === undefined) browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('trains with the wasm SIMD products and matches node step for step', async () => {
    const bundle = await build({
      entryPoints: [join(ROOT, 'src/engine/train/index.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'kernel',
      platform: 'browser',
      target: 'es2022',
    });
    const source = `${bundle.outputFiles[0].text}\n${WORKER_MAIN}`;
    const wasmBytes = readFileSync(join(ROOT, 'public/generated/training-kernels.wasm'));
    const data = batches();

    const wasm = new WebAssembly.Module(wasmBytes);
    const node = createKernelTrainer(SPEC, { seed: 5, optimizer: { learningRate: 0.01 }, clipNorm: 5, stateful: true, wasm });
    const nodeLosses = data.map(
      (b) => node.trainBatch({ kind: 'ids', ids: Int32Array.from(b.ids), batch: 8, steps: 12 }, { kind: 'classes', classes: Int32Array.from(b.next) }).loss,
    );

    const page = await browser!.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setContent('<!doctype html><title>kernel worker</title>');
    const result = (await page.evaluate(
      ({ source, bytes, spec, batches }) =>
        new Promise((resolve) => {
          const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
          const worker = new Worker(url);
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => resolve({ error: event.message });
          worker.postMessage({ spec, wasmBytes: new Uint8Array(bytes), batches });
        }),
      { source, bytes: Array.from(wasmBytes), spec: SPEC, batches: data },
    )) as { losses?: number[]; simd?: boolean; error?: string };
    await page.close();

    expect(result.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(result.simd).toBe(true);
    expect(result.losses).toHaveLength(5);
    result.losses!.forEach((loss, i) => expect(loss).toBeCloseTo(nodeLosses[i], 6));
  });
});
