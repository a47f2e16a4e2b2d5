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
