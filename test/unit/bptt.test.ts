/**
 * Backpropagation through time checked without tfjs: against the chapter's hand expansion of a
 * one-unit linear RNN, and against central finite differences of the engine's own forward pass.
 */
import { describe, expect, it } from 'vitest';
import {
  type RecurrentLayer,
  backpropThroughTime,
  clipByGlobalNorm,
  clipEachByNorm,
  dotWithLast,
  globalNorm,
  halfSquaredErrorOnLast,
  linearInStates,
} from '../../src/engine/bptt';
import { CLIPPING_DEFAULTS, sgdRun } from '../../src/engine/clippingDemo';
import { demoSentence, orthogonal, wordVector } from '../../src/engine/gradientDemoInputs';
import { linearRnnExpansion, termLabel } from '../../src/engine/linearExpansion';
import { lstmForward } from '../../src/engine/lstm';
import { type Matrix, matrix } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';

describe('the chapter’s scalar linear RNN: h5 = WX5 + UWX4 + U²WX3 + U³WX2 + U⁴WX1', () => {
  const U = 0.7, W = 1.3;
  const X = [0.5, -1.2, 2.0, 0.8, -0.3]; // X1 … X5
  const [X1, X2, X3, X4, X5] = X;
  const layer: RecurrentLayer = { kind: 'simpleRNN', activation: 'linear', weights: { kernel: matrix(1, 1, [W]), recurrentKernel: matrix(1, 1, [U]), bias: new Float32Array(1) } };
  const inputs = X.map((x) => [x]);

  it('the expansion lists each term with its own value, and their sum is h5', () => {
    const e = linearRnnExpansion(U, W, X);
    expect(e.terms.map(termLabel)).toEqual(['WX5', 'UWX4', 'U²WX3', 'U³WX2', 'U⁴WX1']);
    const written = [W * X5, U * W * X4, U * U * W * X3, U * U * U * W * X2, U * U * U * U * W * X1];
    e.terms.forEach((term, k) => expect(term.value).toBeCloseTo(written[k], 12));
    expect(e.h).toBeCloseTo(written.reduce((a, b) => a + b), 12);
    expect(e.hByRecurrence).toBeCloseTo(e.h, 12);
  });

  it('the engine’s SimpleRNN (linear, zero bias) gives the same h5, and ∂h5/∂X_t is each term’s coefficient U^{5−t}W', () => {
    const e = linearRnnExpansion(U, W, X);
    const r = backpropThroughTime(layer, inputs, dotWithLast([1]), { jacobians: true });
    expect(r.hs[4][0]).toBeCloseTo(e.h, 5);
    // The expansion is newest first; the gradients are in input order X1 … X5.
    const byStep = [...e.terms].reverse();
    r.inputs.forEach((g, t) => expect(g[0]).toBeCloseTo(byStep[t].coefficient, 6));
    expect(Array.from(r.inputs, (g) => g[0])).toEqual(r.inputNorms.map((n, t) => Math.sign(r.inputs[t][0]) * n));
    // ∂h5/∂h_t = U^{5−t}, so the Jacobian norms are |U|⁴ … |U|⁰.
    r.jacobianNorms!.forEach((n, t) => expect(n).toBeCloseTo(Math.abs(U) ** (4 - t), 6));
  });

  it('dh5/dW and dh5/dU are the derivatives of the expansion, term by term', () => {
    const r = backpropThroughTime(layer, inputs, dotWithLast([1]));
    // d/dW of Σ U^{5−t} W X_t = Σ U^{5−t} X_t;  d/dU = Σ (5−t) U^{4−t} W X_t.
    const dW = X5 + U * X4 + U ** 2 * X3 + U ** 3 * X2 + U ** 4 * X1;
    const dU = W * X4 + 2 * U * W * X3 + 3 * U ** 2 * W * X2 + 4 * U ** 3 * W * X1;
    expect(r.weights.kernel.data[0]).toBeCloseTo(dW, 5);
    expect(r.weights.recurrentKernel.data[0]).toBeCloseTo(dU, 5);
    expect((r.weights.bias as Float32Array)[0]).toBeCloseTo(1 + U + U ** 2 + U ** 3 + U ** 4, 5);
  });

  it('|U| < 1 shrinks the early terms and |U| > 1 blows them up', () => {
    const ones = [1, 1, 1, 1, 1];
    const small = linearRnnExpansion(0.5, 1, ones).terms.map((t) => Math.abs(t.value));
    const large = linearRnnExpansion(2, 1, ones).terms.map((t) => Math.abs(t.value));
    expect(small).toEqual([1, 0.5, 0.25, 0.125, 0.0625]);
    expect(large).toEqual([1, 2, 4, 8, 16]);
    expect(linearRnnExpansion(-1, 1, ones).terms.map((t) => t.value)).toEqual([1, -1, 1, -1, 1]);
  });
});

