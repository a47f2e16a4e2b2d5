/**
 * The data-parallel kernel (src/tf/training/parallelEngine.ts) with its helper threads run
 * in-process (the same handlers the helper workers run): the batch's gradient is the shards'
 * weighted sum, so its steps equal the single-thread kernel's to float rounding; stateful runs
 * carry each shard's rows; with dropout, a run resumed from a snapshot follows the unbroken one.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import { combineGradients, shardSizes, splitBatch } from '../../src/engine/train';
import { createShardHandlers } from '../../src/tf/training/kernelShard';
import { createParallelKernelEngine } from '../../src/tf/training/parallelEngine';
import type { ShardCalls } from '../../src/tf/training/shardCalls';
import { type Batch, type TrainingEngine, createKernelEngine, restoreSnapshot, snapshotOf } from '../../src/tf/training';
import type { RpcClient } from '../../src/tf/workerRpc';

/** A helper "thread" in this process: its messages are structured clones, as postMessage makes them. */
function inProcessShard(): RpcClient<ShardCalls> {
  const handlers = createShardHandlers();
  return {
    call: async (call, args) => structuredClone(await (handlers[call] as (a: unknown, p: unknown) => unknown)(structuredClone(args), () => undefined)) as never,
    cancel: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    crashed: false,
    dispose: () => undefined,
  };
}

