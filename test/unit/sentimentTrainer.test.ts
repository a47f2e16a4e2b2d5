/**
 * The sentiment worker's handlers (in-process, tfjs cpu, checkpoints in memory): a run cancelled
 * part-way, checkpointed and continued in a new worker gives the very losses of an uninterrupted
 * one; a learning rate of 10 stops on divergence and offers the last good weights, which going
 * back restores exactly; early stopping goes back to the best epoch; a model the kernel cannot
 * train falls back to a tfjs engine.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import { sentimentSpec } from '../../src/engine/sentimentModels';
import type { ModelSpec } from '../../src/engine/spec';
import type { SentimentExamples, SentimentRunConfig } from '../../src/tf/sentimentCalls';
import { createSentimentHandlers } from '../../src/tf/sentimentHandlers';
import { type CheckpointStore, type TrainProgress, memoryCheckpoints } from '../../src/tf/training';
import type { NamedWeight } from '../../src/tf/types';
import { cpuTf } from '../parity/tfjs';

const tf = await cpuTf();
const MAXLEN = 6;
const VOCAB = 30;

/** Label 1 when the text holds word 1, else 0: learnable, so the guards are what stops a bad run. */
function examples(n: number, seed: number): SentimentExamples {
  const random = seededRandom(seed);
  const ids = Int32Array.from({ length: n * MAXLEN }, () => 1 + Math.floor(random() * (VOCAB - 1)));
  const classes = Int32Array.from({ length: n }, (_, i) => (ids.subarray(i * MAXLEN, (i + 1) * MAXLEN).includes(1) ? 1 : 0));
  return { ids, classes, n, maxlen: MAXLEN, classCount: 2 };
}

const TRAIN = examples(72, 1);
const VALIDATION = examples(30, 2);
const SPEC = sentimentSpec({ cell: 'lstm', vocabSize: VOCAB, maxlen: MAXLEN, classes: 2, units: 5, embeddingDim: 4, dropout: 0.2 });
const RUN: SentimentRunConfig = { epochs: 3, batchSize: 16, learningRate: 0.02, patience: 0, restoreBest: true, seed: 1 };
const CHECKPOINT = { name: 'sentiment-test', meta: { page: 'kept' } };
const none = () => undefined;

function worker(checkpoints: CheckpointStore) {
  return createSentimentHandlers({ tf, checkpoints, startBackend: async () => 'cpu', yieldToMessages: async () => undefined });
}

/** A model with these start weights (the same in every worker), trained with `run`, its per-step losses recorded. */
async function trained(checkpoints: CheckpointStore, weights: NamedWeight[], run: SentimentRunConfig, cancelAt: number | null = null) {
  const w = worker(checkpoints);
  await w.handlers.build({ model: 'lab', spec: SPEC, learningRate: run.learningRate, weights }, none);
  const seen: TrainProgress[] = [];
  const status = await w.handlers.train({ model: 'lab', train: TRAIN, validation: VALIDATION, run, checkpoint: CHECKPOINT }, (p) => {
    seen.push(p);
    if (p.step === cancelAt) w.cancel();
  });
  return { w, status, losses: seen.map((p) => p.loss) };
}

async function startWeights(): Promise<NamedWeight[]> {
  const { handlers } = worker(memoryCheckpoints());
  return (await handlers.build({ model: 'lab', spec: SPEC, learningRate: 0.02 }, none)).weights;
}

