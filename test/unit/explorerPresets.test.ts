import { describe, expect, it } from 'vitest';
import { type CellTrace, runCell } from '../../src/engine/cellTrace';
import { PRESETS, PRESET_IDS, defaultParams, presetParams } from '../../src/engine/explorerPresets';
import { embedTokens } from '../../src/engine/tokenVectors';

const DIM = 3;
const words = 'the quick brown fox jumps over a lazy dog while it rains in the town'.split(' ');
const inputs = embedTokens(words, DIM);

function run(id: keyof typeof PRESETS, xs: Float32Array[] = inputs): CellTrace {
  const { shape, params } = presetParams(PRESETS[id], DIM);
  return runCell(shape, params, xs);
}

/** The same inputs with one step's first dimension changed. */
function withStep(t: number, value: number): Float32Array[] {
  return inputs.map((x, i) => (i === t ? Float32Array.of(value, x[1], x[2]) : x));
}

describe('presets', () => {
  it('every preset fits in the explorer limits', () => {
    for (const id of PRESET_IDS) {
      const { params } = presetParams(PRESETS[id], DIM);
      for (const v of [...params.kernel, ...params.recurrentKernel, ...params.bias]) expect(Math.abs(v)).toBeLessThanOrEqual(10);
      expect(PRESETS[id].units).toBeLessThanOrEqual(4);
    }
  });

  it('forget gate stuck open: f ≈ 1 at every step and the cell keeps adding, c_t = c_{t-1} + i·g', () => {
    const trace = run('forgetOpen');
    trace.steps.forEach((step, t) => {
      expect(step.act[1][0]).toBeGreaterThan(0.9999);
      const before = t === 0 ? 0 : trace.steps[t - 1].c![0];
      expect(step.c![0]).toBeCloseTo(before + step.act[0][0] * step.act[2][0], 3);
    });
    // A change at the first word is still there at the last step.
    const changed = runCell(trace, presetParams(PRESETS.forgetOpen, DIM).params, withStep(0, -inputs[0][0]));
    expect(Math.abs(changed.steps.at(-1)!.c![0] - trace.steps.at(-1)!.c![0])).toBeGreaterThan(0.2);
  });

  it('forget gate stuck shut: f ≈ 0 and the cell holds only the current word', () => {
    const trace = run('forgetShut');
    trace.steps.forEach((step, t) => {
      expect(step.act[1][0]).toBeLessThan(1e-4);
      expect(step.c![0]).toBeCloseTo(Math.tanh(2 * inputs[t][0]), 3);
    });
    const changed = run('forgetShut', withStep(0, -inputs[0][0]));
    expect(Math.abs(changed.steps.at(-1)!.c![0] - trace.steps.at(-1)!.c![0])).toBeLessThan(1e-3);
  });

  it('remember the first word: the last state follows the first word, not the later ones', () => {
    const trace = run('rememberFirst');
    const last = (t: CellTrace) => t.steps.at(-1)!.c![0];
    expect(last(trace)).toBeCloseTo(Math.tanh(3 * inputs[0][0]), 1);
    const firstEffect = Math.abs(last(run('rememberFirst', withStep(0, 0.9))) - last(run('rememberFirst', withStep(0, -0.9))));
    expect(firstEffect).toBeGreaterThan(1);
    for (let t = 1; t < inputs.length; t++) {
      const laterEffect = Math.abs(last(run('rememberFirst', withStep(t, 0.9))) - last(run('rememberFirst', withStep(t, -0.9))));
      expect(laterEffect, `word ${t}`).toBeLessThan(firstEffect / 10);
    }
  });

  it('counter: c_t ≈ t + 1 whatever the words', () => {
    for (const xs of [inputs, withStep(3, 1), inputs.map((x) => x.map((v) => -v))]) {
      run('counter', xs).steps.forEach((step, t) => expect(step.c![0]).toBeCloseTo(t + 1, 1));
    }
  });

  it('sign-flipper: h changes sign at every step and stays large', () => {
    const steps = run('signFlipper').steps;
    steps.forEach((step, t) => {
      expect(Math.sign(step.h[0])).toBe(t % 2 === 0 ? 1 : -1);
      expect(Math.abs(step.h[0])).toBeGreaterThan(0.5);
    });
  });

  it('the default weights are seeded by shape, on the 0.01 grid, with the LSTM forget bias at 1', () => {
    const shape = { kind: 'lstm' as const, units: 2, inputDim: 3, resetAfter: false };
    const a = defaultParams(shape);
    expect(defaultParams(shape)).toEqual(a);
    expect(Array.from(a.bias)).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    for (const v of a.kernel) expect(Math.round(v * 100) / 100).toBeCloseTo(v, 6);
    expect(defaultParams({ ...shape, units: 3 }).kernel.length).toBe(3 * 12);
  });
});
