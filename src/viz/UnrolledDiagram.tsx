/**
 * A recurrent layer unrolled over a sentence, drawn as the unrolled cell. Along the top runs the
 * state highway through every token — c for an LSTM, h for a GRU or a SimpleRNN — one line per
 * unit: at each step it passes ⊙ (the line drops to what the step keeps) and + (it steps to the new
 * state); a SimpleRNN's state is rewritten at one node instead. Below the highway, each token's copy
 * of the cell: one small bar per gate and unit, h as a coloured row under it, and an arrow handing
 * h to the next copy. The copy at the time cursor is highlighted; the caller draws it in full.
 *
 * Two layers, as in the cell diagram (src/viz/cell): everything a weight drag changes — the
 * highway's lines, the 1,280 bars and the h rows of 40 tokens × 8 units × 4 gates — is painted on
 * one canvas; the frame (tokens, boxes, rails, ⊙ and + nodes, arrows, cursor) is an SVG that
 * changes only with the sentence, the sizes or the time cursor. A drag then redraws one bitmap and
 * costs no style or layout work. A backward layer (`reverse`) reads right to left: its highway and
 * arrows run that way.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { divergingColor } from './diverging';

export interface DiagramGate {
  name: string;
  role: 'gate' | 'candidate';
  color: string;
}

/** The state carried from token to token, per step t and unit: what enters, what ⊙ keeps, what leaves. */
export interface ChainHighway {
  prev: readonly ArrayLike<number>[];
  /** What the step keeps of `prev` before adding (f ⊙ c, z ⊙ h); absent when the state is rewritten (SimpleRNN). */
  kept?: readonly ArrayLike<number>[];
  next: readonly ArrayLike<number>[];
  /** One colour per unit. */
  colors: readonly string[];
}

export interface UnrolledDiagramProps {
  tokens: readonly string[];
  gates: readonly DiagramGate[];
  /** values[t][g][unit]: gate g's value at step t. */
  values: readonly (readonly ArrayLike<number>[])[];
  units: number;
  time: number;
  /** Width of one unrolled copy. */
  columnWidth: number;
  /** heat[t][unit]: a value in −1…1 per step and unit (h), drawn as a coloured row under each copy. */
  heat?: readonly ArrayLike<number>[];
  /** The state highway along the top; without it the chain is the copies alone. */
  highway?: ChainHighway;
  /** The layer reads the sentence from its last token: state and arrows run right to left. */
  reverse?: boolean;
  onSelectTime?: (t: number) => void;
  label: string;
}

const TOKEN_ROW = 20;
const BAND_TOP = 24;
const BAND_H = 48;
const BAND_BOTTOM = BAND_TOP + BAND_H;
const BAND_MID = BAND_TOP + BAND_H / 2;
const NODE_R = 6;
const PAD = 4;
const ROW = 12;
const GAP = 10;
const HEAT_GAP = 6;
/** Where a copy's ⊙ and + sit on the highway, as fractions of the column (reading left to right). */
const KEEP_AT = 0.3;
const ADD_AT = 0.64;

export function diagramWidth(tokens: number, columnWidth: number): number {
  return Math.max(1, tokens) * columnWidth;
}

interface Geometry {
  width: number;
  height: number;
  boxTop: number;
  boxH: number;
  heatTop: number;
}

function geometry(tokens: number, units: number, columnWidth: number, highway: boolean, heat: boolean): Geometry {
  const boxTop = highway ? BAND_BOTTOM + 16 : TOKEN_ROW;
  const boxH = units * ROW + 2 * PAD;
  const heatTop = boxTop + boxH + HEAT_GAP;
  return { width: diagramWidth(tokens, columnWidth), height: heatTop + (heat ? units * ROW : -HEAT_GAP) + 4, boxTop, boxH, heatTop };
}

/** x of a node inside column t, mirrored for a layer that reads right to left. */
const nodeX = (t: number, w: number, at: number, reverse: boolean) => t * w + w * (reverse ? 1 - at : at);

/**
 * "var(--accent)" → the colour it resolves to; canvas cannot read CSS variables itself. Reading a
 * computed style forces a style update, so colours are resolved once per theme and cached.
 */
const resolved = new Map<string, string>();
function resolveColor(el: Element, color: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!name) return color;
  const key = `${document.documentElement.dataset.theme ?? ''}|${name}`;
  let value = resolved.get(key);
  if (value === undefined) {
    value = getComputedStyle(el).getPropertyValue(name).trim() || '#888';
    resolved.set(key, value);
  }
  return value;
}

/** The largest |value| the highway carries, at least 1: its lines are drawn against ±that. */
function highwayBound(h: ChainHighway): number {
  let bound = 1;
  for (const series of [h.prev, h.kept ?? [], h.next]) {
    for (const row of series) for (let u = 0; u < row.length; u++) if (Number.isFinite(row[u])) bound = Math.max(bound, Math.abs(row[u]));
  }
  return bound;
}

