import { describe, expect, it } from 'vitest';
import { columnBlock, splitGateColumns } from '../../src/engine/gates';
import { lstmForward, lstmGateWeights } from '../../src/engine/lstm';
import { get, matrix } from '../../src/engine/matrix';

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));
const hardSigmoid = (t: number) => Math.min(1, Math.max(0, 0.2 * t + 0.5));

// One unit, one feature: each gate has its own scalar w (kernel), u (recurrent), b (bias),
// stored in the Keras column order i, f, c, o.
const w = { i: 0.5, f: -0.3, c: 0.8, o: 0.2 };
const u = { i: 0.1, f: 0.4, c: -0.6, o: 0.7 };
const b = { i: 0.05, f: 1.0, c: -0.1, o: 0.3 };
const weights = {
  kernel: matrix(1, 4, [w.i, w.f, w.c, w.o]),
  recurrentKernel: matrix(1, 4, [u.i, u.f, u.c, u.o]),
  bias: Float32Array.of(b.i, b.f, b.c, b.o),
};

/** The LSTM equations on plain numbers, written out apart from the engine. */
function byHand(xs: number[], gate: (t: number) => number, h0 = 0, c0 = 0) {
  let h = h0;
  let c = c0;
  return xs.map((x) => {
    const i = gate(x * w.i + h * u.i + b.i);
    const f = gate(x * w.f + h * u.f + b.f);
    const g = Math.tanh(x * w.c + h * u.c + b.c);
    const o = gate(x * w.o + h * u.o + b.o);
    c = f * c + i * g;
    h = o * Math.tanh(c);
    return { i, f, g, o, c, h };
  });
}

describe('LSTM forward pass, one unit by hand', () => {
  const xs = [1.5, -0.5, 2];

  it('matches the written-out equations at every step (sigmoid gates)', () => {
    const trace = lstmForward(xs.map((x) => [x]), weights);
    const expected = byHand(xs, sigmoid);
    trace.forEach((step, t) => {
      const e = expected[t];
      expect(step.i.activation[0]).toBeCloseTo(e.i, 6);
      expect(step.f.activation[0]).toBeCloseTo(e.f, 6);
      expect(step.g.activation[0]).toBeCloseTo(e.g, 6);
      expect(step.o.activation[0]).toBeCloseTo(e.o, 6);
      expect(step.c[0]).toBeCloseTo(e.c, 6);
      expect(step.cActivated[0]).toBeCloseTo(Math.tanh(e.c), 6);
      expect(step.h[0]).toBeCloseTo(e.h, 6);
    });
  });

  it('keeps the terms of each gate and chains the state', () => {
    const [s0, s1] = lstmForward([[1.5], [-0.5]], weights);
    expect(s0.hPrev[0]).toBe(0);
    expect(s0.cPrev[0]).toBe(0);
    expect(s0.f.inputTerm[0]).toBeCloseTo(1.5 * w.f, 6);
    expect(s1.f.recurrentTerm[0]).toBeCloseTo(s0.h[0] * u.f, 6);
    expect(s1.f.preActivation[0]).toBeCloseTo(-0.5 * w.f + s0.h[0] * u.f + b.f, 6);
    expect(s1.hPrev).toBe(s0.h);
    expect(s1.cPrev).toBe(s0.c);
  });

  it('uses hard_sigmoid for the gates when asked, and the activation for both g and c', () => {
    const trace = lstmForward(xs.map((x) => [x]), weights, { recurrentActivation: 'hard_sigmoid' });
    const expected = byHand(xs, hardSigmoid);
    trace.forEach((step, t) => expect(step.h[0]).toBeCloseTo(expected[t].h, 6));
    // Sigmoid and hard_sigmoid gates must give visibly different states, or the test above proves nothing.
    expect(Math.abs(expected[2].h - byHand(xs, sigmoid)[2].h)).toBeGreaterThan(1e-3);

    const relu = lstmForward([[1.5]], weights, { activation: 'relu' })[0];
    const g = Math.max(0, 1.5 * w.c + b.c);
    const c = sigmoid(1.5 * w.i + b.i) * g;
    expect(relu.g.activation[0]).toBeCloseTo(g, 6);
    expect(relu.h[0]).toBeCloseTo(sigmoid(1.5 * w.o + b.o) * Math.max(0, c), 6);
  });

  it('starts from a given state', () => {
    const [s0] = lstmForward([[1.5]], weights, { initialState: { h: Float32Array.of(0.4), c: Float32Array.of(-1.2) } });
    expect(s0.h[0]).toBeCloseTo(byHand([1.5], sigmoid, 0.4, -1.2)[0].h, 6);
  });

  it('reads backwards when asked: the same as reading the reversed sequence', () => {
    const backward = lstmForward(xs.map((x) => [x]), weights, { goBackwards: true });
    expect(Array.from(backward, (s) => s.x[0])).toEqual([2, -0.5, 1.5]);
    const expected = byHand([...xs].reverse(), sigmoid);
    expect(backward[2].h[0]).toBeCloseTo(expected[2].h, 6);
    expect(Math.abs(backward[2].h[0] - byHand(xs, sigmoid)[2].h)).toBeGreaterThan(1e-3);
  });
});

