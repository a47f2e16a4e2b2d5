/**
 * The unrolled chain's changing part, painted on a canvas: the state highway's lines, each copy's
 * gate bars and its row of h (src/viz/UnrolledDiagram.tsx draws the frame around them in SVG).
 * Pure drawing from a scene of plain numbers and resolved colours, so the same function paints on
 * the page or in the painting worker (src/viz/paint.worker.ts).
 */
import { divergingColor } from './diverging';
import type { Context2D } from './context2d';
import { fillPixelRect, strokeAxisPolyline } from './pixelRects';

const TOKEN_ROW = 20;
export const BAND_TOP = 24;
export const BAND_H = 48;
export const BAND_BOTTOM = BAND_TOP + BAND_H;
export const BAND_MID = BAND_TOP + BAND_H / 2;
export const NODE_R = 6;
const PAD = 4;
const ROW = 12;
export const GAP = 10;
const HEAT_GAP = 6;
/** Where a copy's ⊙ and + sit on the highway, as fractions of the column (reading left to right). */
export const KEEP_AT = 0.3;
export const ADD_AT = 0.64;

export interface ChainGeometry {
  width: number;
  height: number;
  boxTop: number;
  boxH: number;
  heatTop: number;
}

function diagramWidth(tokens: number, columnWidth: number): number {
  return Math.max(1, tokens) * columnWidth;
}

export function chainGeometry(tokens: number, units: number, columnWidth: number, highway: boolean, heat: boolean): ChainGeometry {
  const boxTop = highway ? BAND_BOTTOM + 16 : TOKEN_ROW;
  const boxH = units * ROW + 2 * PAD;
  const heatTop = boxTop + boxH + HEAT_GAP;
  return { width: diagramWidth(tokens, columnWidth), height: heatTop + (heat ? units * ROW : -HEAT_GAP) + 4, boxTop, boxH, heatTop };
}

/** x of a node inside column t, mirrored for a layer that reads right to left. */
export const nodeX = (t: number, w: number, at: number, reverse: boolean) => t * w + w * (reverse ? 1 - at : at);

/**
 * Everything one frame of the chain needs, flat: `values[(t * gates + g) * units + u]` is gate g of
 * unit u at token t; `heat`, `prev`, `kept`, `next` are `[t * units + u]`. Flat typed arrays cost
 * one copy to send to a worker, where arrays of views into a trace's buffers would each copy it whole.
 */
export interface ChainScene {
  /** The bitmap's size in device pixels, and device pixels per CSS pixel. */
  width: number;
  height: number;
  dpr: number;
  geometry: ChainGeometry;
  steps: number;
  units: number;
  columnWidth: number;
  gates: readonly { role: 'gate' | 'candidate'; color: string }[];
  values: Float32Array;
  heat?: Float32Array;
  highway?: { prev: Float32Array; kept?: Float32Array; next: Float32Array; colors: readonly string[] };
  reverse: boolean;
  /** Resolved colour of the band's scale label. */
  muted: string;
  /**
   * The tokens the bitmap covers, first to last (chainSpan, below): the bitmap's left edge is token
   * `first`'s left edge, and `width` is that many columns.
   */
  span: ChainSpan;
}

export interface ChainSpan {
  first: number;
  last: number;
}

/** Tokens painted either side of the visible range, so a short scroll shows no gap. */
const VIEW_MARGIN_TOKENS = 1;

/**
 * The tokens to paint when a scroll box shows the x range `view` (CSS pixels) of the strip, or
 * all of them when it shows the whole strip (`view` null). The rest of a 40-token chain is off
 * screen: painting it, and handing the compositor a bitmap 2,240 px wide on every drag move, would
 * only compete for the processor with the page.
 */
export function chainSpan(steps: number, columnWidth: number, view: { from: number; to: number } | null): ChainSpan {
  if (!view) return { first: 0, last: Math.max(0, steps - 1) };
  const first = Math.max(0, Math.floor(view.from / columnWidth) - VIEW_MARGIN_TOKENS);
  const last = Math.max(first, Math.min(steps - 1, Math.ceil(view.to / columnWidth) + VIEW_MARGIN_TOKENS));
  return { first, last };
}

function tokenRange(s: ChainScene): [number, number] {
  return [s.span.first, Math.min(s.steps - 1, s.span.last)];
}

const finite = (v: number) => (Number.isFinite(v) ? v : 0);

/** The largest |value| the highway carries, at least 1: its lines are drawn against ±that. */
function highwayBound(h: NonNullable<ChainScene['highway']>): number {
  let bound = 1;
  for (const series of [h.prev, h.kept, h.next]) {
    if (series) for (let i = 0; i < series.length; i++) bound = Math.max(bound, Math.abs(finite(series[i])));
  }
  return bound;
}