function drawHighway(ctx: CanvasRenderingContext2D, canvas: HTMLCanvasElement, h: ChainHighway, units: number, w: number, reverse: boolean): void {
  const bound = highwayBound(h);
  const half = BAND_H / 2 - 3;
  const y = (v: number) => BAND_MID - (Number.isFinite(v) ? Math.max(-1, Math.min(1, v / bound)) : 0) * half;
  const steps = h.next.length;
  ctx.lineWidth = 1.5;
  ctx.lineJoin = 'round';
  for (let u = 0; u < units; u++) {
    ctx.strokeStyle = resolveColor(canvas, h.colors[u % h.colors.length]);
    ctx.beginPath();
    for (let k = 0; k < steps; k++) {
      // Token order for a forward layer; a backward one enters at the last token's right edge.
      const t = reverse ? steps - 1 - k : k;
      const enter = reverse ? (t + 1) * w : t * w;
      const leave = reverse ? t * w : (t + 1) * w;
      const prev = y(h.prev[t][u]);
      const next = y(h.next[t][u]);
      if (k === 0) ctx.moveTo(enter, prev);
      if (h.kept) {
        const keepX = nodeX(t, w, KEEP_AT, reverse);
        const addX = nodeX(t, w, ADD_AT, reverse);
        const kept = y(h.kept[t][u]);
        ctx.lineTo(keepX, prev);
        ctx.lineTo(keepX, kept);
        ctx.lineTo(addX, kept);
        ctx.lineTo(addX, next);
      } else {
        const mid = t * w + w / 2;
        ctx.lineTo(mid, prev);
        ctx.lineTo(mid, next);
      }
      ctx.lineTo(leave, next);
    }
    ctx.stroke();
  }
  // The scale of the band, which grows when a state leaves −1…1 (a counter's c reaches 40).
  ctx.fillStyle = resolveColor(canvas, 'var(--muted)');
  ctx.font = '9px system-ui, sans-serif';
  ctx.fillText(`±${Number(bound.toPrecision(2))}`, 2, BAND_TOP + 10);
}

function paint(canvas: HTMLCanvasElement, props: UnrolledDiagramProps, g: Geometry, dpr: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { values, gates, units, columnWidth: w, heat, highway, reverse = false } = props;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  if (highway) drawHighway(ctx, canvas, highway, units, w, reverse);
  if (heat) {
    for (let t = 0; t < heat.length; t++) {
      for (let u = 0; u < units; u++) {
        ctx.fillStyle = divergingColor(heat[t][u], 1);
        ctx.fillRect(t * w + GAP / 2, g.heatTop + u * ROW, w - GAP, ROW - 1);
      }
    }
  }
  const barW = (w - GAP - 2 * PAD) / gates.length;
  const h = ROW - 2;
  gates.forEach((gate, k) => {
    ctx.fillStyle = resolveColor(canvas, gate.color);
    for (let t = 0; t < values.length; t++) {
      const unitValues = values[t][k];
      const x = t * w + GAP / 2 + PAD + k * barW + 0.5;
      for (let u = 0; u < units; u++) {
        const v = Number.isFinite(unitValues[u]) ? unitValues[u] : 0;
        const rowTop = g.boxTop + PAD + u * ROW + 1;
        if (gate.role === 'gate') {
          const height = Math.min(1, Math.max(0, v)) * h;
          ctx.fillRect(x, rowTop + h - height, barW - 1, height);
        } else {
          const height = (Math.min(1, Math.abs(v)) * h) / 2;
          ctx.fillRect(x, v >= 0 ? rowTop + h / 2 - height : rowTop + h / 2, barW - 1, height);
        }
      }
    }
  });
}

interface FrameProps {
  tokens: readonly string[];
  columnWidth: number;
  g: Geometry;
  /** 'gated': ⊙ and + on the highway; 'rewrite': one node where the state is replaced; null: no highway. */
  highway: 'gated' | 'rewrite' | null;
  reverse: boolean;
}