describe('LSTM shapes', () => {
  it('rejects arrays that do not fit together, saying what was expected', () => {
    const good = { kernel: matrix(3, 8), recurrentKernel: matrix(2, 8), bias: new Float32Array(8) };
    expect(() => lstmForward([[1, 2, 3]], { ...good, kernel: matrix(3, 6) })).toThrow(/LSTM kernel must be .* 3×8 .* got 3×6/);
    expect(() => lstmForward([[1, 2, 3]], { ...good, recurrentKernel: matrix(2, 6) })).toThrow(/recurrent kernel must be .* 2×8, got 2×6/);
    expect(() => lstmForward([[1, 2, 3]], { ...good, bias: new Float32Array(6) })).toThrow(/LSTM bias .* must have 8 values, got 6/);
    expect(() => lstmForward([[1, 2, 3], [1, 2]], good)).toThrow(/step 1 has 2 features but the kernel expects 3/);
    expect(() => lstmForward([[1, 2, 3]], good, { initialState: { h: new Float32Array(2), c: new Float32Array(3) } })).toThrow(
      /initial c must have 2 values, got 3/,
    );
    expect(lstmForward([[1, 2, 3]], good)[0].h).toHaveLength(2);
  });
});

describe('LSTM gate slices', () => {
  // An LSTM(40) on 32 features, as in the book: kernel (32, 160), recurrent (40, 160), bias (160).
  // Every entry encodes its own position, so a block cut from the wrong columns cannot pass.
  const features = 32, units = 40;
  const code = (r: number, c: number) => r * 1000 + c;
  const fused = (rows: number) => matrix(rows, 4 * units, Array.from({ length: rows * 4 * units }, (_, k) => code(Math.floor(k / (4 * units)), k % (4 * units))));
  const big = { kernel: fused(features), recurrentKernel: fused(units), bias: Float32Array.from({ length: 4 * units }, (_, c) => c) };

  it('cuts the (32, 160) kernel into four (32, 40) blocks, i f c o from left to right', () => {
    const blocks = lstmGateWeights(big);
    expect(Object.keys(blocks)).toEqual(['i', 'f', 'c', 'o']);
    (['i', 'f', 'c', 'o'] as const).forEach((gate, k) => {
      const { kernel, recurrentKernel, bias } = blocks[gate];
      expect([kernel.rows, kernel.cols]).toEqual([32, 40]);
      expect([recurrentKernel.rows, recurrentKernel.cols]).toEqual([40, 40]);
      expect(bias).toHaveLength(40);
      for (let r = 0; r < features; r++) for (let c = 0; c < units; c++) expect(get(kernel, r, c)).toBe(code(r, k * units + c));
      for (let r = 0; r < units; r++) expect(get(recurrentKernel, r, units - 1)).toBe(code(r, k * units + units - 1));
      expect(bias[0]).toBe(k * units);
      expect(bias[units - 1]).toBe(k * units + units - 1);
    });
  });

  it('refuses a matrix that does not split evenly, or columns that do not exist', () => {
    expect(() => splitGateColumns(matrix(2, 10), ['i', 'f', 'c', 'o'])).toThrow(/2×10 matrix cannot be cut into 4/);
    expect(() => columnBlock(matrix(2, 10), 8, 4)).toThrow(/Columns 8…11 do not exist/);
    expect(() => lstmGateWeights({ ...big, bias: new Float32Array(40) })).toThrow(/must have 160 values, got 40/);
  });

  it("the forward pass's forget gate reads the fused columns units…2·units−1", () => {
    // Written from the fused arrays' indices, not from the slices.
    const x = Array.from({ length: features }, (_, k) => Math.sin(k) / 10);
    const small = {
      kernel: matrix(features, 4 * units, Array.from({ length: features * 4 * units }, (_, k) => Math.cos(k) / 50)),
      recurrentKernel: matrix(units, 4 * units),
      bias: Float32Array.from({ length: 4 * units }, (_, c) => (c % 7) / 10),
    };
    const [step] = lstmForward([x], small);
    for (const j of [0, 17, 39]) {
      let pre = small.bias[units + j];
      for (let r = 0; r < features; r++) pre += x[r] * get(small.kernel, r, units + j);
      expect(step.f.preActivation[j]).toBeCloseTo(pre, 5);
    }
  });
});