/** Every weight array of a layer, as the flat Float32Array the engine reads (so perturbing it changes the forward pass). */
function weightArrays(layer: RecurrentLayer): Float32Array[] {
  const { kernel, recurrentKernel, bias } = layer.weights;
  return [kernel.data, recurrentKernel.data, bias instanceof Float32Array ? bias : bias.data];
}

function gradientArrays(r: ReturnType<typeof backpropThroughTime>): Float32Array[] {
  const { kernel, recurrentKernel, bias } = r.weights;
  return [kernel.data, recurrentKernel.data, bias instanceof Float32Array ? bias : (bias as Matrix).data];
}

const EPS = 1e-2;

/** (L(v + ε) − L(v − ε)) / 2ε for one entry of one array, restoring it afterwards. */
function centralDifference(array: Float32Array, i: number, loss: () => number): number {
  const keep = array[i];
  array[i] = keep + EPS;
  const up = loss();
  array[i] = keep - EPS;
  const down = loss();
  array[i] = keep;
  return (up - down) / (2 * EPS);
}

/** Float32 forward passes and ε = 1e-2 leave ~1e-5 of noise and O(ε²) curvature error. */
const close = (fd: number, exact: number) => Math.abs(fd - exact) <= 1e-3 * Math.max(1, Math.abs(exact));

function randomLayer(kind: RecurrentLayer['kind'], units: number, features: number, seed: number, extra: Partial<RecurrentLayer> = {}): RecurrentLayer {
  const random = seededRandom(seed);
  const width = { simpleRNN: 1, lstm: 4, gru: 3 }[kind] * units;
  const kernel = matrix(features, width, uniformArray(features * width, 0.7, random));
  const recurrentKernel = matrix(units, width, uniformArray(units * width, 0.7, random));
  const bias = uniformArray(width, 0.4, random);
  if (kind === 'simpleRNN') return { kind, weights: { kernel, recurrentKernel, bias }, ...extra } as RecurrentLayer;
  if (kind === 'lstm') return { kind, weights: { kernel, recurrentKernel, bias }, ...extra } as RecurrentLayer;
  const resetAfter = (extra as { resetAfter?: boolean }).resetAfter === true;
  const weights = resetAfter
    ? { resetAfter: true as const, kernel, recurrentKernel, bias: matrix(2, width, [...bias, ...uniformArray(width, 0.4, random)]) }
    : { resetAfter: false as const, kernel, recurrentKernel, bias };
  return { kind, weights, ...extra } as RecurrentLayer;
}

const fdCases: { title: string; layer: RecurrentLayer }[] = [
  { title: 'SimpleRNN tanh', layer: randomLayer('simpleRNN', 3, 2, 1) },
  { title: 'LSTM sigmoid', layer: randomLayer('lstm', 3, 2, 3) },
  { title: 'LSTM hard_sigmoid', layer: randomLayer('lstm', 3, 2, 4, { recurrentActivation: 'hard_sigmoid' } as Partial<RecurrentLayer>) },
  { title: 'GRU reset_after=False sigmoid', layer: randomLayer('gru', 3, 2, 5) },
  { title: 'GRU reset_after=False hard_sigmoid', layer: randomLayer('gru', 3, 2, 6, { recurrentActivation: 'hard_sigmoid' } as Partial<RecurrentLayer>) },
  { title: 'GRU reset_after=True (Keras 2)', layer: randomLayer('gru', 3, 2, 7, { resetAfter: true } as Partial<RecurrentLayer>) },
  { title: 'LSTM go_backwards from a given h_0, c_0', layer: randomLayer('lstm', 3, 2, 8, { goBackwards: true, initialState: Float32Array.of(0.3, -0.2, 0.5), initialCell: Float32Array.of(-0.4, 0.1, 0.6) }) },
];

