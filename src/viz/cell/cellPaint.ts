/**
 * A cell diagram's values, painted on a canvas in whole device pixels (../pixelRects.ts): every
 * wire a bundle of stripes (one per unit, coloured on the book's diverging scale, or in gradient
 * mode as wide as |gradient|), every gate block one bar per unit filled as far as the gate is
 * open. CellDiagram.tsx draws the frame (blocks, operators, labels, handles) in SVG on top. Pure
 * drawing from a scene of plain numbers and resolved colours, so it runs on the page or in the
 * painting worker alike.
 */
import { divergingColor } from '../diverging';
import type { Context2D } from '../context2d';
import { fillPixelRect, strokeAxisPolyline } from '../pixelRects';
import { type CellLayout, type DiagramShape, cellLayout, offsetPolyline, stripeCount, unitColumn } from './layout';

/** The vectors a drawing shows, by the keys its layout uses (x, hPrev, f, kept, c, …). */
export type CellVectors = Readonly<Record<string, ArrayLike<number> | undefined>>;

export type Look = 'future' | 'lit' | 'dim' | 'plain';

const DIM = 0.28;
const FUTURE = 0.12;

export function lookOf(id: string, highlight: ReadonlySet<string> | null | undefined, future: ReadonlySet<string> | null | undefined): Look {
  if (future?.has(id)) return 'future';
  if (highlight && highlight.size > 0) return highlight.has(id) ? 'lit' : 'dim';
  return 'plain';
}

const alphaOf = (look: Look) => (look === 'future' ? FUTURE : look === 'dim' ? DIM : 1);

/** A wire's stripes in order: the components of each vector it carries, side by side. */
export function valuesOf(vectors: CellVectors, keys: readonly string[]): number[] {
  const out: number[] = [];
  for (const key of keys) {
    const v = vectors[key];
    if (v) for (let i = 0; i < v.length; i++) out.push(v[i]);
  }
  return out;
}

/**
 * Gradient mode draws widths against the largest magnitude on the drawing (its wires' values and
 * its blocks'): where the gradient is strong relative to the rest of this step.
 */
function gradientScale(layout: CellLayout, vectors: CellVectors, wireValues: readonly number[][]): number {
  let m = 0;
  for (const values of wireValues) for (const v of values) m = Math.max(m, Math.abs(v));
  for (const n of layout.nodes) {
    const v = n.value ? vectors[n.value] : undefined;
    if (v) for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  }
  return m > 0 ? m : 1;
}

/**
 * The vectors of one drawing in one buffer: vector `keys[k]` is `data[offsets[k] … offsets[k+1])`.
 * One copy to send to a worker, where a record of views into a trace's buffers would send each
 * buffer whole, and a record of twenty small arrays costs twenty objects to serialise.
 */
export interface PackedVectors {
  keys: string[];
  offsets: Uint32Array;
  data: Float32Array;
}

export function packVectors(vectors: CellVectors): PackedVectors {
  const keys = Object.keys(vectors).filter((key) => vectors[key]);
  const offsets = new Uint32Array(keys.length + 1);
  keys.forEach((key, k) => (offsets[k + 1] = offsets[k] + vectors[key]!.length));
  const data = new Float32Array(offsets[keys.length]);
  keys.forEach((key, k) => data.set(vectors[key]!, offsets[k]));
  return { keys, offsets, data };
}

export function unpackVectors({ keys, offsets, data }: PackedVectors): Record<string, Float32Array> {
  return Object.fromEntries(keys.map((key, k) => [key, data.subarray(offsets[k], offsets[k + 1])]));
}

export interface CellScene {
  /** The bitmap's size in device pixels, and device pixels per unit of the layout's viewBox. */
  width: number;
  height: number;
  zoom: number;
  shape: Required<DiagramShape>;
  vectors: PackedVectors;
  highlight: readonly string[] | null;
  future: readonly string[] | null;
  mode: 'forward' | 'gradient';
  /** Resolved colours: the wires' casing, faint (future) stripes, the blocks' background, the marked unit's frame. */
  colors: { casing: string; faint: string; surface: string; frame: string };
  /** Each gate block's colour, by slot (Keras' fused order). */
  slotColors: readonly string[];
  markedUnit?: number;
}

