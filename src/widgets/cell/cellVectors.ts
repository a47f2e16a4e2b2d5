/**
 * The engine trace of one step, under the names the cell diagrams give their wires. Only
 * selection: every array is the engine's own (src/engine/cellTrace.ts), so what a wire shows is
 * exactly what the cell computed.
 */
import type { CellKind, TraceStep } from '../../engine/cellTrace';
import type { CellVectors } from '../../viz/cell/CellDiagram';
import type { DiagramKind } from '../../viz/cell/layout';

export const DIAGRAM_KIND: Record<CellKind, DiagramKind> = { rnn: 'simpleRNN', lstm: 'lstm', gru: 'gru' };

/** Pre-activation and value keys of each block, in Keras' fused order (CELL_GATES). */
const SLOT_KEYS: Record<CellKind, readonly (readonly [string, string])[]> = {
  rnn: [['pre.h', 'h']],
  lstm: [
    ['pre.i', 'i'],
    ['pre.f', 'f'],
    ['pre.g', 'g'],
    ['pre.o', 'o'],
  ],
  gru: [
    ['pre.z', 'z'],
    ['pre.r', 'r'],
    ['pre.h', 'hTilde'],
  ],
};

/**
 * The same step restricted to some units and some input components (a trained layer of 128 units
 * is drawn a few units at a time): every array is the engine's, cut to the chosen indices.
 */
export function pickFromStep(step: TraceStep, units: readonly number[], inputs: readonly number[]): TraceStep {
  const pick = (values: Float32Array, at: readonly number[]) => Float32Array.from(at, (k) => values[k]);
  const unitwise = (values: Float32Array | undefined) => (values ? pick(values, units) : undefined);
  return {
    x: pick(step.x, inputs),
    hPrev: pick(step.hPrev, units),
    pre: step.pre.map((p) => pick(p, units)),
    act: step.act.map((a) => pick(a, units)),
    candidate: pick(step.candidate, units),
    c: unitwise(step.c),
    cPrev: unitwise(step.cPrev),
    cActivated: unitwise(step.cActivated),
    kept: unitwise(step.kept),
    added: unitwise(step.added),
    zComplement: unitwise(step.zComplement),
    resetHPrev: unitwise(step.resetHPrev),
    recurrentProjection: unitwise(step.recurrentProjection),
    resetTerm: unitwise(step.resetTerm),
    h: pick(step.h, units),
  };
}

export function cellVectors(kind: CellKind, step: TraceStep): CellVectors {
  const v: Record<string, Float32Array | undefined> = { x: step.x, hPrev: step.hPrev, h: step.h };
  SLOT_KEYS[kind].forEach(([pre, value], k) => {
    v[pre] = step.pre[k];
    v[value] = step.act[k];
  });
  if (kind === 'lstm') {
    Object.assign(v, { cPrev: step.cPrev, kept: step.kept, added: step.added, c: step.c, tanhC: step.cActivated });
  } else if (kind === 'gru') {
    Object.assign(v, {
      oneMinusZ: step.zComplement,
      kept: step.kept,
      added: step.added,
      resetH: step.resetHPrev,
      proj: step.recurrentProjection,
      resetTerm: step.resetTerm,
    });
  }
  return v;
}