describe('BPTT against central finite differences (ε = 1e-2, float32 forward)', () => {
  for (const { title, layer } of fdCases) {
    it(`${title}: every weight, every input, and h_0`, () => {
      const random = seededRandom(42);
      const inputs = Array.from({ length: 6 }, () => uniformArray(2, 1.2, random));
      const vs = Array.from({ length: 6 }, () => uniformArray(3, 1, random));
      const loss = linearInStates(vs);
      const r = backpropThroughTime(layer, inputs, loss);
      const lossNow = () => backpropThroughTime(layer, inputs, loss).loss;

      const bad: string[] = [];
      weightArrays(layer).forEach((array, a) => {
        const exact = gradientArrays(r)[a];
        for (let i = 0; i < array.length; i++) {
          const fd = centralDifference(array, i, lossNow);
          if (!close(fd, exact[i])) bad.push(`weights[${a}][${i}]: fd ${fd} vs ${exact[i]}`);
        }
      });
      inputs.forEach((x, t) => {
        for (let i = 0; i < x.length; i++) {
          const fd = centralDifference(x, i, lossNow);
          if (!close(fd, r.inputs[t][i])) bad.push(`x[${t}][${i}]: fd ${fd} vs ${r.inputs[t][i]}`);
        }
      });
      const h0 = layer.initialState ?? new Float32Array(3);
      const withH0: RecurrentLayer = { ...layer, initialState: h0 };
      for (let i = 0; i < 3; i++) {
        const fd = centralDifference(h0, i, () => backpropThroughTime(withH0, inputs, loss).loss);
        if (!close(fd, r.initialState[i])) bad.push(`h0[${i}]: fd ${fd} vs ${r.initialState[i]}`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('½‖h_T − target‖² on an LSTM, and dL/dc_0', () => {
    const layer = randomLayer('lstm', 2, 2, 11, { initialCell: Float32Array.of(0.2, -0.3) });
    const random = seededRandom(5);
    const inputs = Array.from({ length: 5 }, () => uniformArray(2, 1, random));
    const loss = halfSquaredErrorOnLast([0.5, -0.5]);
    const r = backpropThroughTime(layer, inputs, loss);
    const c0 = (layer as { initialCell: Float32Array }).initialCell;
    for (let i = 0; i < 2; i++) {
      const fd = centralDifference(c0, i, () => backpropThroughTime(layer, inputs, loss).loss);
      expect(close(fd, r.initialCell![i]), `c0[${i}] fd ${fd} vs ${r.initialCell![i]}`).toBe(true);
    }
  });
});

describe('‖∂h_T/∂h_t‖ (Frobenius) against finite differences of the remaining steps', () => {
  for (const kind of ['simpleRNN', 'lstm', 'gru'] as const) {
    it(`${kind}: each step's Jacobian norm, and √units at the last step`, () => {
      const units = 3;
      const layer = randomLayer(kind, units, 2, 21);
      const random = seededRandom(8);
      const inputs = Array.from({ length: 5 }, () => uniformArray(2, 1, random));
      const r = backpropThroughTime(layer, inputs, dotWithLast([0, 0, 0]), { jacobians: true });
      expect(r.jacobianNorms![4]).toBeCloseTo(Math.sqrt(units), 6);
      // ∂h_T/∂h_t: rerun steps t+1 … T from h_t (an LSTM keeps its c_t), nudging h_t one unit at a time.
      const cells = kind === 'lstm' ? lstmCells(layer, inputs) : [];
      for (let t = 0; t < 4; t++) {
        const h = Float32Array.from(r.hs[t]);
        const rest = inputs.slice(t + 1);
        let squares = 0;
        for (let k = 0; k < units; k++) {
          const from = (delta: number) => {
            const start = Float32Array.from(h);
            start[k] += delta;
            const tail: RecurrentLayer = { ...layer, initialState: start, ...(kind === 'lstm' ? { initialCell: cells[t] } : {}) };
            return backpropThroughTime(tail, rest, dotWithLast([0, 0, 0])).hs.at(-1)!;
          };
          const up = from(EPS), down = from(-EPS);
          for (let j = 0; j < units; j++) squares += ((up[j] - down[j]) / (2 * EPS)) ** 2;
        }
        expect(Math.abs(Math.sqrt(squares) - r.jacobianNorms![t]), `step ${t}`).toBeLessThan(1e-3 * Math.max(1, r.jacobianNorms![t]));
      }
    });
  }
});

/** The cell states c_t, which BpttResult does not carry; the forward trace has them. */
function lstmCells(layer: RecurrentLayer, inputs: Float32Array[]): Float32Array[] {
  return layer.kind === 'lstm' ? lstmForward(inputs, layer.weights).map((s) => s.c) : [];
}

describe('gradient clipping', () => {
  it('clipByGlobalNorm scales every array by maxNorm / max(globalNorm, maxNorm), as tf.clip_by_global_norm', () => {
    const grads = [Float32Array.of(3, 4), Float32Array.of(0, 12)]; // global norm 13
    expect(globalNorm(grads)).toBe(13);
    const clipped = clipByGlobalNorm(grads, 5);
    expect(clipped.globalNorm).toBe(13);
    expect(clipped.scale).toBeCloseTo(5 / 13, 12);
    expect(globalNorm(clipped.arrays)).toBeCloseTo(5, 5);
    // Direction kept: each entry scaled by the same factor.
    expect(clipped.arrays[1][1] / clipped.arrays[0][0]).toBeCloseTo(4, 5);
    const untouched = clipByGlobalNorm(grads, 20);
    expect(untouched.scale).toBe(1);
    expect(Array.from(untouched.arrays[1])).toEqual([0, 12]);
    expect(() => clipByGlobalNorm(grads, 0)).toThrow(/above 0/);
    expect(Number.isNaN(clipByGlobalNorm([Float32Array.of(Infinity)], 5).scale)).toBe(true);
  });

  it('clipEachByNorm (Keras clipnorm) caps each array on its own and can turn the direction', () => {
    const [a, b] = clipEachByNorm([Float32Array.of(3, 4), Float32Array.of(0, 12)], 5);
    expect(Array.from(a)).toEqual([3, 4]);
    expect(b[1]).toBeCloseTo(5, 5);
    expect(b[1] / a[0]).not.toBeCloseTo(4, 2);
  });
});

describe('the demos’ engine pieces', () => {
  it('orthogonal() gives QᵀQ = I, and word vectors are fixed per word', () => {
    const q = orthogonal(5, seededRandom(3));
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        let dot = 0;
        for (let k = 0; k < 5; k++) dot += q.data[k * 5 + i] * q.data[k * 5 + j];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
    expect(Array.from(wordVector('france', 8))).toEqual(Array.from(wordVector('france', 8)));
    expect(Array.from(wordVector('france', 8))).not.toEqual(Array.from(wordVector('french', 8)));
    expect(demoSentence('The cat, the MAT!').tokens).toEqual(['the', 'cat', 'the', 'mat']);
    // Chinese has no spaces: the segmenter finds the words, punctuation is dropped.
    expect(demoSentence('我在法国长大，会说流利的法语 OK').tokens).toEqual(['我在', '法国', '长大', '会说', '流利', '的', '法语', 'ok']);
  });

  it('the clipping problem overflows without clipping and converges with clip 5', () => {
    const plain = sgdRun(CLIPPING_DEFAULTS, null);
    const clipped = sgdRun(CLIPPING_DEFAULTS, 5);
    expect(plain.diverged).toBe(true);
    expect(clipped.diverged).toBe(false);
    expect(clipped.steps[0].norm).toBe(plain.steps[0].norm);
    expect(clipped.steps[0].appliedNorm).toBeCloseTo(5, 5);
    expect(clipped.steps.at(-1)!.loss).toBeLessThan(clipped.steps[0].loss / 100);
  });
});

describe('per-step gradients (what the backward cell diagram draws)', () => {
  it('sum, step by step, to the bias gradient and agree with the input and state gradients', async () => {
    const { backpropThroughTime: bptt, dotWithLast: dot } = await import('../../src/engine/bptt');
    const { demoLayer: layerOf } = await import('../../src/engine/gradientDemoInputs');
    const { seededRandom: rnd, uniformArray: uni } = await import('../../src/engine/random');
    const r = rnd(5);
    const xs = Array.from({ length: 5 }, () => uni(3, 1, r));
    for (const kind of ['simpleRNN', 'lstm', 'gru'] as const) {
      const result = bptt(layerOf(kind, { units: 2, features: 3, recurrentScale: 0.9 }), xs, dot(new Float32Array([1, -0.5])), { steps: true });
      const steps = result.stepGradients!;
      expect(steps).toHaveLength(5);
      // dL/db = Σ_t dL/dz_t: the bias is added to every gate's pre-activation at every step.
      const bias = result.weights.bias as Float32Array;
      for (let j = 0; j < bias.length; j++) expect(steps.reduce((s, g) => s + g.dz[j], 0)).toBeCloseTo(bias[j], 5);
      steps.forEach((g, t) => {
        expect(Array.from(g.dx)).toEqual(Array.from(result.inputs[t]));
        expect(Array.from(g.dh)).toEqual(Array.from(result.states[t]));
      });
      // What step t hands back to h_{t-1} is part of dL/dh_{t-1} (the only part: the loss is on h_T).
      for (let t = 1; t < 5; t++) for (let j = 0; j < 2; j++) expect(steps[t].dhPrev[j]).toBeCloseTo(steps[t - 1].dh[j], 6);
      if (kind === 'lstm') for (let t = 1; t < 5; t++) expect(steps[t].dcPrev).toBeDefined();
    }
  });
});
