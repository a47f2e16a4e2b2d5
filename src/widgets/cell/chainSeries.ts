/**
 * What the unrolled chain (src/viz/UnrolledDiagram.tsx) draws, taken from an engine trace in token
 * order: each step's gate values, h (the row under each copy) and the state highway — for an LSTM
 * c: cₜ₋₁, then f ⊙ cₜ₋₁ after ⊙, then cₜ after +; for a GRU h: hₜ₋₁, z ⊙ hₜ₋₁, hₜ; for a
 * SimpleRNN h: hₜ₋₁ rewritten to hₜ. Only selection: every number is the trace's own.
 */
import { type CellTrace, beltOf } from '../../engine/cellTrace';
import type { ChainHighway } from '../../viz/UnrolledDiagram';
import { UNIT_COLORS } from '../explorer/gateInfo';

export interface ChainSeries {
  values: Float32Array[][];
  heat: Float32Array[];
  highway: ChainHighway;
}

/** `stepOf(t)`: the trace step drawn at token t (a backward layer reads the sentence from the end). */
export function chainSeries(trace: CellTrace, tokens: number, stepOf: (t: number) => number = (t) => t): ChainSeries {
  const steps = Array.from({ length: tokens }, (_, t) => trace.steps[stepOf(t)]);
  const kept = steps.map((s) => s.kept);
  return {
    values: steps.map((s) => s.act),
    heat: steps.map((s) => s.h),
    highway: {
      prev: steps.map((s) => s.cPrev ?? s.hPrev),
      // A SimpleRNN keeps nothing: its state is rewritten.
      kept: kept.every((k) => k !== undefined) ? (kept as Float32Array[]) : undefined,
      next: steps.map(beltOf),
      colors: UNIT_COLORS,
    },
  };
}
