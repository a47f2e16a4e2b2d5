import { describe, expect, it } from 'vitest';
import { activate, softmax } from '../../src/engine/activations';
import { denseForward } from '../../src/engine/dense';
import { fromRows, matrix } from '../../src/engine/matrix';
import { simpleRnnForward } from '../../src/engine/simpleRnn';

describe('activations', () => {
  it('computes each activation at a few points', () => {
    expect(Array.from(activate('hard_sigmoid', [-3, 0, 1, 3]))).toEqual([0, 0.5, 0.699999988079071, 1]);
    expect(Array.from(activate('relu', [-1, 2]))).toEqual([0, 2]);
    expect(activate('sigmoid', [0])[0]).toBe(0.5);
    expect(activate('tanh', [1])[0]).toBeCloseTo(Math.tanh(1), 7);
  });
  it('softmax sums to one and survives huge logits', () => {
    const p = softmax([1000, 1000, 0]);
    expect(p[0]).toBeCloseTo(0.5, 6);
    expect(p[2]).toBe(0);
  });
  it('softmax of the seed 004 logits (1.0, 2.2, -3.0, 4.1)', () => {
    const p = Array.from(softmax([1.0, 2.2, -3.0, 4.1]));
    const e = [1.0, 2.2, -3.0, 4.1].map(Math.exp);
    const sum = e.reduce((a, b) => a + b);
    p.forEach((v, i) => expect(v).toBeCloseTo(e[i] / sum, 6));
  });
});

describe('SimpleRNN forward pass', () => {
  // One unit, written out by hand: h0 = tanh(3w + b), h1 = tanh(1w + h0·u + b).
  const weights = { kernel: matrix(1, 1, [0.5]), recurrentKernel: matrix(1, 1, [-0.25]), bias: Float32Array.of(0.1) };

  it('keeps every intermediate value of every step', () => {
    const [s0, s1] = simpleRnnForward([[3], [1]], weights);
    const h0 = Math.tanh(3 * 0.5 + 0.1);
    expect(s0.preActivation[0]).toBeCloseTo(1.6, 6);
    expect(s0.h[0]).toBeCloseTo(h0, 6);
    expect(s1.recurrentTerm[0]).toBeCloseTo(-0.25 * h0, 6);
    expect(s1.h[0]).toBeCloseTo(Math.tanh(0.5 + -0.25 * h0 + 0.1), 6);
    expect(s1.hPrev).toBe(s0.h);
  });

  it('reads backwards when asked', () => {
    const backward = simpleRnnForward([[3], [1]], weights, { goBackwards: true });
    expect(backward[0].x[0]).toBe(1);
  });

  it("runs seed 003's toy: 100 steps of 32 inputs into 64 units", () => {
    const T = 100, inF = 32, outF = 64;
    const w = { kernel: matrix(inF, outF), recurrentKernel: matrix(outF, outF), bias: new Float32Array(outF) };
    const steps = simpleRnnForward(Array.from({ length: T }, () => new Float32Array(inF)), w);
    expect(steps).toHaveLength(100);
    expect(steps[T - 1].h).toHaveLength(64);
  });

  it('a dense layer on top gives softmax probabilities', () => {
    const out = denseForward([1, 2], { kernel: fromRows([[1, 0], [0, 1]]), bias: Float32Array.of(0, 0) }, 'softmax');
    expect(out.preActivation).toEqual(Float32Array.of(1, 2));
    expect(out.output[0] + out.output[1]).toBeCloseTo(1, 6);
  });

  it('rejects a mismatched input size', () => {
    expect(() => simpleRnnForward([[1, 2]], weights)).toThrow(/step 0 has 2 features but the kernel expects 1/);
  });
});