/**
 * Adds a point to an axis-aligned polyline; a point that only continues the last segment in the
 * same direction moves its end instead (one token's last stretch and the next one's first are one
 * line: a rectangle fewer per token and unit).
 */
function extend(points: [number, number][], x: number, y: number): void {
  const n = points.length;
  if (n >= 2) {
    const [x0, y0] = points[n - 2];
    const [x1, y1] = points[n - 1];
    const straight = (y0 === y1 && y1 === y && (x1 - x0) * (x - x1) >= 0) || (x0 === x1 && x1 === x && (y1 - y0) * (y - y1) >= 0);
    if (straight) {
      points[n - 1] = [x, y];
      return;
    }
  }
  points.push([x, y]);
}

function drawHighway(ctx: Context2D, s: ChainScene, h: NonNullable<ChainScene['highway']>): void {
  const { units, steps, columnWidth: w, reverse, dpr } = s;
  const [first, last] = tokenRange(s);
  const ox = first * w;
  const bound = highwayBound(h);
  const half = BAND_H / 2 - 3;
  const y = (v: number) => BAND_MID - Math.max(-1, Math.min(1, finite(v) / bound)) * half;
  for (let u = 0; u < units; u++) {
    // Through every token: in at the state it brings, down (or up) at ⊙ to what is kept, at + to the new state, out.
    const points: [number, number][] = [];
    for (let k = 0; k < steps; k++) {
      // Token order for a forward layer; a backward one enters at the last token's right edge.
      const t = reverse ? steps - 1 - k : k;
      if (t < first || t > last) continue;
      const enter = (reverse ? (t + 1) * w : t * w) - ox;
      const leave = (reverse ? t * w : (t + 1) * w) - ox;
      const prev = y(h.prev[t * units + u]);
      const next = y(h.next[t * units + u]);
      if (points.length === 0) points.push([enter, prev]);
      if (h.kept) {
        const keepX = nodeX(t, w, KEEP_AT, reverse) - ox;
        const addX = nodeX(t, w, ADD_AT, reverse) - ox;
        const kept = y(h.kept[t * units + u]);
        for (const [px, py] of [[keepX, prev], [keepX, kept], [addX, kept], [addX, next]]) extend(points, px, py);
      } else {
        const mid = t * w + w / 2 - ox;
        extend(points, mid, prev);
        extend(points, mid, next);
      }
      extend(points, leave, next);
    }
    ctx.fillStyle = h.colors[u % h.colors.length];
    strokeAxisPolyline(ctx, points, 1.5, dpr);
  }
  // The scale of the band, which grows when a state leaves −1…1 (a counter's c reaches 40).
  ctx.fillStyle = s.muted;
  ctx.font = `${9 * dpr}px system-ui, sans-serif`;
  ctx.fillText(`±${Number(bound.toPrecision(2))}`, 2 * dpr, (BAND_TOP + 10) * dpr);
}

/** Everything in CSS pixels, drawn as whole device pixels (./pixelRects.ts). */
export function paintChain(ctx: Context2D, s: ChainScene): void {
  const { geometry: g, units, columnWidth: w, gates, values, heat, highway, dpr } = s;
  const [first, last] = tokenRange(s);
  // The bitmap starts at the first painted token's left edge.
  const ox = first * w;
  ctx.clearRect(0, 0, s.width, s.height);
  if (highway) drawHighway(ctx, s, highway);
  if (heat) {
    for (let t = first; t <= last; t++) {
      for (let u = 0; u < units; u++) {
        ctx.fillStyle = divergingColor(heat[t * units + u], 1);
        fillPixelRect(ctx, t * w - ox + GAP / 2, g.heatTop + u * ROW, w - GAP, ROW - 1, dpr);
      }
    }
  }
  const barW = (w - GAP - 2 * PAD) / gates.length;
  const h = ROW - 2;
  gates.forEach((gate, k) => {
    ctx.fillStyle = gate.color;
    for (let t = first; t <= last; t++) {
      const x = t * w - ox + GAP / 2 + PAD + k * barW + 0.5;
      for (let u = 0; u < units; u++) {
        const v = finite(values[(t * gates.length + k) * units + u]);
        const rowTop = g.boxTop + PAD + u * ROW + 1;
        if (gate.role === 'gate') {
          const height = Math.min(1, Math.max(0, v)) * h;
          fillPixelRect(ctx, x, rowTop + h - height, barW - 1, height, dpr);
        } else {
          const height = (Math.min(1, Math.abs(v)) * h) / 2;
          fillPixelRect(ctx, x, v >= 0 ? rowTop + h / 2 - height : rowTop + h / 2, barW - 1, height, dpr);
        }
      }
    }
  });
}