describe('the sentiment worker', () => {
  it('continues a cancelled run from its checkpoint in a new worker with the losses of an uninterrupted run (≤ 1e-5)', async () => {
    const weights = await startWeights();
    const straight = await trained(memoryCheckpoints(), weights, RUN);
    expect(straight.status.engine?.engine).toBe('kernel');
    expect(straight.status.stop?.reason).toBe('done');
    expect(straight.losses).toHaveLength(3 * 5);
    expect(straight.status.history.map((h) => h.epoch)).toEqual([1, 2, 3]);

    // Cut inside the second epoch (5 batches each), where no epoch-end checkpoint falls.
    const store = memoryCheckpoints();
    const first = await trained(store, weights, RUN, 7);
    expect(first.status.stop?.reason).toBe('cancelled');
    expect(first.status.position).toEqual({ step: 7, epoch: 1, batchInEpoch: 2 });

    const again = worker(store);
    const restored = await again.handlers.restore({ model: 'lab', name: CHECKPOINT.name }, none);
    expect(restored?.meta).toEqual(CHECKPOINT.meta);
    expect(restored?.position).toEqual({ step: 7, epoch: 1, batchInEpoch: 2 });
    expect(restored?.run).toEqual(RUN);
    const rest: number[] = [];
    const done = await again.handlers.train({ model: 'lab', train: TRAIN, validation: VALIDATION, run: RUN, checkpoint: CHECKPOINT }, (p) => rest.push(p.loss));
    const resumed = [...first.losses, ...rest];
    expect(resumed).toHaveLength(straight.losses.length);
    resumed.forEach((loss, i) => expect(Math.abs(loss - straight.losses[i]), `step ${i + 1}`).toBeLessThanOrEqual(1e-5));
    expect(done.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    done.weights.forEach((w, i) => {
      const diff = w.values.reduce((m, v, k) => Math.max(m, Math.abs(v - straight.status.weights[i].values[k])), 0);
      expect(diff, w.name).toBeLessThanOrEqual(1e-5);
    });
  });

  it('stops a run at learning rate 10 as diverging and goes back to the last good weights', async () => {
    const weights = await startWeights();
    const store = memoryCheckpoints();
    const wild = { ...RUN, learningRate: 10, epochs: 20 };
    const { w, status } = await trained(store, weights, wild);
    expect(['diverged', 'nan']).toContain(status.failure?.reason);
    expect(status.stop?.reason).toBe(status.failure?.reason);
    expect(status.failure!.reference).toBeCloseTo(Math.log(2), 6);
    const good = status.failure!.lastGoodStep!;
    expect(good).not.toBeNull();
    expect(status.failure!.step).toBeGreaterThan(good);
    expect(status.history.length).toBeLessThan(20);
    // No checkpoint was written past the last good step.
    expect((await store.load(CHECKPOINT.name))?.snapshot.position.step ?? 0).toBeLessThanOrEqual(good);

    const back = await w.handlers.restoreLastGood({ model: 'lab', checkpoint: CHECKPOINT }, none);
    expect(back.failure).toBeNull();
    expect(back.position.step).toBe(good);
    expect((await store.load(CHECKPOINT.name))?.snapshot.position.step).toBe(good);
    // The same run stopped at that step (training is deterministic here) holds the same weights.
    const reference = await trained(memoryCheckpoints(), weights, wild, good === 0 ? null : good);
    const expected = good === 0 ? weights : reference.status.weights;
    back.weights.forEach((w, i) => expect(Array.from(w.values), w.name).toEqual(Array.from(expected[i].values)));
    expect(back.weights.every((w) => w.values.every(Number.isFinite))).toBe(true);
  });

  it('early stopping goes back to the epoch with the lowest validation loss', async () => {
    const weights = await startWeights();
    // Validation labels are random, so the validation loss soon stops improving.
    const random = seededRandom(9);
    const noisy = { ...VALIDATION, classes: Int32Array.from(VALIDATION.classes, () => (random() < 0.5 ? 0 : 1)) };
    const w = worker(memoryCheckpoints());
    await w.handlers.build({ model: 'lab', spec: SPEC, learningRate: 0.2, weights }, none);
    const status = await w.handlers.train({ model: 'lab', train: TRAIN, validation: noisy, run: { ...RUN, learningRate: 0.2, epochs: 40, patience: 2 }, checkpoint: null }, none);
    expect(status.stop?.reason).toBe('earlyStopping');
    const best = Math.min(...status.history.map((h) => h.valLoss!));
    expect(status.history[status.stop!.bestEpoch! - 1].valLoss).toBe(best);
  });
});

/** tfjs' wasm backend in node, reading its .wasm files from node_modules (the probe's tfjs candidate here). */
async function startWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')), '/'));
}

describe('a model the kernel cannot train', () => {
  it('falls back to tfjs: the probe says why the kernel is out, and tfjs trains it', async () => {
    await startWasm();
    // Dropout inside the recurrent layer (an imported Keras model may have it) is beyond the kernel.
    const spec: ModelSpec = { ...SPEC, layers: SPEC.layers.map((l) => (l.kind === 'lstm' ? { ...l, dropout: 0.2 } : l)) };
    const w = worker(memoryCheckpoints());
    await w.handlers.build({ model: 'lab', spec, learningRate: 0.02 }, none);
    try {
      const status = await w.handlers.train({ model: 'lab', train: TRAIN, validation: VALIDATION, run: { ...RUN, epochs: 1 }, checkpoint: null }, none);
      expect(status.engine?.engine).toBe('tfjs-wasm');
      const kernel = status.engine?.timings.find((t) => t.engine === 'kernel');
      expect(kernel?.msPerStep).toBeNull();
      expect(kernel?.note).toMatch(/dropout inside the recurrent layer/);
      expect(status.history).toHaveLength(1);
      expect(Number.isFinite(status.history[0].loss)).toBe(true);
    } finally {
      await tf.setBackend('cpu');
    }
  });

  it('measures the engines again on a trained model without moving it', async () => {
    const weights = await startWeights();
    const { w } = await trained(memoryCheckpoints(), weights, { ...RUN, epochs: 1 });
    const read = async () => (await w.handlers.forPython({ model: 'lab', input: { values: new Float32Array(MAXLEN), shape: [1, MAXLEN] } }, none)).weights.map((x) => x.values);
    const before = await read();
    const report = await w.handlers.measureEngines({ model: 'lab', sample: TRAIN, batchSize: RUN.batchSize, seconds: 0.2 }, none);
    expect(report.timings.find((t) => t.engine === 'kernel')?.msPerStep).toBeGreaterThan(0);
    expect(await read()).toEqual(before);
  });
});
