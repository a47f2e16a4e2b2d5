import { describe, expect, it } from 'vitest';
import { type GRUWeightsResetAfter, type GRUWeightsResetBefore, gruForward, gruGateWeights } from '../../src/engine/gru';
import { matrix, maxAbsDiff } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));
const hardSigmoid = (t: number) => Math.min(1, Math.max(0, 0.2 * t + 0.5));

// One unit, one feature, gates in Keras' column order z, r, h.
const w = { z: 0.6, r: -0.4, h: 0.9 };
const u = { z: -0.3, r: 0.8, h: 0.5 };
const bIn = { z: 0.1, r: -0.2, h: 0.05 };
const bRec = { z: -0.25, r: 0.3, h: 0.4 };

const before: GRUWeightsResetBefore = {
  resetAfter: false,
  kernel: matrix(1, 3, [w.z, w.r, w.h]),
  recurrentKernel: matrix(1, 3, [u.z, u.r, u.h]),
  bias: Float32Array.of(bIn.z, bIn.r, bIn.h),
};
const after: GRUWeightsResetAfter = {
  resetAfter: true,
  kernel: before.kernel,
  recurrentKernel: before.recurrentKernel,
  bias: matrix(2, 3, [bIn.z, bIn.r, bIn.h, bRec.z, bRec.r, bRec.h]),
};

/** tfjs' GRU (reset_after=False) on plain numbers: the reset gate scales h before U_h. */
function byHandResetBefore(xs: number[], gate: (t: number) => number, h0 = 0) {
  let h = h0;
  return xs.map((x) => {
    const z = gate(x * w.z + h * u.z + bIn.z);
    const r = gate(x * w.r + h * u.r + bIn.r);
    const candidate = Math.tanh(x * w.h + (r * h) * u.h + bIn.h);
    h = z * h + (1 - z) * candidate;
    return { z, r, candidate, h };
  });
}

/** Keras 2's GRU (reset_after=True) on plain numbers: the reset gate scales h·U_h + b_rec. */
function byHandResetAfter(xs: number[], gate: (t: number) => number) {
  let h = 0;
  return xs.map((x) => {
    const z = gate(x * w.z + bIn.z + h * u.z + bRec.z);
    const r = gate(x * w.r + bIn.r + h * u.r + bRec.r);
    const candidate = Math.tanh(x * w.h + bIn.h + r * (h * u.h + bRec.h));
    h = z * h + (1 - z) * candidate;
    return { z, r, candidate, h };
  });
}

const xs = [1.2, -0.7, 0.4, 2.0];
const column = (values: number[]) => values.map((x) => [x]);

describe('GRU forward pass, one unit by hand', () => {
  for (const [variant, weights, byHand] of [
    ['reset_after=False (tfjs)', before, byHandResetBefore],
    ['reset_after=True (Keras 2)', after, byHandResetAfter],
  ] as const) {
    it(`${variant} matches the written-out equations at every step`, () => {
      const expected = byHand(xs, sigmoid);
      gruForward(column(xs), weights).forEach((step, t) => {
        expect(step.z.activation[0]).toBeCloseTo(expected[t].z, 6);
        expect(step.r.activation[0]).toBeCloseTo(expected[t].r, 6);
        expect(step.candidate.activation[0]).toBeCloseTo(expected[t].candidate, 6);
        expect(step.h[0]).toBeCloseTo(expected[t].h, 6);
      });
    });
  }
});

describe('GRU, reset_after=False (tfjs)', () => {

  it('keeps r ⊙ h_{t-1} and the terms of the candidate', () => {
    const [s0, s1] = gruForward(column(xs), before);
    expect(s1.hPrev).toBe(s0.h);
    expect(s1.resetHPrev?.[0]).toBeCloseTo(s1.r.activation[0] * s0.h[0], 6);
    expect(s1.candidate.recurrentTerm[0]).toBeCloseTo(s1.r.activation[0] * s0.h[0] * u.h, 6);
    expect(s1.candidate.preActivation[0]).toBeCloseTo(-0.7 * w.h + s1.r.activation[0] * s0.h[0] * u.h + bIn.h, 6);
    expect(s1.recurrentProjection).toBeUndefined();
  });

  it('uses hard_sigmoid gates when asked', () => {
    const expected = byHandResetBefore(xs, hardSigmoid);
    const trace = gruForward(column(xs), before, { recurrentActivation: 'hard_sigmoid' });
    trace.forEach((step, t) => expect(step.h[0]).toBeCloseTo(expected[t].h, 6));
    expect(Math.abs(expected[3].h - byHandResetBefore(xs, sigmoid)[3].h)).toBeGreaterThan(1e-3);
  });

  it('starts from a given state and reads backwards when asked', () => {
    expect(gruForward([[1.2]], before, { initialState: Float32Array.of(-0.6) })[0].h[0]).toBeCloseTo(
      byHandResetBefore([1.2], sigmoid, -0.6)[0].h,
      6,
    );
    const backward = gruForward(column(xs), before, { goBackwards: true });
    expect(Array.from(backward, (s) => s.x[0])).toEqual([2.0, 0.4, -0.7, 1.2].map(Math.fround));
    expect(backward[3].h[0]).toBeCloseTo(byHandResetBefore([...xs].reverse(), sigmoid)[3].h, 6);
    expect(Math.abs(backward[3].h[0] - byHandResetBefore(xs, sigmoid)[3].h)).toBeGreaterThan(1e-3);
  });
});

