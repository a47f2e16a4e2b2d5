import { describe, expect, it } from 'vitest';
import { type CellKind, type CellShape, CELL_GATES, beltOf, columnOwner, partShape, runCell } from '../../src/engine/cellTrace';
import { defaultParams } from '../../src/engine/explorerPresets';
import { gruForward } from '../../src/engine/gru';
import { lstmForward } from '../../src/engine/lstm';
import { matrix, maxAbsDiff } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';
import { simpleRnnForward } from '../../src/engine/simpleRnn';

const random = seededRandom(7);
const inputs = Array.from({ length: 6 }, () => uniformArray(3, 1, random));

function shape(kind: CellKind, resetAfter = false): CellShape {
  return { kind, units: 3, inputDim: 3, resetAfter };
}

function params(s: CellShape) {
  const r = seededRandom(s.units * 31 + (s.resetAfter ? 1 : 0));
  const size = (part: 'kernel' | 'recurrentKernel' | 'bias') => partShape(s, part)[0] * partShape(s, part)[1];
  return { kernel: uniformArray(size('kernel'), 0.9, r), recurrentKernel: uniformArray(size('recurrentKernel'), 0.9, r), bias: uniformArray(size('bias'), 0.5, r) };
}

const mats = (s: CellShape, p: ReturnType<typeof params>) => ({
  kernel: matrix(...partShape(s, 'kernel'), p.kernel),
  recurrentKernel: matrix(...partShape(s, 'recurrentKernel'), p.recurrentKernel),
});

describe('runCell', () => {
  it('equals simpleRnnForward step for step', () => {
    const s = shape('rnn');
    const p = params(s);
    const trace = runCell(s, p, inputs);
    const direct = simpleRnnForward(inputs, { ...mats(s, p), bias: p.bias });
    trace.steps.forEach((step, t) => {
      expect(maxAbsDiff(step.h, direct[t].h)).toBe(0);
      expect(maxAbsDiff(step.pre[0], direct[t].preActivation)).toBe(0);
      expect(step.c).toBeUndefined();
      expect(beltOf(step)).toBe(step.h);
    });
  });

  it('equals lstmForward: every gate in the order i, f, c, o, plus c and h', () => {
    const s = shape('lstm');
    const p = params(s);
    const trace = runCell(s, p, inputs);
    const direct = lstmForward(inputs, { ...mats(s, p), bias: p.bias });
    expect(CELL_GATES.lstm.map((g) => g.id)).toEqual(['i', 'f', 'c', 'o']);
    trace.steps.forEach((step, t) => {
      const d = direct[t];
      [d.i, d.f, d.g, d.o].forEach((gate, k) => {
        expect(maxAbsDiff(step.pre[k], gate.preActivation)).toBe(0);
        expect(maxAbsDiff(step.act[k], gate.activation)).toBe(0);
      });
      expect(maxAbsDiff(step.candidate, d.g.activation)).toBe(0);
      expect(maxAbsDiff(step.c!, d.c)).toBe(0);
      expect(maxAbsDiff(step.h, d.h)).toBe(0);
      expect(beltOf(step)).toBe(step.c);
    });
  });

  for (const resetAfter of [false, true]) {
    it(`equals gruForward with resetAfter ${resetAfter}`, () => {
      const s = shape('gru', resetAfter);
      const p = params(s);
      expect(p.bias.length).toBe(resetAfter ? 18 : 9);
      const trace = runCell(s, p, inputs);
      const bias = resetAfter ? matrix(2, 9, p.bias) : p.bias;
      const direct = gruForward(inputs, { resetAfter, ...mats(s, p), bias } as Parameters<typeof gruForward>[1]);
      trace.steps.forEach((step, t) => {
        const d = direct[t];
        [d.z, d.r, d.candidate].forEach((gate, k) => {
          expect(maxAbsDiff(step.pre[k], gate.preActivation)).toBe(0);
          expect(maxAbsDiff(step.act[k], gate.activation)).toBe(0);
        });
        expect(maxAbsDiff(step.h, d.h)).toBe(0);
      });
    });
  }

  it('the two GRU variants differ on the same kernels', () => {
    const before = runCell(shape('gru'), defaultParams(shape('gru')), inputs);
    const p = defaultParams(shape('gru', true));
    p.bias.fill(0.3);
    const after = runCell(shape('gru', true), p, inputs);
    expect(maxAbsDiff(before.steps.at(-1)!.h, after.steps.at(-1)!.h)).toBeGreaterThan(1e-3);
  });

  it('continues from given states: one step from the states after step 3 is step 4 of the whole run', () => {
    for (const kind of ['rnn', 'lstm', 'gru'] as const) {
      const s = shape(kind);
      const p = params(s);
      const whole = runCell(s, p, inputs);
      const at = whole.steps[3];
      const one = runCell(s, p, [inputs[4]], { initialState: { h: at.h, c: at.c } }).steps[0];
      expect(maxAbsDiff(one.h, whole.steps[4].h), kind).toBe(0);
      if (kind === 'lstm') expect(maxAbsDiff(one.c!, whole.steps[4].c!)).toBe(0);
    }
  });

  it('uses the gate activation it is given (an imported model may use hard_sigmoid)', () => {
    const s = shape('lstm');
    const p = params(s);
    const hard = runCell(s, p, inputs, { recurrentActivation: 'hard_sigmoid' }).steps[2];
    const k = mats(s, p);
    const expected = lstmForward(inputs, { ...k, bias: p.bias }, { recurrentActivation: 'hard_sigmoid' })[2];
    expect(maxAbsDiff(hard.act[1], expected.f.activation)).toBe(0);
    expect(maxAbsDiff(hard.act[1], runCell(s, p, inputs).steps[2].act[1])).toBeGreaterThan(1e-4);
  });

  it('names the gate and unit that own a fused column', () => {
    expect(columnOwner(shape('lstm'), 4)).toEqual({ gate: CELL_GATES.lstm[1], unit: 1 });
    expect(columnOwner(shape('gru'), 8)).toEqual({ gate: CELL_GATES.gru[2], unit: 2 });
  });

  it('refuses weights of the wrong size', () => {
    const s = shape('lstm');
    expect(() => runCell(s, { ...params(s), bias: new Float32Array(3) }, inputs)).toThrow(/bias needs 12 values/);
  });
});