const CLASSIFIER: ModelSpec = {
  inputShape: [6],
  layers: [
    { kind: 'embedding', name: 'embedding', inputDim: 20, outputDim: 4 },
    { kind: 'lstm', name: 'lstm', units: 5 },
    { kind: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
};
const V = 7;
const CHAR = (dropout: number): ModelSpec => ({
  inputShape: [null, V],
  layers: [
    { kind: 'lstm', name: 'lstm_1', units: 8, returnSequences: true, unitForgetBias: true },
    ...(dropout > 0 ? [{ kind: 'dropout' as const, name: 'dropout_1', rate: dropout }] : []),
    { kind: 'dense', name: 'next_char', units: V, activation: 'softmax' },
  ],
});

function classifierBatch(n: number, seed: number): Batch {
  const random = seededRandom(seed);
  const ids = Int32Array.from({ length: n * 6 }, () => 1 + Math.floor(random() * 19));
  const classes = Int32Array.from({ length: n }, (_, i) => (ids.subarray(i * 6, i * 6 + 6).filter((w) => w < 10).length > 3 ? 1 : 0));
  return { x: { kind: 'ids', ids, batch: n, steps: 6 }, y: { kind: 'classes', classes }, size: n };
}

function charBatch(rows: number, steps: number, seed: number): Batch {
  const random = seededRandom(seed);
  const ids = Int32Array.from({ length: rows * steps }, () => Math.floor(random() * V));
  const next = Int32Array.from({ length: rows * steps }, () => Math.floor(random() * V));
  return { x: { kind: 'ids', ids, batch: rows, steps }, y: { kind: 'classes', classes: next }, size: rows };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
const sameWeights = (a: TrainingEngine, b: TrainingEngine) => {
  const wa = a.getWeights();
  const wb = b.getWeights();
  wa.forEach((w, i) => w.values.forEach((v, k) => expect(close(v, wb[i].values[k]), `${w.name}[${k}]: ${v} vs ${wb[i].values[k]}`).toBe(true)));
};

describe('shards', () => {
  it('cuts a batch into whole examples, near-equal, and weights the parts by their share', () => {
    expect(shardSizes(10, 3)).toEqual([4, 3, 3]);
    expect(shardSizes(2, 4)).toEqual([1, 1]);
    const { x, y } = charBatch(5, 3, 1);
    const shards = splitBatch(x, y, 2);
    expect(shards.map((s) => [s.from, s.examples, s.weight])).toEqual([
      [0, 3, 0.6],
      [3, 2, 0.4],
    ]);
    expect(Array.from((shards[1].x as { ids: Int32Array }).ids)).toEqual(Array.from((x as { ids: Int32Array }).ids.subarray(9, 15)));
    expect(Array.from((shards[1].y as { classes: Int32Array }).classes)).toEqual(Array.from((y as { classes: Int32Array }).classes.subarray(9, 15)));
    const sum = combineGradients([{ weight: 0.6, gradients: [Float32Array.of(1, 2)] }, { weight: 0.4, gradients: [Float32Array.of(3, -1)] }], [new Float32Array(2)]);
    expect(Array.from(sum[0]).map((v) => +v.toFixed(6))).toEqual([1.8, 0.8]);
  });
});

describe('the data-parallel kernel', () => {
  for (const threads of [2, 3]) {
    it(`${threads} threads: three steps on shuffled examples equal the single-thread kernel's (loss and weights ≤ 1e-5)`, async () => {
      const single = createKernelEngine(CLASSIFIER, { learningRate: 0.05, seed: 3 });
      const parallel = await createParallelKernelEngine(CLASSIFIER, { learningRate: 0.05, seed: 3, weights: single.getWeights() }, { threads, spawn: inProcessShard });
      for (let step = 0; step < 3; step++) {
        const batch = classifierBatch(8, 10 + step);
        const a = await single.trainBatch(batch);
        const b = await parallel.trainBatch(batch);
        expect(close(b.loss, a.loss), `step ${step}: ${b.loss} vs ${a.loss}`).toBe(true);
        expect(close(b.accuracy, a.accuracy)).toBe(true);
      }
      sameWeights(parallel, single);
      parallel.dispose();
    });
  }

  it('stateful char batches with clipping: each shard carries its rows, and the run equals the single-thread one', async () => {
    const settings = { learningRate: 0.02, seed: 5, stateful: true, clipNorm: 1 };
    const single = createKernelEngine(CHAR(0), settings);
    const parallel = await createParallelKernelEngine(CHAR(0), { ...settings, weights: single.getWeights() }, { threads: 2, spawn: inProcessShard });
    for (let step = 0; step < 4; step++) {
      const batch = charBatch(6, 5, 20 + step);
      const a = await single.trainBatch(batch);
      const b = await parallel.trainBatch(batch);
      expect(close(b.loss, a.loss), `step ${step}: ${b.loss} vs ${a.loss}`).toBe(true);
    }
    sameWeights(parallel, single);
    const states = parallel.getStates()!;
    const expected = single.getStates()!;
    expect(states.batch).toBe(6);
    states.layers.forEach((l, i) => {
      l.h.forEach((v, k) => expect(close(v, expected.layers[i].h[k])).toBe(true));
      l.c!.forEach((v, k) => expect(close(v, expected.layers[i].c![k])).toBe(true));
    });
    parallel.dispose();
  });

  it('with dropout, a run resumed from a snapshot follows the unbroken one (states, Adam and masks)', async () => {
    const settings = { learningRate: 0.02, seed: 9, stateful: true, clipNorm: 5 };
    const start = createKernelEngine(CHAR(0.3), settings).getWeights();
    const batches = Array.from({ length: 6 }, (_, i) => charBatch(4, 5, 40 + i));
    const straight = await createParallelKernelEngine(CHAR(0.3), { ...settings, weights: start }, { threads: 2, spawn: inProcessShard });
    const unbroken: number[] = [];
    for (const b of batches) unbroken.push((await straight.trainBatch(b)).loss);

    const first = await createParallelKernelEngine(CHAR(0.3), { ...settings, weights: start }, { threads: 2, spawn: inProcessShard });
    const resumed: number[] = [];
    for (const b of batches.slice(0, 3)) resumed.push((await first.trainBatch(b)).loss);
    const snapshot = structuredClone(snapshotOf(first, { step: 3, epoch: 0, batchInEpoch: 3 }, 0));
    first.dispose();
    const second = await createParallelKernelEngine(CHAR(0.3), { ...settings, weights: snapshot.weights }, { threads: 2, spawn: inProcessShard });
    restoreSnapshot(second, snapshot);
    for (const b of batches.slice(3)) resumed.push((await second.trainBatch(b)).loss);
    resumed.forEach((l, i) => expect(close(l, unbroken[i]), `step ${i}: ${l} vs ${unbroken[i]}`).toBe(true));
    // Dropout is on: the losses differ from step to step, so equality says something.
    expect(new Set(unbroken.map((l) => l.toFixed(5))).size).toBe(6);
    straight.dispose();
    second.dispose();
  });

  it('with dropout, a short batch trained on this thread moves the shards on to the next streams (a resume after it follows the unbroken run)', async () => {
    const spec: ModelSpec = { ...CLASSIFIER, layers: [CLASSIFIER.layers[0], CLASSIFIER.layers[1], { kind: 'dropout', name: 'dropout_1', rate: 0.4 }, CLASSIFIER.layers[2]] };
    const settings = { learningRate: 0.05, seed: 11 };
    const start = createKernelEngine(spec, settings).getWeights();
    // The second batch has one row: fewer than the two threads, so it trains on this thread alone.
    const batches = [classifierBatch(4, 21), classifierBatch(1, 22), classifierBatch(4, 23), classifierBatch(4, 24)];
    const straight = await createParallelKernelEngine(spec, { ...settings, weights: start }, { threads: 2, spawn: inProcessShard });
    const unbroken: number[] = [];
    for (const b of batches) unbroken.push((await straight.trainBatch(b)).loss);

    const first = await createParallelKernelEngine(spec, { ...settings, weights: start }, { threads: 2, spawn: inProcessShard });
    const resumed: number[] = [];
    for (const b of batches.slice(0, 2)) resumed.push((await first.trainBatch(b)).loss);
    const snapshot = structuredClone(snapshotOf(first, { step: 2, epoch: 0, batchInEpoch: 2 }, 0));
    first.dispose();
    const second = await createParallelKernelEngine(spec, { ...settings, weights: snapshot.weights }, { threads: 2, spawn: inProcessShard });
    restoreSnapshot(second, snapshot);
    for (const b of batches.slice(2)) resumed.push((await second.trainBatch(b)).loss);
    resumed.forEach((l, i) => expect(close(l, unbroken[i]), `step ${i}: ${l} vs ${unbroken[i]}`).toBe(true));
    straight.dispose();
    second.dispose();
  });

  it('a short last batch (fewer rows than threads) trains on this thread alone', async () => {
    let shardSteps = 0;
    const counted = (): RpcClient<ShardCalls> => {
      const shard = inProcessShard();
      return { ...shard, call: (call, args) => ((shardSteps += call === 'step' ? 1 : 0), shard.call(call, args)) };
    };
    const single = createKernelEngine(CLASSIFIER, { learningRate: 0.05, seed: 3 });
    const parallel = await createParallelKernelEngine(CLASSIFIER, { learningRate: 0.05, seed: 3, weights: single.getWeights() }, { threads: 3, spawn: counted });
    const batch = classifierBatch(2, 4);
    expect(close((await parallel.trainBatch(batch)).loss, (await single.trainBatch(batch)).loss)).toBe(true);
    sameWeights(parallel, single);
    expect(shardSteps).toBe(0);
    await parallel.trainBatch(classifierBatch(6, 5));
    expect(shardSteps).toBe(2);
  });

  it('a stateful run refuses a batch with fewer rows than threads (its shards carry rows)', async () => {
    const parallel = await createParallelKernelEngine(CHAR(0), { learningRate: 0.02, seed: 1, stateful: true }, { threads: 3, spawn: inProcessShard });
    await expect(parallel.trainBatch(charBatch(2, 5, 1))).rejects.toThrow(/at least 3 rows/);
    parallel.dispose();
  });
});
