/**
 * The unrolled chain's highway is the trace's own state: what enters each step, what ⊙ keeps and
 * what leaves, continuous from one token to the next, in token order for a backward layer too.
 */
import { describe, expect, it } from 'vitest';
import { type CellKind, type CellShape, partShape, runCell } from '../../src/engine/cellTrace';
import { seededRandom, uniformArray } from '../../src/engine/random';
import { chainSeries } from '../../src/widgets/cell/chainSeries';

const T = 6;
const inputs = (() => {
  const r = seededRandom(5);
  return Array.from({ length: T }, () => uniformArray(2, 1, r));
})();

function traceOf(kind: CellKind) {
  const shape: CellShape = { kind, units: 3, inputDim: 2, resetAfter: false };
  const r = seededRandom(9);
  const size = (part: 'kernel' | 'recurrentKernel' | 'bias') => partShape(shape, part)[0] * partShape(shape, part)[1];
  return runCell(shape, { kernel: uniformArray(size('kernel'), 1, r), recurrentKernel: uniformArray(size('recurrentKernel'), 1, r), bias: uniformArray(size('bias'), 0.5, r) }, inputs);
}

describe('chainSeries', () => {
  it('LSTM: c enters as cₜ₋₁, ⊙ leaves f ⊙ cₜ₋₁, + leaves cₜ, and each step starts where the last ended', () => {
    const trace = traceOf('lstm');
    const { highway, values, heat } = chainSeries(trace, T);
    trace.steps.forEach((s, t) => {
      expect(highway.prev[t]).toBe(s.cPrev);
      expect(highway.kept?.[t]).toBe(s.kept);
      expect(highway.next[t]).toBe(s.c);
      expect(values[t]).toBe(s.act);
      expect(heat[t]).toBe(s.h);
      if (t > 0) expect(Array.from(highway.prev[t])).toEqual(Array.from(highway.next[t - 1]));
    });
  });

  it('GRU: the highway is h, kept is z ⊙ hₜ₋₁; SimpleRNN: h is rewritten, nothing kept', () => {
    const gru = traceOf('gru');
    const g = chainSeries(gru, T).highway;
    expect(g.prev[2]).toBe(gru.steps[2].hPrev);
    expect(g.kept?.[2]).toBe(gru.steps[2].kept);
    expect(g.next[2]).toBe(gru.steps[2].h);
    const rnn = chainSeries(traceOf('rnn'), T).highway;
    expect(rnn.kept).toBeUndefined();
  });

  it('a backward layer is laid out in token order: token t shows trace step T − 1 − t', () => {
    const trace = traceOf('lstm');
    const { highway } = chainSeries(trace, T, (t) => T - 1 - t);
    expect(highway.next[0]).toBe(trace.steps[T - 1].c);
    expect(highway.prev[T - 1]).toBe(trace.steps[0].cPrev);
  });
});
