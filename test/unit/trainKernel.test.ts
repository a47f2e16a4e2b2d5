/**
 * The training kernel's behaviour beyond parity with tfjs (test/parity/kernel.parity.test.ts):
 * dropout masks, exact resume from weights + optimizer state, carried states, re-planning for a
 * larger batch, and the NaN guard.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, uniformArray } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import { type KernelInput, type KernelTarget, createKernelTrainer, kernelArenaBytes, kernelCannotTrain } from '../../src/engine/train';
import { DropoutLayer } from '../../src/engine/train/dropout';
import { BufferArena } from '../../src/engine/train/arena';
import { flowOn } from '../../src/engine/train/layer';
import { typescriptProducts } from '../../src/engine/train/products';

const charSpec = (dropout = 0): ModelSpec => ({
  inputShape: [null, 12],
  layers: [
    { kind: 'lstm', name: 'lstm', units: 6, returnSequences: true },
    ...(dropout > 0 ? [{ kind: 'dropout' as const, name: 'drop', rate: dropout }] : []),
    { kind: 'dense', name: 'out', units: 12, activation: 'softmax' },
  ],
});

function charBatch(random: () => number, batch = 4, steps = 5): { x: KernelInput; y: KernelTarget } {
  const ids = Int32Array.from({ length: batch * steps }, () => Math.floor(random() * 12));
  const next = Int32Array.from({ length: batch * steps }, () => Math.floor(random() * 12));
  return { x: { kind: 'ids', ids, batch, steps }, y: { kind: 'classes', classes: next } };
}

describe('dropout masks', () => {
  function layer(kind: 'dropout' | 'spatialDropout1d', rate: number, batch: number, steps: number, features: number) {
    const arena = new BufferArena(10 * batch * steps * features, false);
    return new DropoutLayer(arena, { kind, name: 'd', rate }, features, true, batch, steps);
  }

  it('drops about `rate` of the values and scales the kept ones by 1/(1 − rate)', () => {
    const [B, T, F] = [20, 30, 40];
    const d = layer('dropout', 0.3, B, T, F);
    const x = new Float32Array(B * T * F).fill(2);
    const out = d.forward(flowOn(x, 0, B, T, F, true), { training: true, products: typescriptProducts, random: seededRandom(5) });
    let zeros = 0;
    let sum = 0;
    for (let i = 0; i < B * T * F; i++) {
      const v = out.data[out.offset + i];
      if (v === 0) zeros++;
      else expect(v).toBeCloseTo(2 / 0.7, 5);
      sum += v;
    }
    // 24,000 draws: the dropped share is within ±0.01 of 0.3 (about 3.4 standard deviations).
    expect(Math.abs(zeros / (B * T * F) - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(sum / (B * T * F) - 2)).toBeLessThan(0.03);
    // The gradient passes exactly where the value did, with the same scale.
    const dOut = new Float32Array(B * T * F).fill(1);
    const back = d.backward(flowOn(dOut, 0, B, T, F, true));
    for (let i = 0; i < B * T * F; i++) expect(back.data[back.offset + i]).toBeCloseTo(out.data[out.offset + i] / 2, 6);
  });

  it('SpatialDropout1D silences whole channels: one mask per example and feature, the same at every step', () => {
    const [B, T, F] = [6, 9, 50];
    const d = layer('spatialDropout1d', 0.5, B, T, F);
    const x = uniformArray(B * T * F, 1, seededRandom(1)).map((v) => v + 2);
    const out = d.forward(flowOn(x, 0, B, T, F, true), { training: true, products: typescriptProducts, random: seededRandom(6) });
    let dropped = 0;
    for (let b = 0; b < B; b++) {
      for (let f = 0; f < F; f++) {
        const kept = out.data[(0 * B + b) * F + f] !== 0;
        if (!kept) dropped++;
        for (let t = 0; t < T; t++) {
          const i = (t * B + b) * F + f;
          expect(out.data[i]).toBeCloseTo(kept ? x[i] * 2 : 0, 5);
        }
      }
    }
    expect(dropped).toBeGreaterThan(0.35 * B * F);
    expect(dropped).toBeLessThan(0.65 * B * F);
  });

  it('is off when not training: predict is the same as for the model without the Dropout layer', () => {
    const withDrop = createKernelTrainer(charSpec(0.5), { seed: 3, optimizer: { learningRate: 0.01 } });
    const without = createKernelTrainer(charSpec(0), { seed: 3, optimizer: { learningRate: 0.01 }, weights: withDrop.getWeights() });
    const { x } = charBatch(seededRandom(2));
    expect(Array.from(withDrop.predict(x).values)).toEqual(Array.from(without.predict(x).values));
  });
});

describe('resuming from weights + optimizer state', () => {
  for (const dropout of [0, 0.3]) {
    it(`continues the loss curve exactly${dropout ? ' (with dropout: the mask generator resumes too)' : ''}`, () => {
      const random = seededRandom(9);
      const batches = Array.from({ length: 8 }, () => charBatch(random));
      const options = { seed: 4, optimizer: { learningRate: 0.02 }, clipNorm: 1 };
      const straight = createKernelTrainer(charSpec(dropout), options);
      const start = straight.getWeights();
      const uninterrupted = batches.map((b) => straight.trainBatch(b.x, b.y).loss);

      const first = createKernelTrainer(charSpec(dropout), { ...options, weights: start });
      const before = batches.slice(0, 4).map((b) => first.trainBatch(b.x, b.y).loss);
      const checkpoint = { weights: first.getWeights(), optimizer: first.getOptimizerState() };
      const resumed = createKernelTrainer(charSpec(dropout), { ...options, seed: 99, weights: checkpoint.weights });
      resumed.setOptimizerState(checkpoint.optimizer);
      const after = batches.slice(4).map((b) => resumed.trainBatch(b.x, b.y).loss);
      expect([...before, ...after]).toEqual(uninterrupted);
    });
  }
});

describe('carried states (stateful)', () => {
  it('starts each batch from the previous batch’s final states, as the char-LM source does', () => {
    const random = seededRandom(12);
    const [b1, b2] = [charBatch(random), charBatch(random)];
    const options = { seed: 5, optimizer: { learningRate: 0.01 } };
    const stateful = createKernelTrainer(charSpec(), { ...options, stateful: true });
    const plain = createKernelTrainer(charSpec(), { ...options, weights: stateful.getWeights() });
    const after1 = plain.predict(b1.x).states;
    stateful.trainBatch(b1.x, b1.y);
    plain.trainBatch(b1.x, b1.y);
    expect(stateful.getStates()!.layers[0].h).toEqual(after1.layers[0].h);
    const carried = stateful.trainBatch(b2.x, b2.y).loss;
    expect(carried).toBeCloseTo(plain.evaluate(b2.x, b2.y, { states: after1 }).loss, 10);
    expect(carried).not.toBeCloseTo(plain.evaluate(b2.x, b2.y).loss, 4);
  });

  it('predicting in two halves with the states handed over equals predicting the whole sequence', () => {
    const trainer = createKernelTrainer(charSpec(), { seed: 6, optimizer: { learningRate: 0.01 } });
    const ids = Int32Array.from({ length: 10 }, (_, i) => (i * 5) % 12);
    const whole = trainer.predict({ kind: 'ids', ids, batch: 1, steps: 10 });
    const first = trainer.predict({ kind: 'ids', ids: ids.subarray(0, 6), batch: 1, steps: 6 });
    const second = trainer.predict({ kind: 'ids', ids: ids.subarray(6), batch: 1, steps: 4 }, { states: first.states });
    const joined = [...first.values, ...second.values];
    joined.forEach((v, i) => expect(v).toBeCloseTo(whole.values[i], 6));
  });
});

describe('planning', () => {
  it('a larger batch re-plans and carries weights and Adam state: same numbers as a trainer that saw it first', () => {
    const random = seededRandom(13);
    const small = charBatch(random, 2, 3);
    const big = charBatch(random, 7, 9);
    const a = createKernelTrainer(charSpec(), { seed: 7, optimizer: { learningRate: 0.01 } });
    // b2 is planned big by a throwaway step, then set back to a's (fresh) weights and Adam state.
    const b2 = createKernelTrainer(charSpec(), { seed: 7, optimizer: { learningRate: 0.01 } });
    b2.trainBatch(big.x, big.y);
    b2.setWeights(a.getWeights());
    b2.setOptimizerState(a.getOptimizerState());
    const viaSmall = [a.trainBatch(small.x, small.y).loss, a.trainBatch(big.x, big.y).loss, a.trainBatch(small.x, small.y).loss];
    const planned = [b2.trainBatch(small.x, small.y).loss, b2.trainBatch(big.x, big.y).loss, b2.trainBatch(small.x, small.y).loss];
    expect(viaSmall).toEqual(planned);
  });

  it('says which models it cannot train, and refuses them', () => {
    const spec: ModelSpec = { inputShape: [5, 3], layers: [{ kind: 'lstm', name: 'lstm', units: 2, recurrentDropout: 0.2 }, { kind: 'dense', name: 'out', units: 2, activation: 'softmax' }] };
    expect(kernelCannotTrain(spec)).toHaveLength(1);
    expect(() => createKernelTrainer(spec, { optimizer: { learningRate: 0.01 } })).toThrow(/recurrent layer/);
    expect(kernelCannotTrain(charSpec())).toEqual([]);
  });
});

describe('the NaN guard', () => {
  it('reports a non-finite step and leaves the weights as they were', () => {
    const spec: ModelSpec = { inputShape: [4, 3], layers: [{ kind: 'gru', name: 'gru', units: 3 }, { kind: 'dense', name: 'out', units: 2, activation: 'softmax' }] };
    const trainer = createKernelTrainer(spec, { seed: 8, optimizer: { learningRate: 0.01 } });
    const before = trainer.getWeights();
    const values = new Float32Array(2 * 4 * 3).fill(0.5);
    values[5] = NaN;
    const result = trainer.trainBatch({ kind: 'values', values, batch: 2, steps: 4, features: 3 }, { kind: 'classes', classes: Int32Array.from([0, 1]) });
    expect(result.finite).toBe(false);
    expect(trainer.getWeights()).toEqual(before);
    expect(trainer.getOptimizerState().iterations).toBe(0);
  });
});

describe('memory', () => {
  it('kernelArenaBytes counts what a trainer allocates, before allocating', () => {
    const small = kernelArenaBytes(charSpec(), 4, 5);
    // At least the weights, their gradients and Adam's two moments: 4 × 4 bytes per parameter.
    const params = 12 * 24 + 6 * 24 + 24 + 6 * 12 + 12;
    expect(small).toBeGreaterThan(16 * params);
    // Activations grow with batch × steps (100× here), parameters do not.
    const big = kernelArenaBytes(charSpec(), 40, 50);
    expect(big).toBeGreaterThan(small * 10);
  });
});

describe('targets', () => {
  const sigmoidSpec = (units: number): ModelSpec => ({ inputShape: [3, 2], layers: [{ kind: 'simpleRNN', name: 'rnn', units: 3 }, { kind: 'dense', name: 'out', units, activation: 'sigmoid' }] });
  const x: KernelInput = { kind: 'values', values: Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => Math.cos(i)), batch: 2, steps: 3, features: 2 };

  it('a one-unit sigmoid head takes 0/1 class ids as its values', () => {
    const trainer = createKernelTrainer(sigmoidSpec(1), { seed: 1, optimizer: { learningRate: 0.01 } });
    const asIds = trainer.evaluate(x, { kind: 'classes', classes: Int32Array.from([1, 0]) });
    const asValues = trainer.evaluate(x, { kind: 'values', values: Float32Array.from([1, 0]) });
    expect(asIds).toEqual(asValues);
  });

  it('a wider sigmoid head refuses class ids, and a class outside the head is refused', () => {
    const trainer = createKernelTrainer(sigmoidSpec(2), { seed: 1, optimizer: { learningRate: 0.01 } });
    expect(() => trainer.evaluate(x, { kind: 'classes', classes: Int32Array.from([1, 0]) })).toThrow(/value targets/);
    const softmaxTrainer = createKernelTrainer(charSpec(), { seed: 1, optimizer: { learningRate: 0.01 } });
    const { x: ids } = charBatch(seededRandom(3), 1, 2);
    expect(() => softmaxTrainer.trainBatch(ids, { kind: 'classes', classes: Int32Array.from([3, 12]) })).toThrow(/outside 0…11/);
  });
});
