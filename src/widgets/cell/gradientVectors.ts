/**
 * One step of backpropagation through time under the cell diagram's keys, so the same drawing
 * shows the gradient: what reaches h_t on the output wire, dL/dc on the cell line, each gate's
 * pre-activation gradient on its block and output wire, and what leaves towards h_{t-1}, c_{t-1}
 * and x_t on the inputs. Only selection: the numbers are the engine's (src/engine/bptt).
 */
import type { StepGradients } from '../../engine/bptt';
import type { CellVectors } from '../../viz/cell/CellDiagram';
import type { DiagramKind } from '../../viz/cell/layout';

const SLOTS: Record<DiagramKind, readonly string[]> = { simpleRNN: ['pre.h'], lstm: ['i', 'f', 'g', 'o'], gru: ['z', 'r', 'hTilde'] };

export function gradientVectors(kind: DiagramKind, g: StepGradients, units: number): CellVectors {
  const v: Record<string, Float32Array | undefined> = { h: g.dh, hPrev: g.dhPrev, x: g.dx };
  SLOTS[kind].forEach((key, k) => (v[key] = g.dz.subarray(k * units, (k + 1) * units)));
  if (kind === 'lstm') {
    // c_t = kept + added: both halves receive all of dL/dc_t.
    Object.assign(v, { c: g.dc, kept: g.dc, added: g.dc, cPrev: g.dcPrev });
  } else if (kind === 'gru') {
    Object.assign(v, { kept: g.dh, added: g.dh });
  }
  return v;
}