/** Stripe offset paths per wire and the layout itself, kept per shape: they change only with the cell's sizes. */
interface Geometry {
  key: string;
  layout: CellLayout;
  stripes: Map<string, [number, number][][]>;
}

function geometryOf(shape: Required<DiagramShape>, memo: Map<string, unknown>): Geometry {
  const key = `${shape.kind}:${shape.units}:${shape.inputDim}:${shape.resetAfter}`;
  const cached = memo.get('geometry') as Geometry | undefined;
  if (cached?.key === key) return cached;
  const layout = cellLayout(shape);
  const stripes = new Map(
    layout.wires.map((w) => {
      const n = stripeCount(layout, w);
      return [w.id, Array.from({ length: n }, (_, k) => offsetPolyline(w.points, ((n - 1) / 2 - k) * layout.stripe))];
    }),
  );
  const geometry = { key, layout, stripes };
  memo.set('geometry', geometry);
  return geometry;
}

/** `memo` is the painter's own cache for this canvas (the geometry of the last shape). */
export function paintCell(ctx: Context2D, s: CellScene, memo: Map<string, unknown>): void {
  const { layout, stripes } = geometryOf(s.shape, memo);
  const { mode, colors, slotColors, markedUnit } = s;
  const vectors = unpackVectors(s.vectors);
  const highlight = s.highlight ? new Set(s.highlight) : null;
  const future = s.future ? new Set(s.future) : null;
  const wireValues = layout.wires.map((wire) => valuesOf(vectors, wire.values));
  const scale = mode === 'gradient' ? gradientScale(layout, vectors, wireValues) : 1;
  const z = s.zoom;
  ctx.clearRect(0, 0, s.width, s.height);
  layout.wires.forEach((wire, w) => {
    const look = lookOf(wire.id, highlight, future);
    const paths = stripes.get(wire.id)!;
    ctx.globalAlpha = alphaOf(look) * 0.55;
    ctx.fillStyle = colors.casing;
    strokeAxisPolyline(ctx, wire.points, paths.length * layout.stripe + 2, z);
    ctx.globalAlpha = alphaOf(look);
    paths.forEach((points, k) => {
      const v = wireValues[w][k] ?? 0;
      ctx.fillStyle = look === 'future' ? colors.faint : divergingColor(v, scale);
      const width = mode === 'gradient' ? layout.stripe * (0.15 + 0.85 * Math.min(1, Math.abs(v) / scale)) : layout.stripe;
      strokeAxisPolyline(ctx, points, width, z);
    });
  });
  for (const node of layout.nodes) {
    if (node.role !== 'gate' && node.role !== 'candidate') continue;
    const look = lookOf(node.id, highlight, future);
    ctx.globalAlpha = 1;
    ctx.fillStyle = colors.surface;
    fillPixelRect(ctx, node.x - node.w / 2, node.y - node.h / 2, node.w, node.h, z);
    if (look === 'future') continue;
    ctx.globalAlpha = alphaOf(look);
    const values = vectors[node.value!];
    const color = slotColors[node.slot ?? 0] ?? colors.frame;
    for (let u = 0; u < layout.units; u++) {
      const col = unitColumn(node, layout.units, u);
      const v = values && Number.isFinite(values[u]) ? values[u] : 0;
      let y: number, h: number;
      if (mode === 'gradient') {
        h = Math.min(1, Math.abs(v) / scale) * col.h;
        y = col.y + col.h - h;
        ctx.fillStyle = divergingColor(v, scale);
      } else if (node.role === 'gate') {
        h = Math.min(1, Math.max(0, v)) * col.h;
        y = col.y + col.h - h;
        ctx.fillStyle = color;
      } else {
        h = (Math.min(1, Math.abs(v)) * col.h) / 2;
        y = v >= 0 ? col.y + col.h / 2 - h : col.y + col.h / 2;
        ctx.fillStyle = divergingColor(v, 1);
      }
      fillPixelRect(ctx, col.x + 0.5, y, Math.max(0.5, col.w - 1), h, z);
    }
    if (markedUnit !== undefined && markedUnit >= 0 && markedUnit < layout.units) {
      const col = unitColumn(node, layout.units, markedUnit);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = colors.frame;
      ctx.lineWidth = 1.5 * z;
      ctx.strokeRect(col.x * z, (col.y - 1) * z, col.w * z, (col.h + 2) * z);
    }
  }
  ctx.globalAlpha = 1;
}
