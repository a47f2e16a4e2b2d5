/**
 * The one training loop (src/tf/training): budgets, cancel and pause, early stopping, the
 * NaN/divergence guard, exact resume from a checkpoint (weights + Adam + carried states +
 * position), and no leaked tensors — on the kernel and on the tfjs engine (cpu backend).
 */
import { describe, expect, it } from 'vitest';
import { batchLayout } from '../../src/engine/charBatches';
import { seededRandom } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import 'fake-indexeddb/auto';
import {
  type BatchSource,
  type CheckpointStore,
  type EngineSettings,
  type ExampleSet,
  type TrainingEngine,
  DIVERGENCE_FACTOR,
  RunControl,
  charWindowBatches,
  createKernelEngine,
  createTfjsEngine,
  exampleBatches,
  indexedDbCheckpoints,
  memoryCheckpoints,
  restoreSnapshot,
  runTraining,
} from '../../src/tf/training';
import { cpuTf } from '../parity/tfjs';

const tf = await cpuTf();

const CLASSIFIER: ModelSpec = {
  inputShape: [6],
  layers: [
    { kind: 'embedding', name: 'embedding', inputDim: 20, outputDim: 4 },
    { kind: 'lstm', name: 'lstm', units: 5 },
    { kind: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
};

const V = 7;
const CHAR: ModelSpec = {
  inputShape: [null, V],
  layers: [
    { kind: 'lstm', name: 'lstm_1', units: 8, returnSequences: true, unitForgetBias: true },
    { kind: 'dropout', name: 'dropout_1', rate: 0.2 },
    { kind: 'dense', name: 'next_char', units: V, activation: 'softmax' },
  ],
};
const CHAR_NO_DROPOUT: ModelSpec = { ...CHAR, layers: CHAR.layers.filter((l) => l.kind !== 'dropout') };

function classifierSet(n: number, seed = 3): ExampleSet {
  const random = seededRandom(seed);
  const ids = Int32Array.from({ length: n * 6 }, () => 1 + Math.floor(random() * 19));
  // Label: whether word 1…9 outnumbers 10…19 — learnable.
  const classes = Int32Array.from({ length: n }, (_, i) => {
    const row = ids.subarray(i * 6, i * 6 + 6);
    return row.filter((w) => w < 10).length > 3 ? 1 : 0;
  });
  return { n, steps: 6, x: { kind: 'ids', ids }, y: { kind: 'classes', classes, perExample: 1 } };
}

function charSource(): BatchSource {
  const random = seededRandom(9);
  const text = Int32Array.from({ length: 4 * 5 * 6 + 1 }, (_, i) => (i % 3 === 0 ? 0 : Math.floor(random() * V)));
  return charWindowBatches(text, batchLayout(text.length, 4, 5, 'next'));
}

const kernel = (spec: ModelSpec, settings: Partial<EngineSettings> = {}) => createKernelEngine(spec, { learningRate: 0.01, seed: 4, ...settings });
const tfjs = (spec: ModelSpec, settings: Partial<EngineSettings> & { batchSize?: number } = {}, weights = kernel(spec).getWeights()) =>
  createTfjsEngine(tf, spec, { learningRate: 0.01, weights, ...settings });

/** A clock that moves 10 ms per reading, so time budgets are tested without timing anything. */
function fakeClock() {
  let t = 0;
  return () => (t += 10);
}
const noYield = async () => undefined;

describe('budgets', () => {
  it('stops after the epochs, the steps or the training time asked for', async () => {
    const data = exampleBatches(classifierSet(20), 8);
    expect(data.batchesPerEpoch).toBe(3);
    const byEpochs = await runTraining({ engine: kernel(CLASSIFIER), data, yieldNow: noYield }, { epochs: 2 });
    expect(byEpochs).toMatchObject({ stopReason: 'done', position: { step: 6, epoch: 2, batchInEpoch: 0 } });
    expect(byEpochs.history.map((h) => h.epoch)).toEqual([1, 2]);

    const bySteps = await runTraining({ engine: kernel(CLASSIFIER), data, yieldNow: noYield }, { maxSteps: 4 });
    expect(bySteps).toMatchObject({ stopReason: 'stepLimit', position: { step: 4, epoch: 1, batchInEpoch: 1 } });

    // Each step reads the clock twice: 10 ms of training per step.
    const byTime = await runTraining({ engine: kernel(CLASSIFIER), data, yieldNow: noYield, now: fakeClock() }, { timeLimitMs: 50 });
    expect(byTime).toMatchObject({ stopReason: 'timeLimit', position: { step: 5 } });
    expect(byTime.seconds).toBeCloseTo(0.05, 6);
  });

  it('reports one progress shape with epoch, step, ETA, losses and metrics', async () => {
    const seen: import('../../src/tf/training').TrainProgress[] = [];
    const data = exampleBatches(classifierSet(20), 8);
    const set = classifierSet(10, 8);
    const engine = kernel(CLASSIFIER);
    await runTraining({ engine, data, validate: () => ({ loss: 0.5, accuracy: 0.75 }), onProgress: (p) => seen.push(p), yieldNow: noYield, now: fakeClock() }, { epochs: 2 });
    expect(set.n).toBe(10);
    expect(seen).toHaveLength(6);
    expect(seen[0]).toMatchObject({ engine: 'kernel', epoch: 1, epochs: 2, step: 1, batchInEpoch: 1, batchesPerEpoch: 3, etaMs: 50 });
    expect(seen[2].epochEnd).toMatchObject({ epoch: 1, valLoss: 0.5, valAccuracy: 0.75 });
    expect(seen[5]).toMatchObject({ epoch: 2, step: 6, batchInEpoch: 3, etaMs: 0 });
    for (const p of seen) {
      expect(Number.isFinite(p.loss) && Number.isFinite(p.epochLoss) && p.accuracy >= 0 && p.accuracy <= 1).toBe(true);
      expect(p.itemsPerSecond).toBeGreaterThan(0);
    }
  });
});

describe('cancel and pause', () => {
  it('a cancel ends the run after the step in progress', async () => {
    const control = new RunControl();
    const result = await runTraining(
      { engine: kernel(CLASSIFIER), data: exampleBatches(classifierSet(20), 4), control, onProgress: (p) => p.step === 3 && control.cancel() },
      { epochs: 100 },
    );
    expect(result).toMatchObject({ stopReason: 'cancelled', position: { step: 3 } });
  });

  it('a pause holds the loop between steps until resumed; a cancel while paused ends it', async () => {
    const control = new RunControl();
    const steps: number[] = [];
    let pausedAt: number | null = null;
    const run = runTraining(
      {
        engine: kernel(CLASSIFIER),
        data: exampleBatches(classifierSet(20), 4),
        control,
        onProgress: (p) => {
          if (p.paused) pausedAt = p.step;
          else steps.push(p.step);
          if (p.step === 2 && !p.paused) control.pause();
        },
      },
      { maxSteps: 6 },
    );
    // While paused, other messages are handled and no step runs.
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(steps).toEqual([1, 2]);
    expect(pausedAt).toBe(2);
    control.resume();
    const result = await run;
    expect(result.stopReason).toBe('stepLimit');
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);

    const again = new RunControl();
    const second = runTraining({ engine: kernel(CLASSIFIER), data: exampleBatches(classifierSet(20), 4), control: again, onProgress: (p) => p.step === 1 && again.pause() }, { maxSteps: 6 });
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
    again.cancel();
    expect(await second).toMatchObject({ stopReason: 'cancelled', position: { step: 1 } });
  });
});

describe('early stopping', () => {
  it('stops when the validation loss has not improved for `patience` evaluations and goes back to the best weights', async () => {
    const engine = kernel(CLASSIFIER);
    const losses = [0.9, 0.7, 0.8, 0.85, 0.6];
    let evaluation = 0;
    let bestWeights: Float32Array | null = null;
    const result = await runTraining(
      {
        engine,
        data: exampleBatches(classifierSet(16), 8),
        validate: () => {
          const loss = losses[evaluation++];
          if (evaluation === 2) bestWeights = Float32Array.from(engine.getWeights()[1].values);
          return { loss, accuracy: 0.5 };
        },
        yieldNow: noYield,
      },
      { epochs: 10, patience: 2 },
    );
    expect(result).toMatchObject({ stopReason: 'earlyStopping', bestEpoch: 2, position: { epoch: 4 } });
    expect(result.history.map((h) => h.valLoss)).toEqual([0.9, 0.7, 0.8, 0.85]);
    expect(Array.from(engine.getWeights()[1].values)).toEqual(Array.from(bestWeights!));
  });
});

describe('the NaN and divergence guard', () => {
  const values: ExampleSet = {
    n: 4,
    steps: 3,
    x: { kind: 'values', values: Float32Array.from({ length: 12 }, (_, i) => (i === 5 ? NaN : i / 12)), features: 1 },
    y: { kind: 'classes', classes: Int32Array.from([0, 1, 0, 1]), perExample: 1 },
  };
  const SMALL: ModelSpec = { inputShape: [3, 1], layers: [{ kind: 'simpleRNN', name: 'rnn', units: 3 }, { kind: 'dense', name: 'out', units: 2, activation: 'softmax' }] };

  for (const make of [() => kernel(SMALL), () => tfjs(SMALL)] as (() => TrainingEngine)[]) {
    it(`a NaN loss stops the run with an explanation; the weights stay those before it (${make().name})`, async () => {
      const engine = make();
      const before = engine.getWeights();
      const result = await runTraining({ engine, data: exampleBatches(values, 4, { shuffle: false }), yieldNow: noYield }, { epochs: 3 });
      expect(result.stopReason).toBe('nan');
      expect(result.badStep).toMatchObject({ step: 1, epoch: 1 });
      expect(result.explanation).toMatch(/not a number.*learning rate/);
      expect(engine.getWeights().map((w) => Array.from(w.values))).toEqual(before.map((w) => Array.from(w.values)));
      engine.dispose();
    });
  }

  it('learning rate 10 diverges: the run stops, explains, and offers the last good weights', async () => {
    const engine = kernel(CLASSIFIER, { learningRate: 10 });
    const losses = new Map<number, number>();
    const result = await runTraining({ engine, data: exampleBatches(classifierSet(64), 8), chanceLoss: Math.log(2), onProgress: (p) => losses.set(p.step, p.loss), yieldNow: noYield }, { epochs: 50 });
    expect(['diverged', 'nan']).toContain(result.stopReason);
    expect(result.explanation).toMatch(/learning rate/);
    expect(result.lastGood).not.toBeNull();
    expect(result.lastGoodStep).toBeLessThan(result.badStep!.step);
    // The weights offered were themselves healthy: the next step's loss, measured on them before its update, was.
    expect(losses.get(result.lastGoodStep! + 1)).toBeLessThanOrEqual(DIVERGENCE_FACTOR * Math.log(2));
    restoreSnapshot(engine, result.lastGood!);
    const check = engine.evaluate(exampleBatches(classifierSet(64), 64).batch(0, 0));
    expect(Number.isFinite(check.loss)).toBe(true);
    expect(engine.getWeights().every((w) => w.values.every(Number.isFinite))).toBe(true);
  });
});

/** Per-step losses of a run of `total` steps, straight through or stopped at `cut`, checkpointed and resumed in a new engine. */
async function lossCurves(make: (weights?: import('../../src/tf/types').NamedWeight[]) => TrainingEngine, data: BatchSource, total: number, cut: number, store: CheckpointStore = memoryCheckpoints()) {
  const straight: number[] = [];
  const a = make();
  const start = a.getWeights();
  await runTraining({ engine: a, data, onProgress: (p) => straight.push(p.loss), yieldNow: noYield }, { maxSteps: total });
  a.dispose();

  const resumed: number[] = [];
  const b = make(start);
  await runTraining(
    {
      engine: b,
      data,
      onProgress: (p) => resumed.push(p.loss),
      yieldNow: noYield,
      checkpoint: (snapshot, history) => store.save('run', { version: 2, spec: CHAR, engine: b.name, snapshot, history, meta: null, savedAt: '' }),
    },
    { maxSteps: cut },
  );
  b.dispose();
  expect(await store.has('run')).toBe(true);
  expect(await store.has('another run')).toBe(false);
  const saved = await store.load('run');
  const c = make(saved!.snapshot.weights);
  restoreSnapshot(c, saved!.snapshot);
  await runTraining({ engine: c, data, onProgress: (p) => resumed.push(p.loss), yieldNow: noYield }, { maxSteps: total - cut }, { position: saved!.snapshot.position, seconds: saved!.snapshot.seconds, history: saved!.history });
  c.dispose();
  return { straight, resumed };
}

describe('resume from a checkpoint', () => {
  it('kernel, stateful char batches with dropout: the resumed loss curve equals the uninterrupted one (≤ 1e-5)', async () => {
    const data = charSource();
    expect(data.batchesPerEpoch).toBe(6);
    const { straight, resumed } = await lossCurves((weights) => kernel(CHAR, { stateful: true, clipNorm: 5, weights }), data, 15, 8);
    expect(resumed).toHaveLength(15);
    resumed.forEach((l, i) => expect(Math.abs(l - straight[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(straight[i]))));
    // The curve really moves, so equality is not trivial.
    expect(new Set(straight.map((l) => l.toFixed(4))).size).toBeGreaterThan(10);
  });

  it('kernel, the checkpoint kept in IndexedDB (the store the book uses, on fake-indexeddb): the same', async () => {
    const data = charSource();
    const { straight, resumed } = await lossCurves((weights) => kernel(CHAR, { stateful: true, clipNorm: 5, weights }), data, 12, 5, indexedDbCheckpoints());
    expect(resumed).toHaveLength(12);
    resumed.forEach((l, i) => expect(Math.abs(l - straight[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(straight[i]))));
  });

  it('kernel, shuffled examples into an Embedding: the same', async () => {
    const data = exampleBatches(classifierSet(30), 8, { seed: 5 });
    const { straight, resumed } = await lossCurves((weights) => kernel(CLASSIFIER, { weights }), data, 11, 5);
    resumed.forEach((l, i) => expect(Math.abs(l - straight[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(straight[i]))));
  });

  it('tfjs engine, stateful char batches (no dropout: tfjs draws its masks unseeded): the same', async () => {
    const data = charSource();
    const start = kernel(CHAR_NO_DROPOUT).getWeights();
    const { straight, resumed } = await lossCurves((weights) => tfjs(CHAR_NO_DROPOUT, { stateful: true, batchSize: 4, clipNorm: 5 }, weights ?? start), data, 10, 4);
    resumed.forEach((l, i) => expect(Math.abs(l - straight[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(straight[i]))));
  });

  it('the kernel and tfjs engines train the same curve from the same weights (no dropout)', async () => {
    const data = charSource();
    const start = kernel(CHAR_NO_DROPOUT).getWeights();
    const curve = async (engine: TrainingEngine) => {
      const losses: number[] = [];
      await runTraining({ engine, data, onProgress: (p) => losses.push(p.loss), yieldNow: noYield }, { maxSteps: 8 });
      engine.dispose();
      return losses;
    };
    const ours = await curve(kernel(CHAR_NO_DROPOUT, { stateful: true, clipNorm: 5, weights: start }));
    const theirs = await curve(tfjs(CHAR_NO_DROPOUT, { stateful: true, batchSize: 4, clipNorm: 5 }, start));
    ours.forEach((l, i) => expect(l).toBeCloseTo(theirs[i], 4));
  });
});

describe('tensors', () => {
  it('a tfjs-engine run (Embedding, and a stateful model) leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const a = tfjs(CLASSIFIER);
    await runTraining({ engine: a, data: exampleBatches(classifierSet(20), 8), validate: () => a.evaluate(exampleBatches(classifierSet(8), 8).batch(0, 0)), yieldNow: noYield }, { epochs: 2 });
    a.dispose();
    const b = tfjs(CHAR_NO_DROPOUT, { stateful: true, batchSize: 4, clipNorm: 5 });
    let afterFirst = 0;
    await runTraining({ engine: b, data: charSource(), onProgress: (p) => p.step === 1 && (afterFirst = tf.memory().numTensors), yieldNow: noYield }, { maxSteps: 9 });
    // Steady within a run: no tensor per step.
    expect(tf.memory().numTensors).toBe(afterFirst);
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
