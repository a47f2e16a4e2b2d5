import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckpointStore, memoryCheckpoints } from '../../src/tf/training';
import type { MnistConfig, MnistTrainProgress } from '../../src/tf/mnistCalls';
import { MNIST_CHECKPOINT, createMnistHandlers, thinHistory } from '../../src/tf/mnistTrainer';
import { cpuTf } from '../parity/tfjs';

const tf = await cpuTf();
const generated = join(import.meta.dirname, '..', '..', 'public', 'generated');
const urls = { train: 'mnist-train.bin', test: 'mnist-test.bin' };
const small: MnistConfig = { units: 8, batchSize: 32, learningRate: 0.01 };

function trainer(store: CheckpointStore) {
  return createMnistHandlers({
    tf,
    checkpoints: store,
    startBackend: async () => 'cpu',
    fetchBytes: async (url, onProgress) => {
      const bytes = new Uint8Array(readFileSync(join(generated, url)));
      onProgress(bytes.length, bytes.length);
      return bytes;
    },
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
}

describe('the MNIST trainer (worker handlers, in-process on tfjs cpu)', () => {
  it('loads without digits, then fetches them with progress, trains, evaluates and saves', async () => {
    const store = memoryCheckpoints();
    const { handlers } = trainer(store);
    const fresh = await handlers.load({ config: small, resume: true }, () => {});
    expect(fresh).toMatchObject({ step: 0, resumed: false, trainCount: 0, params: 4 * 8 * (28 + 8 + 1) + 8 * 10 + 10 });
    await expect(handlers.train({ evalEverySeconds: 1, timeLimitSeconds: 1 }, () => {})).rejects.toThrow(/Load the digits/);

    const progress: { loaded: number; total: number }[] = [];
    const loaded = await handlers.loadData(urls, (p) => progress.push(p));
    expect(loaded).toMatchObject({ trainCount: 8000, testCount: 2000 });
    expect(progress.at(-1)).toEqual({ loaded: 8000 * 785 + 2000 * 785, total: 8000 * 785 + 2000 * 785 });

    // Any time limit ends the run after a whole batch; a tiny one after exactly one.
    const updates: MnistTrainProgress[] = [];
    const done = await handlers.train({ evalEverySeconds: 100, timeLimitSeconds: 1e-6 }, (p) => updates.push(p));
    expect(done.step).toBe(1);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ batchesPerEpoch: 250, epoch: 1, batchInEpoch: 1 });
    // Untrained, the loss is near ln 10 = 2.30 nats.
    expect(done.history[0].loss).toBeGreaterThan(1.5);
    // The run ends with one held-out evaluation, on all 2,000 digits.
    expect(done.evaluations).toHaveLength(1);
    expect(Number.isInteger(Math.round(done.evaluations[0].accuracy * 2000 * 1e6) / 1e6)).toBe(true);
    const next = await handlers.train({ evalEverySeconds: 100, timeLimitSeconds: 1e-6 }, () => {});
    expect(next.step).toBe(2);
    expect(next.evaluations).toHaveLength(2);
    expect(next.weightsVersion).toBeGreaterThan(done.weightsVersion);

    const predicted = await handlers.predict({ pixels: new Float32Array(784) }, () => {});
    expect(predicted.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    // A second worker on the same store resumes with the same weights and curves.
    const saved = await store.load(MNIST_CHECKPOINT);
    expect(saved?.snapshot.position.step).toBe(2);
    const again = trainer(store).handlers;
    const resumed = await again.load({ config: small, resume: true }, () => {});
    expect(resumed).toMatchObject({ resumed: true, step: 2, evaluations: next.evaluations });
    const values = async (h: typeof handlers) => (await h.weights(null, () => {})).weights.map((w) => w.values);
    expect(await values(again)).toEqual(await values(handlers));

    // Another size does not take the saved weights; reset forgets them.
    expect(await again.load({ config: { ...small, units: 9 }, resume: true }, () => {})).toMatchObject({ resumed: false, step: 0 });
    await again.reset({ config: small }, () => {});
    expect(await store.load(MNIST_CHECKPOINT)).toBeNull();
  });

  it('measures the engines again on demand, without moving the model', async () => {
    const { handlers } = trainer(memoryCheckpoints());
    await handlers.load({ config: small, resume: false }, () => {});
    await expect(handlers.measureEngines({ seconds: 0.2 }, () => {})).rejects.toThrow(/Load the digits/);
    await handlers.loadData(urls, () => {});
    const before = (await handlers.weights(null, () => {})).weights.map((w) => w.values);
    const measured = await handlers.measureEngines({ seconds: 0.2 }, () => {});
    expect(measured.engine?.timings.map((t) => t.engine).sort()).toEqual(['kernel', 'kernel-parallel', 'tfjs-wasm', 'tfjs-webgl', 'tfjs-webgpu']);
    expect(measured.engine?.timings.find((t) => t.engine === 'kernel')?.msPerStep).toBeGreaterThan(0);
    // In node only the kernel and tfjs' cpu exist (no Worker for helper threads): the others say why they have no time, as codes.
    for (const t of measured.engine?.timings ?? []) if (t.msPerStep === null) expect(t.reason).toMatch(/^(notInBrowser|noWebgpu|noAdapter)$/);
    expect(measured.step).toBe(0);
    expect((await handlers.weights(null, () => {})).weights.map((w) => w.values)).toEqual(before);
  });

  it('stops between batches when cancelled, and still evaluates and saves', async () => {
    const store = memoryCheckpoints();
    const { handlers, cancel } = trainer(store);
    await handlers.load({ config: small, resume: false }, () => {});
    await handlers.loadData(urls, () => {});
    const tensors = tf.memory().numTensors;
    const status = await handlers.train({ evalEverySeconds: 100, timeLimitSeconds: null }, (p) => {
      if (p.step === 3) cancel();
    });
    expect(status.step).toBe(3);
    // The kernel or tfjs trains; either way the tfjs side keeps no more than Adam's two moments per weight (5 weights).
    expect(tf.memory().numTensors).toBeLessThanOrEqual(tensors + 2 * 5 + 1);
    // Once they exist, more batches leave nothing behind.
    const settled = tf.memory().numTensors;
    await handlers.train({ evalEverySeconds: 100, timeLimitSeconds: null }, (p) => {
      if (p.step === 5) cancel();
    });
    expect(tf.memory().numTensors).toBe(settled);
    expect(status.evaluations).toHaveLength(1);
    expect((await store.load(MNIST_CHECKPOINT))?.snapshot.position.step).toBe(5);
  });

  it('thins a long history by halving the density of its older half', () => {
    const long = Array.from({ length: 3001 }, (_, i) => ({ step: i + 1, loss: 1, accuracy: 0, seconds: i }));
    const thinned = thinHistory(long);
    expect(thinned.length).toBeLessThan(long.length);
    expect(thinned.at(-1)).toEqual(long.at(-1));
    expect(thinned[1].step).toBe(3);
  });
});
