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
 * one canvas (src/viz/chainPaint.ts, in the painting worker where the browser can hand it one:
 * src/viz/canvasPainter.ts); the frame (tokens, boxes, rails, ⊙ and + nodes, arrows, cursor) is an
 * SVG that changes only with the sentence, the sizes or the time cursor. A drag then costs the page
 * no style, layout or raster work for the chain. A backward layer (`reverse`) reads right to left: its highway and
 * arrows run that way.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useCanvasPainter } from './canvasPainter';
import { cssColor, useThemeVersion } from './canvasColors';
import { type LiveValue, sameInputs } from './liveValue';
import {
  ADD_AT,
  BAND_BOTTOM,
  BAND_H,
  BAND_MID,
  BAND_TOP,
  type ChainGeometry,
  type ChainScene,
  type ChainSpan,
  GAP,
  KEEP_AT,
  NODE_R,
  chainGeometry,
  chainSpan,
  nodeX,
} from './chainPaint';

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
  /**
   * What the canvas paints, when it changes faster than these props: then `values`, `heat` and
   * `highway` are read from here (the props still size the frame), and a change repaints without
   * a render (./liveValue.ts).
   */
  live?: LiveValue<ChainData>;
}

/** The parts of the chain a weight drag changes. */
export type ChainData = Pick<UnrolledDiagramProps, 'values' | 'heat' | 'highway'>;

/** values[t][k][u] (and t → u for the rest), packed flat for the painter. */
function flat(rows: readonly (readonly ArrayLike<number>[])[], width: number, units: number): Float32Array {
  const out = new Float32Array(rows.length * width * units);
  rows.forEach((row, t) => row.forEach((v, k) => out.set(v, (t * width + k) * units)));
  return out;
}
const flatSeries = (series: readonly ArrayLike<number>[], units: number) => flat(series.map((v) => [v]), 1, units);

function sceneOf(el: Element, props: UnrolledDiagramProps, data: ChainData, g: ChainGeometry, dpr: number, span: ChainSpan): ChainScene {
  const { gates, units, columnWidth, reverse = false } = props;
  const { values, heat, highway } = data;
  return {
    width: Math.round((span.last - span.first + 1) * columnWidth * dpr),
    height: Math.round(g.height * dpr),
    dpr,
    geometry: g,
    steps: values.length,
    units,
    columnWidth,
    gates: gates.map((gate) => ({ role: gate.role, color: cssColor(el, gate.color) })),
    values: flat(values, gates.length, units),
    heat: heat && flatSeries(heat, units),
    highway: highway && {
      prev: flatSeries(highway.prev, units),
      kept: highway.kept && flatSeries(highway.kept, units),
      next: flatSeries(highway.next, units),
      colors: highway.colors.map((c) => cssColor(el, c)),
    },
    reverse,
    muted: cssColor(el, 'var(--muted)'),
    span,
  };
}

interface FrameProps {
  tokens: readonly string[];
  columnWidth: number;
  g: ChainGeometry;
  /** 'gated': ⊙ and + on the highway; 'rewrite': one node where the state is replaced; null: no highway. */
  highway: 'gated' | 'rewrite' | null;
  reverse: boolean;
}

/** SVG path data for a rectangle with rounded corners, so many of them can be one path. */
function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  return `M${x + r},${y}h${w - 2 * r}a${r},${r} 0 0 1 ${r},${r}v${h - 2 * r}a${r},${r} 0 0 1 ${-r},${r}h${2 * r - w}a${r},${r} 0 0 1 ${-r},${-r}v${2 * r - h}a${r},${r} 0 0 1 ${r},${-r}z`;
}
const circle = (cx: number, cy: number, r: number) => `M${cx - r},${cy}a${r},${r} 0 1 0 ${2 * r},0a${r},${r} 0 1 0 ${-2 * r},0z`;

