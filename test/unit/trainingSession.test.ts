/**
 * TrainingSession around the one loop: what a worker's messages do while a run is starting.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import { TrainingSession, exampleBatches, fastestTfjsBackend } from '../../src/tf/training';
import type { EngineTiming } from '../../src/tf/training/types';
import { cpuTf } from '../parity/tfjs';

const tf = await cpuTf();

const SPEC: ModelSpec = {
  inputShape: [4, 3],
  layers: [
    { kind: 'simpleRNN', name: 'rnn', units: 4 },
    { kind: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
};

function data() {
  const random = seededRandom(5);
  const n = 12;
  const values = Float32Array.from({ length: n * 4 * 3 }, () => random() - 0.5);
  const classes = Int32Array.from({ length: n }, (_, i) => i % 2);
  return exampleBatches({ n, steps: 4, x: { kind: 'values', values, features: 3 }, y: { kind: 'classes', classes, perExample: 1 } }, 4);
}

describe('TrainingSession', () => {
  it('a cancel sent while the engine probe runs stops the run before its first step', async () => {
    const session = new TrainingSession(tf, { spec: SPEC, settings: { learningRate: 0.01, seed: 1 } });
    try {
      const running = session.run(data(), { epochs: 3 });
      // run() is now awaiting the probe; this is the worker handling a cancel message meanwhile.
      session.cancel();
      const result = await running;
      expect(result.stopReason).toBe('cancelled');
      expect(result.position.step).toBe(0);
      expect(session.engineReport?.timings.length).toBeGreaterThan(0);
    } finally {
      session.dispose();
    }
  });

  it('the next run after a cancelled one trains', async () => {
    const session = new TrainingSession(tf, { spec: SPEC, settings: { learningRate: 0.01, seed: 1 } });
    try {
      const first = session.run(data(), { epochs: 1 });
      session.cancel();
      await first;
      const second = await session.run(data(), { epochs: 1 });
      expect(second).toMatchObject({ stopReason: 'done', position: { step: 3 } });
    } finally {
      session.dispose();
    }
  });

  it('measuring again times the engines on copies: the model, its position and its next run are untouched', async () => {
    const session = new TrainingSession(tf, { spec: SPEC, settings: { learningRate: 0.01, seed: 1 } });
    const twin = new TrainingSession(tf, { spec: SPEC, settings: { learningRate: 0.01, seed: 1 }, weights: session.weights() });
    try {
      await session.run(data(), { epochs: 1 });
      await twin.run(data(), { epochs: 1 });
      const before = session.weights();
      const report = await session.measure(data().batch(0, 0), 200);
      expect(report.timings.find((t) => t.engine === 'kernel')?.msPerStep).toBeGreaterThan(0);
      expect(session.weights()).toEqual(before);
      expect(session.position).toEqual({ step: 3, epoch: 1, batchInEpoch: 0 });
      const next = await session.run(data(), { epochs: 1 });
      const same = await twin.run(data(), { epochs: 1 });
      expect(next.history.at(-1)?.loss).toBeCloseTo(same.history.at(-1)?.loss ?? NaN, 6);
      expect(session.weights().map((w) => w.values)).toEqual(twin.weights().map((w) => w.values));
    } finally {
      session.dispose();
      twin.dispose();
    }
  });
});

describe('fastestTfjsBackend', () => {
  it("names the fastest tfjs engine's backend, never one of our kernels (model.fit runs on it)", () => {
    const timings: EngineTiming[] = [
      { engine: 'kernel-parallel', msPerStep: 30 },
      { engine: 'kernel', msPerStep: 50 },
      { engine: 'tfjs-webgl', msPerStep: 900 },
      { engine: 'tfjs-wasm', msPerStep: 700 },
      { engine: 'tfjs-webgpu', msPerStep: null, reason: 'softwareAdapter' },
    ];
    expect(fastestTfjsBackend(timings)).toBe('wasm');
    expect(fastestTfjsBackend(timings.slice(0, 2))).toBeNull();
  });
});
