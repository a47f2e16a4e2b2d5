import { describe, expect, it } from 'vitest';
import { type DiagramShape, cellLayout, offsetPolyline, stripeCount, stripePaths, stripeWidth, unitColumn } from '../../src/viz/cell/layout';
import { WALKS, futureAt } from '../../src/widgets/cell/cellWalks';

const shapes: DiagramShape[] = [
  { kind: 'simpleRNN', units: 2, inputDim: 3 },
  { kind: 'lstm', units: 2, inputDim: 3 },
  { kind: 'gru', units: 2, inputDim: 3, resetAfter: false },
  { kind: 'gru', units: 2, inputDim: 3, resetAfter: true },
];

describe('cellLayout', () => {
  it('draws the standard blocks of each cell', () => {
    const ids = (s: DiagramShape) => cellLayout(s).nodes.filter((n) => n.role === 'gate' || n.role === 'candidate').map((n) => n.id).sort();
    expect(ids(shapes[0])).toEqual(['gate.h']);
    expect(ids(shapes[1])).toEqual(['gate.f', 'gate.g', 'gate.i', 'gate.o']);
    expect(ids(shapes[2])).toEqual(['gate.h', 'gate.r', 'gate.z']);
    // Slots follow Keras' fused order, so a block's bias is the right one: LSTM i, f, c, o.
    const lstm = cellLayout(shapes[1]);
    expect(['gate.i', 'gate.f', 'gate.g', 'gate.o'].map((id) => lstm.nodes.find((n) => n.id === id)!.slot)).toEqual([0, 1, 2, 3]);
  });

  it('puts the LSTM cell-state line across the top: c_{t-1} → ⊙f → + → c_t', () => {
    const l = cellLayout(shapes[1]);
    const y = (id: string) => l.nodes.find((n) => n.id === id)!.y;
    const x = (id: string) => l.nodes.find((n) => n.id === id)!.x;
    expect(new Set(['port.cPrev', 'op.forget', 'op.add', 'port.c'].map(y)).size).toBe(1);
    expect(x('port.cPrev')).toBeLessThan(x('op.forget'));
    expect(x('op.forget')).toBeLessThan(x('op.add'));
    expect(x('op.add')).toBeLessThan(x('port.c'));
    for (const gate of ['gate.i', 'gate.f', 'gate.g', 'gate.o']) expect(y(gate)).toBeGreaterThan(y('op.add'));
  });

  it('places the GRU reset gate where each variant applies it', () => {
    const before = cellLayout(shapes[2]);
    const after = cellLayout(shapes[3]);
    expect(before.nodes.some((n) => n.id === 'op.project')).toBe(false);
    expect(after.nodes.some((n) => n.id === 'op.project')).toBe(true);
    expect(before.wires.find((w) => w.id === 'feed.reset')!.values).toEqual(['resetH']);
    expect(after.wires.find((w) => w.id === 'feed.reset')!.values).toEqual(['resetTerm']);
    expect(after.resetAfter).toBe(true);
    expect(cellLayout({ kind: 'lstm', units: 2, inputDim: 3, resetAfter: true }).resetAfter).toBe(false);
  });

  it('changes with the number of units and inputs: stripes per wire and bar columns per block', () => {
    const small = cellLayout({ kind: 'lstm', units: 2, inputDim: 3 });
    const big = cellLayout({ kind: 'lstm', units: 8, inputDim: 4 });
    const wire = (l: typeof small, id: string) => l.wires.find((w) => w.id === id)!;
    expect(stripeCount(small, wire(small, 'out.c'))).toBe(2);
    expect(stripeCount(big, wire(big, 'out.c'))).toBe(8);
    expect(stripeCount(big, wire(big, 'xBus'))).toBe(4);
    expect(stripePaths(big, wire(big, 'out.c'))).toHaveLength(8);
    expect(big.stripe).toBeLessThan(small.stripe);
    expect(stripeWidth(8) * 8).toBeLessThanOrEqual(16);
    const f = big.nodes.find((n) => n.id === 'gate.f')!;
    const columns = Array.from({ length: 8 }, (_, u) => unitColumn(f, 8, u));
    for (let u = 1; u < 8; u++) expect(columns[u].x).toBeCloseTo(columns[u - 1].x + columns[u - 1].w, 9);
    expect(columns[0].x).toBeGreaterThanOrEqual(f.x - f.w / 2);
    expect(columns[7].x + columns[7].w).toBeLessThanOrEqual(f.x + f.w / 2);
  });

  it('refuses sizes that cannot be drawn', () => {
    expect(() => cellLayout({ kind: 'lstm', units: 0, inputDim: 3 })).toThrow(/whole positive/);
    expect(() => cellLayout({ kind: 'gru', units: 2, inputDim: 1.5 })).toThrow(/whole positive/);
  });

  it('keeps every wire axis-aligned and inside the view', () => {
    for (const s of shapes) {
      const l = cellLayout(s);
      for (const w of l.wires) {
        for (let k = 1; k < w.points.length; k++) {
          const [a, b] = [w.points[k - 1], w.points[k]];
          expect(a[0] === b[0] || a[1] === b[1], `${s.kind} ${w.id} segment ${k}`).toBe(true);
        }
        for (const [x, y] of w.points) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(l.width);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(l.height);
        }
      }
      expect(new Set(l.wires.map((w) => w.id)).size).toBe(l.wires.length);
    }
  });
});

describe('offsetPolyline', () => {
  it('moves a straight wire sideways and keeps corners square', () => {
    expect(offsetPolyline([[0, 0], [10, 0]], 2)).toEqual([[0, 2], [10, 2]]);
    // Right, then down: the normal is +y on the first segment and −x on the second; the corner moves by both.
    expect(offsetPolyline([[0, 0], [10, 0], [10, 10]], 1)).toEqual([[0, 1], [9, 1], [9, 10]]);
  });
});

describe('walks', () => {
  it('light only ids that exist on their diagram, and every block at some stage', () => {
    const variants = { simpleRNN: shapes[0], lstm: shapes[1], gru: shapes[2], gruAfter: shapes[3] } as const;
    for (const [variant, shape] of Object.entries(variants)) {
      const l = cellLayout(shape);
      const ids = new Set([...l.nodes.map((n) => n.id), ...l.wires.map((w) => w.id)]);
      const lit = new Set(WALKS[variant as keyof typeof WALKS].flatMap((s) => s.highlight));
      for (const id of lit) expect(ids.has(id), `${variant}: ${id}`).toBe(true);
      for (const n of l.nodes.filter((n) => n.role !== 'port')) expect(lit.has(n.id), `${variant} never lights ${n.id}`).toBe(true);
    }
  });

  it('mark as future only what later stages compute', () => {
    const stages = WALKS.lstm;
    expect(futureAt(stages, 0).has('out.c')).toBe(true);
    expect(futureAt(stages, 0).has('hBus')).toBe(false);
    expect(futureAt(stages, stages.length - 1).size).toBe(0);
    // The LSTM step in dependency order: gates before the cell update, the cell before h.
    expect(stages.map((s) => s.id)).toEqual(['inputs', 'pre', 'gates', 'candidate', 'forget', 'add', 'output']);
  });
});
