/**
 * The canvas painters' pure parts: shapes as whole device pixels (src/viz/pixelRects.ts), the
 * vectors packed into one buffer for the painting worker (src/viz/cell/cellPaint.ts), and the
 * painters drawing a real trace without a DOM, into a context that records what it is asked.
 */
import { describe, expect, it } from 'vitest';
import { packVectors, paintCell, unpackVectors } from '../../src/viz/cell/cellPaint';
import { type ChainScene, chainGeometry, chainSpan, paintChain } from '../../src/viz/chainPaint';
import type { Context2D } from '../../src/viz/context2d';
import { fillPixelRect, strokeAxisPolyline } from '../../src/viz/pixelRects';

/** A 2D context that records fillRect calls (and ignores the rest of the API). */
function recorder() {
  const rects: [number, number, number, number, string][] = [];
  const ctx = new Proxy(
    { fillStyle: '', fillRect: (x: number, y: number, w: number, h: number) => rects.push([x, y, w, h, String(ctx.fillStyle)]) } as Record<string, unknown>,
    { get: (target, key) => (key in target ? target[key as string] : () => {}), set: (target, key, value) => ((target[key as string] = value), true) },
  ) as unknown as Context2D & { fillStyle: string };
  return { ctx, rects };
}

const COLUMN = 56;

/**
 * A chain scene of `steps` tokens and `units` units, 56 px a column at one device pixel per CSS
 * pixel, with a bitmap covering every token unless `parts` gives a span (and its width).
 */
function chainScene(steps: number, units: number, parts: Pick<ChainScene, 'gates' | 'values'> & Partial<ChainScene>): ChainScene {
  const geometry = chainGeometry(steps, units, COLUMN, parts.highway !== undefined, parts.heat !== undefined);
  return {
    width: steps * COLUMN,
    height: geometry.height,
    dpr: 1,
    geometry,
    steps,
    units,
    columnWidth: COLUMN,
    reverse: false,
    muted: '#777',
    span: chainSpan(steps, COLUMN, null),
    ...parts,
  };
}

describe('pixel rectangles', () => {
  it('round each edge to a whole device pixel and skip what rounds to nothing', () => {
    const { ctx, rects } = recorder();
    fillPixelRect(ctx, 0.4, 1.6, 2.2, 3, 1);
    fillPixelRect(ctx, 1, 1, 2, 3, 2);
    fillPixelRect(ctx, 5, 5, 0.2, 3, 1);
    expect(rects.map((r) => r.slice(0, 4))).toEqual([
      [0, 2, 3, 3],
      [2, 2, 4, 6],
    ]);
  });

  it('stroke an axis-aligned polyline as one rectangle per segment, mitred at corners, butt at the ends', () => {
    const { ctx, rects } = recorder();
    // An L: right 10, then down 10, 2 wide.
    strokeAxisPolyline(ctx, [[0, 0], [10, 0], [10, 10]], 2, 1);
    expect(rects.map((r) => r.slice(0, 4))).toEqual([
      [0, -1, 11, 2], // runs on by half the width into the corner only
      [9, -1, 2, 11], // starts half the width above the corner, ends flush at the end
    ]);
    // The same L drawn backwards covers the same pixels.
    const back = recorder();
    strokeAxisPolyline(back.ctx, [[10, 10], [10, 0], [0, 0]], 2, 1);
    expect(back.rects.map((r) => r.slice(0, 4)).sort()).toEqual(rects.map((r) => r.slice(0, 4)).sort());
  });
});

describe('packed vectors', () => {
  it('travel in one buffer and come back the same, in order', () => {
    const vectors = { x: new Float32Array([1, 2]), hPrev: undefined, f: Float32Array.from([0.25, -3, 7]) };
    const packed = packVectors(vectors);
    expect(packed.keys).toEqual(['x', 'f']);
    expect(packed.data.length).toBe(5);
    const back = unpackVectors(structuredClone(packed));
    expect(Object.keys(back)).toEqual(['x', 'f']);
    expect(Array.from(back.x)).toEqual([1, 2]);
    expect(Array.from(back.f)).toEqual([0.25, -3, 7]);
  });
});