/** Everything that stays put while weights are dragged: rebuilt only for a new sentence or size. */
const Frame = memo(function Frame({ tokens, columnWidth: w, g, highway, reverse }: FrameProps) {
  const boxW = w - GAP;
  const arrowY = g.boxTop + g.boxH / 2;
  // h passes from each copy to the next one in reading order.
  const arrows = tokens
    .slice(1)
    .map((_, k) => {
      const edge = (k + 1) * w;
      return reverse ? `M${edge + GAP / 2},${arrowY}h${-GAP}l3,-3m-3,3l3,3` : `M${edge - GAP / 2},${arrowY}h${GAP}l-3,-3m3,3l-3,3`;
    })
    .join('');
  return (
    <>
      {highway && (
        <g className="unrolled-highway">
          <rect x={0} y={BAND_TOP} width={g.width} height={BAND_H} className="unrolled-band" />
          <line x1={0} x2={g.width} y1={BAND_TOP} y2={BAND_TOP} className="unrolled-rail" />
          <line x1={0} x2={g.width} y1={BAND_BOTTOM} y2={BAND_BOTTOM} className="unrolled-rail" />
          <line x1={0} x2={g.width} y1={BAND_MID} y2={BAND_MID} className="unrolled-zero" />
        </g>
      )}
      {tokens.map((token, t) => {
        const nodes =
          highway === 'gated'
            ? [
                { x: nodeX(t, w, KEEP_AT, reverse), symbol: '⊙' },
                { x: nodeX(t, w, ADD_AT, reverse), symbol: '+' },
              ]
            : highway === 'rewrite'
              ? [{ x: t * w + w / 2, symbol: 'tanh' }]
              : [];
        return (
          <g key={t}>
            <text x={t * w + w / 2} y={14} textAnchor="middle" className="unrolled-token">
              {token.length > 6 ? `${token.slice(0, 5)}…` : token}
            </text>
            <rect x={t * w + GAP / 2} y={g.boxTop} width={boxW} height={g.boxH} rx={4} className="unrolled-box" />
            {nodes.map(({ x, symbol }) => (
              <g key={symbol} className="unrolled-node">
                <line x1={x} x2={x} y1={BAND_BOTTOM + NODE_R} y2={g.boxTop} className="unrolled-feed" />
                {symbol.length > 1 ? (
                  // The SimpleRNN's state is replaced by tanh(…) at one node.
                  <rect x={x - 12} y={BAND_BOTTOM - NODE_R} width={24} height={2 * NODE_R} rx={3} />
                ) : (
                  <circle cx={x} cy={BAND_BOTTOM} r={NODE_R} />
                )}
                <text x={x} y={BAND_BOTTOM + 3} textAnchor="middle" className={symbol.length > 1 ? 'unrolled-node-word' : undefined}>
                  {symbol}
                </text>
              </g>
            ))}
          </g>
        );
      })}
      <path d={arrows} className="unrolled-arrow" />
    </>
  );
});

/** The nearest ancestor that scrolls sideways (the strip's scroll box), if any. */
function scrollBoxOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowX;
    if (overflow === 'auto' || overflow === 'scroll') return p;
  }
  return null;
}

function UnrolledDiagramImpl(props: UnrolledDiagramProps) {
  const { tokens, units, time, columnWidth, heat, highway, reverse = false, onSelectTime, label } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const hasHighway = highway !== undefined;
  const hasHeat = heat !== undefined;
  const g = useMemo(() => geometry(tokens.length, units, columnWidth, hasHighway, hasHeat), [tokens.length, units, columnWidth, hasHighway, hasHeat]);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  // Before paint, so the lines and bars and the numbers around them always show the same step.
  useLayoutEffect(() => {
    if (canvas.current) paint(canvas.current, props, g, dpr);
  });
  // Keep the cursor's copy in view when time moves (play, keys, the scrubber) in a strip wider
  // than its box. Reading the box forces a layout, so this runs on time changes only, never on a drag.
  useEffect(() => {
    const el = wrap.current;
    const box = el && scrollBoxOf(el);
    if (!el || !box || box.scrollWidth <= box.clientWidth) return;
    const left = el.offsetLeft + time * columnWidth;
    if (left < box.scrollLeft || left + columnWidth > box.scrollLeft + box.clientWidth) {
      box.scrollLeft = Math.max(0, left - (box.clientWidth - columnWidth) / 2);
    }
  }, [time, columnWidth]);
  const kind = highway ? (highway.kept ? 'gated' : 'rewrite') : null;
  return (
    <div
      ref={wrap}
      className="unrolled-diagram-wrap"
      style={{ width: g.width, height: g.height }}
      role="img"
      aria-label={label}
      onClick={
        onSelectTime
          ? (event) => {
              const box = event.currentTarget.getBoundingClientRect();
              const t = Math.floor((event.clientX - box.left) / columnWidth);
              if (t >= 0 && t < tokens.length) onSelectTime(t);
            }
          : undefined
      }
    >
      <svg width={g.width} height={g.height} className="unrolled-diagram" aria-hidden="true">
        <rect x={time * columnWidth + 1} y={1} width={columnWidth - 2} height={g.height - 2} rx={5} className="unrolled-cursor" />
        <Frame tokens={tokens} columnWidth={columnWidth} g={g} highway={kind} reverse={reverse} />
      </svg>
      <canvas ref={canvas} width={Math.round(g.width * dpr)} height={Math.round(g.height * dpr)} style={{ width: g.width, height: g.height }} className="unrolled-bars" aria-hidden="true" />
    </div>
  );
}

export const UnrolledDiagram = memo(UnrolledDiagramImpl);