describe('GRU, reset_after=True (Keras 2)', () => {
  it('keeps h_{t-1}·U_h + b_rec before the reset gate scales it', () => {
    const [s0, s1] = gruForward(column(xs), after);
    expect(s1.recurrentProjection?.[0]).toBeCloseTo(s0.h[0] * u.h + bRec.h, 6);
    expect(s1.candidate.recurrentTerm[0]).toBeCloseTo(s1.r.activation[0] * (s0.h[0] * u.h + bRec.h), 6);
    expect(s1.resetHPrev).toBeUndefined();
  });

  it('differs from reset_after=False with the same kernels and summed biases', () => {
    const summed: GRUWeightsResetBefore = { ...before, bias: Float32Array.of(bIn.z + bRec.z, bIn.r + bRec.r, bIn.h + bRec.h) };
    const a = gruForward(column(xs), after);
    const b = gruForward(column(xs), summed);
    expect(Math.abs(a[3].h[0] - b[3].h[0])).toBeGreaterThan(1e-3);
  });
});

describe('GRU: the two variants agree when the reset gate is held open', () => {
  // With r ≡ 1 the reset gate has nothing to reset, so (r ⊙ h)·U_h = r ⊙ (h·U_h) and the two
  // forms differ only in how the bias is split. Random weights, several units, many steps.
  const units = 6, features = 4, steps = 25;
  const random = seededRandom(11);
  const kernel = matrix(features, 3 * units, uniformArray(features * 3 * units, 0.6, random));
  const recurrentKernel = matrix(units, 3 * units, uniformArray(units * 3 * units, 0.6, random));
  const inputBias = uniformArray(3 * units, 0.5, random);
  const recurrentBias = uniformArray(3 * units, 0.5, random);
  const inputs = Array.from({ length: steps }, () => uniformArray(features, 1, random));

  function pair(resetBias: number) {
    const inB = Float32Array.from(inputBias);
    inB.fill(resetBias, units, 2 * units); // the r block of the input bias
    const resetAfter: GRUWeightsResetAfter = { resetAfter: true, kernel, recurrentKernel, bias: matrix(2, 3 * units, [...inB, ...recurrentBias]) };
    const resetBefore: GRUWeightsResetBefore = { resetAfter: false, kernel, recurrentKernel, bias: Float32Array.from(inB, (v, j) => v + recurrentBias[j]) };
    return [resetAfter, resetBefore] as const;
  }

  for (const recurrentActivation of ['sigmoid', 'hard_sigmoid'] as const) {
    it(`${recurrentActivation}: equal states when r ≡ 1, different ones otherwise`, () => {
      const [openAfter, openBefore] = pair(60);
      const a = gruForward(inputs, openAfter, { recurrentActivation });
      const b = gruForward(inputs, openBefore, { recurrentActivation });
      expect(a.every((s) => s.r.activation.every((r) => r === 1))).toBe(true);
      for (let t = 0; t < steps; t++) expect(maxAbsDiff(a[t].h, b[t].h)).toBeLessThan(1e-6);

      const [halfAfter, halfBefore] = pair(0);
      const c = gruForward(inputs, halfAfter, { recurrentActivation });
      const d = gruForward(inputs, halfBefore, { recurrentActivation });
      expect(maxAbsDiff(c[steps - 1].h, d[steps - 1].h)).toBeGreaterThan(1e-3);
    });
  }
});

describe('GRU weights and shapes', () => {
  it('slices z, r, h blocks, and both bias rows when reset_after=True', () => {
    const units = 2;
    const fused = matrix(3, 3 * units, Array.from({ length: 18 }, (_, k) => k));
    const blocks = gruGateWeights({
      resetAfter: true,
      kernel: fused,
      recurrentKernel: matrix(units, 3 * units),
      bias: matrix(2, 3 * units, [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15]),
    });
    expect(Array.from(blocks.r.kernel.data)).toEqual([2, 3, 8, 9, 14, 15]);
    expect(Array.from(blocks.h.bias)).toEqual([4, 5]);
    expect(Array.from(blocks.h.recurrentBias ?? [])).toEqual([14, 15]);
    const plain = gruGateWeights({ resetAfter: false, kernel: fused, recurrentKernel: matrix(units, 3 * units), bias: Float32Array.of(0, 1, 2, 3, 4, 5) });
    expect(Array.from(plain.z.bias)).toEqual([0, 1]);
    expect(plain.z.recurrentBias).toBeUndefined();
  });

  it('rejects arrays that do not fit together, saying what was expected', () => {
    const kernel = matrix(2, 9), recurrentKernel = matrix(3, 9);
    expect(() => gruForward([[1, 2]], { resetAfter: false, kernel: matrix(2, 12), recurrentKernel, bias: new Float32Array(9) })).toThrow(
      /GRU kernel must be .* 2×9 for 3 units, got 2×12/,
    );
    expect(() => gruForward([[1, 2]], { resetAfter: false, kernel, recurrentKernel, bias: new Float32Array(18) })).toThrow(
      /bias \[3·units\] .* must have 9 values, got 18/,
    );
    expect(() => gruForward([[1, 2]], { resetAfter: true, kernel, recurrentKernel, bias: matrix(1, 9) })).toThrow(
      /reset_after=True must be \[2, 3·units\] = 2×9 .* got 1×9/,
    );
    expect(() => gruForward([[1, 2, 3]], { resetAfter: false, kernel, recurrentKernel, bias: new Float32Array(9) })).toThrow(
      /step 0 has 3 features but the kernel expects 2/,
    );
    expect(() => gruForward([[1, 2]], { resetAfter: false, kernel, recurrentKernel, bias: new Float32Array(9) }, { initialState: new Float32Array(2) })).toThrow(
      /initial state must have 3 values, got 2/,
    );
  });
});