describe('painters without a DOM', () => {
  it('the chain draws one bar per gate, token and unit in the gate colour, and h per token and unit', () => {
    const { ctx, rects } = recorder();
    const steps = 3;
    const units = 2;
    const gates = [
      { role: 'gate' as const, color: 'gate-colour' },
      { role: 'candidate' as const, color: 'candidate-colour' },
    ];
    // Fully open gates and a full positive candidate: every bar has height.
    const values = new Float32Array(steps * gates.length * units).fill(1);
    paintChain(ctx, chainScene(steps, units, { gates, values, heat: new Float32Array(steps * units) }));
    expect(rects.filter((r) => r[4] === 'gate-colour')).toHaveLength(steps * units);
    expect(rects.filter((r) => r[4] === 'candidate-colour')).toHaveLength(steps * units);
    expect(rects.filter((r) => r[4] !== 'gate-colour' && r[4] !== 'candidate-colour')).toHaveLength(steps * units);
    expect(rects.every(([x, y, w, h]) => [x, y, w, h].every(Number.isInteger))).toBe(true);
  });

  it('the chain paints only the tokens its scroll box shows, and one either side', () => {
    // 560 … 840 px shows tokens 10 to 14 and the edge of 15: 9 to 16 are painted.
    expect(chainSpan(40, 56, { from: 560, to: 840 })).toEqual({ first: 9, last: 16 });
    expect(chainSpan(40, 56, null)).toEqual({ first: 0, last: 39 });
    // Clamped to the sentence at both ends, and never empty.
    expect(chainSpan(40, 56, { from: 0, to: 300 })).toEqual({ first: 0, last: 7 });
    expect(chainSpan(40, 56, { from: 2000, to: 2400 })).toEqual({ first: 34, last: 39 });
    expect(chainSpan(1, 56, { from: 0, to: 900 })).toEqual({ first: 0, last: 0 });
  });

  it("the chain's bitmap starts at its first painted token: that token's bars are at its left edge", () => {
    const steps = 40;
    const units = 2;
    const scene = chainScene(steps, units, { gates: [{ role: 'gate', color: 'gate-colour' }], values: new Float32Array(steps * units).fill(1) });
    const all = recorder();
    paintChain(all.ctx, scene);
    expect(all.rects).toHaveLength(steps * units);
    const span = chainSpan(steps, 56, { from: 560, to: 840 });
    const some = recorder();
    paintChain(some.ctx, { ...scene, width: (span.last - span.first + 1) * 56, span });
    expect(some.rects).toHaveLength((span.last - span.first + 1) * units);
    // Every rectangle is the whole strip's one for the same token, shifted left by 9 columns.
    const shifted = all.rects.filter(([x]) => x >= 9 * 56 && x < 17 * 56).map(([x, ...rest]) => [x - 9 * 56, ...rest]);
    expect(some.rects).toEqual(shifted);
  });

  it("a span's highway runs from the bitmap's left edge to its right, read in either direction", () => {
    const steps = 40;
    const state = new Float32Array(steps).map((_, t) => Math.sin(t));
    const span = chainSpan(steps, 56, { from: 560, to: 840 });
    const width = (span.last - span.first + 1) * 56;
    for (const reverse of [false, true]) {
      const { ctx, rects } = recorder();
      const highway = { prev: state, kept: state.map((v) => v / 2), next: state, colors: ['unit-colour'] };
      paintChain(ctx, chainScene(steps, 1, { gates: [], values: new Float32Array(0), highway, reverse, span, width }));
      const line = rects.filter((r) => r[4] === 'unit-colour');
      expect(Math.min(...line.map(([x]) => x))).toBe(0);
      expect(Math.max(...line.map(([x, , w]) => x + w))).toBe(width);
    }
  });

  it("the chain's highway is one line per unit: a token's last stretch and the next one's first are one rectangle", () => {
    const steps = 3;
    // One unit whose state goes 0 → 0.5 → −0.5 → 0.25, through kept values in between; each
    // token starts at the state the last one left.
    const next = new Float32Array([0.5, -0.5, 0.25]);
    const prev = new Float32Array([0, 0.5, -0.5]);
    const kept = new Float32Array([0.1, 0.2, -0.3]);
    const { ctx, rects } = recorder();
    paintChain(ctx, chainScene(steps, 1, { gates: [], values: new Float32Array(0), highway: { prev, kept, next, colors: ['unit-colour'] } }));
    const line = rects.filter((r) => r[4] === 'unit-colour');
    // In, then down at ⊙, along, down at +, along for each token: 4 per token and the first stretch in.
    expect(line).toHaveLength(1 + 4 * steps);
    // Horizontal stretches join across token boundaries: one runs from token 0's + to token 1's ⊙.
    const plusX = 56 * 0.64;
    const keepX = 56 + 56 * 0.3;
    expect(line.some(([x, , w, h]) => h < w && x <= plusX && x + w >= keepX)).toBe(true);
  });

  it('the cell paints every gate block from the vectors it is given, and nothing from a future block', () => {
    const lit = recorder();
    const shape = { kind: 'lstm' as const, units: 2, inputDim: 2, resetAfter: false };
    const vectors = { i: new Float32Array([1, 1]), f: new Float32Array([1, 1]), g: new Float32Array([1, -1]), o: new Float32Array([1, 1]) };
    const scene = {
      width: 600,
      height: 392,
      zoom: 1,
      shape,
      vectors: packVectors(vectors),
      highlight: null,
      future: null,
      mode: 'forward' as const,
      colors: { casing: 'casing', faint: 'faint', surface: 'surface', frame: 'frame' },
      slotColors: ['slot-i', 'slot-f', 'slot-c', 'slot-o'],
    };
    paintCell(lit.ctx, scene, new Map());
    for (const slot of ['slot-i', 'slot-f', 'slot-o']) expect(lit.rects.filter((r) => r[4] === slot)).toHaveLength(2);
    const dark = recorder();
    paintCell(dark.ctx, { ...scene, future: ['gate.f'] }, new Map());
    expect(dark.rects.filter((r) => r[4] === 'slot-f')).toHaveLength(0);
    expect(dark.rects.filter((r) => r[4] === 'slot-i')).toHaveLength(2);
  });
});