/**
 * Everything that stays put while weights are dragged: rebuilt only for a new sentence or size.
 * Shapes of one kind are one path each (every copy's box, every feed, every node), not one element
 * per token: Chromium re-records the page's display list on every drag frame, at a cost per item.
 */
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
  const nodes = tokens.flatMap((_, t) =>
    highway === 'gated'
      ? [
          { x: nodeX(t, w, KEEP_AT, reverse), symbol: '⊙' },
          { x: nodeX(t, w, ADD_AT, reverse), symbol: '+' },
        ]
      : highway === 'rewrite'
        ? [{ x: t * w + w / 2, symbol: 'tanh' }]
        : [],
  );
  const boxes = tokens.map((_, t) => roundedRect(t * w + GAP / 2, g.boxTop, boxW, g.boxH, 4)).join('');
  const feeds = nodes.map(({ x }) => `M${x},${BAND_BOTTOM + NODE_R}V${g.boxTop}`).join('');
  // The SimpleRNN's state is replaced by tanh(…) at one node, drawn as a small box.
  const shapes = nodes.map(({ x, symbol }) => (symbol.length > 1 ? roundedRect(x - 12, BAND_BOTTOM - NODE_R, 24, 2 * NODE_R, 3) : circle(x, BAND_BOTTOM, NODE_R))).join('');
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
      {tokens.map((token, t) => (
        <text key={t} x={t * w + w / 2} y={14} textAnchor="middle" className="unrolled-token">
          {token.length > 6 ? `${token.slice(0, 5)}…` : token}
        </text>
      ))}
      <path d={boxes} className="unrolled-box" />
      {nodes.length > 0 && (
        <g className="unrolled-node">
          <path d={feeds} className="unrolled-feed" />
          <path d={shapes} className="unrolled-node-shape" />
          {nodes.map(({ x, symbol }, k) => (
            <text key={k} x={x} y={BAND_BOTTOM + 3} textAnchor="middle" className={symbol.length > 1 ? 'unrolled-node-word' : undefined}>
              {symbol}
            </text>
          ))}
        </g>
      )}
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
  const { tokens, units, time, columnWidth, heat, highway, reverse = false, onSelectTime, label, live } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const painter = useCanvasPainter('chain');
  // A new theme re-renders the chain, and with it repaints the canvas in the theme's colours.
  const theme = useThemeVersion();
  const hasHighway = highway !== undefined;
  const hasHeat = heat !== undefined;
  const g = useMemo(() => chainGeometry(tokens.length, units, columnWidth, hasHighway, hasHeat), [tokens.length, units, columnWidth, hasHighway, hasHeat]);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  // The part of a wide strip its scroll box shows (null: all of it), and so the tokens painted.
  // Read when the box scrolls or resizes, at most once a frame, never during a drag: reading it
  // then would force a layout.
  const [view, setView] = useState<{ from: number; to: number } | null>(null);
  const span = useMemo(() => chainSpan(tokens.length, columnWidth, view), [tokens.length, columnWidth, view]);
  const repaint = useRef(() => {});
  // What the last scene was made of: a render that changed none of it (or a live change already
  // painted) sends the worker nothing.
  const painted = useRef<unknown[] | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const canvasRef = useCallback(
    (el: HTMLCanvasElement | null) => {
      canvas.current = el;
      return painter.ref(el);
    },
    [painter],
  );
  const paintedSpan = useRef<ChainSpan | null>(null);
  repaint.current = () => {
    if (!wrap.current) return;
    const data = live ? live.get() : props;
    const inputs = [data.values, data.heat, data.highway, props.gates, units, columnWidth, reverse, g, dpr, span, theme];
    if (sameInputs(painted.current, inputs)) return;
    painted.current = inputs;
    const scene = sceneOf(wrap.current, props, data, g, dpr, span);
    const el = canvas.current;
    const moved = paintedSpan.current !== null && paintedSpan.current !== span;
    paintedSpan.current = span;
    if (!moved || !el) {
      painter.paint(scene);
      return;
    }
    // The canvas has moved to its new span already, its old drawing not yet: rather than show that
    // drawing columns off for a frame, show nothing until the new one is there.
    el.style.visibility = 'hidden';
    painter.paint(scene, () => {
      if (paintedSpan.current === span) el.style.visibility = '';
    });
  };
  // Before paint, so the lines and bars and the numbers around them always show the same step.
  useLayoutEffect(() => repaint.current());
  useEffect(() => live?.subscribe(() => repaint.current()), [live]);
  useEffect(() => {
    const el = wrap.current;
    const box = el && scrollBoxOf(el);
    if (!el || !box) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const from = box.getBoundingClientRect().left - el.getBoundingClientRect().left;
      const next = { from, to: from + box.clientWidth };
      // A scroll within the painted tokens changes nothing here: no render, no scene.
      const span = chainSpan(tokens.length, columnWidth, next);
      setView((seen) => {
        const was = seen && chainSpan(tokens.length, columnWidth, seen);
        return was?.first === span.first && was.last === span.last ? seen : next;
      });
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(read);
    };
    schedule();
    box.addEventListener('scroll', schedule, { passive: true });
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(schedule);
    resized?.observe(box);
    return () => {
      box.removeEventListener('scroll', schedule);
      resized?.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [g]);
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
      <canvas
        ref={canvasRef}
        style={{ left: span.first * columnWidth, width: (span.last - span.first + 1) * columnWidth, height: g.height }}
        className="unrolled-bars"
        aria-hidden="true"
      />
    </div>
  );
}

export const UnrolledDiagram = memo(UnrolledDiagramImpl);
