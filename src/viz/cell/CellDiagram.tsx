/**
 * The one drawing piece behind SimpleRnnDiagram, LstmDiagram and GruDiagram: a cell laid out by
 * cellLayout(), every wire a bundle of stripes (one per unit, coloured on the book's diverging
 * scale), every gate block one bar per unit filled as far as the gate is open. The numbers are the
 * caller's (`vectors`, keyed as the layout names them); nothing here computes a value.
 *
 * Two layers, chosen by measurement (bench/dragP95.ts): the values — a few hundred stripes and
 * bars that all change on every drag — are painted on one canvas, so a drag costs one bitmap and
 * no style or layout work; the frame (blocks, operators, labels) and the parts a reader hovers,
 * focuses or drags are an SVG on top, which changes only when the walk's stage does.
 *
 * Hover or focus on a wire or block shows its exact numbers in the readout under the drawing. With
 * `onBiasChange`, each unit's bar of a gate block is a slider for that gate's bias: drag it up or
 * down, or focus it and press ↑/↓ (Shift for ten times the step).
 *
 * `mode="gradient"` draws the same cell backwards: the vectors are then gradients, a stripe's
 * width shows |value| against the largest on the drawing, its colour the sign.
 */
import { type KeyboardEvent, type PointerEvent, memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { divergingColor } from '../diverging';
import { num } from '../format';
import { type CellLayout, type CellNode, offsetPolyline, pathOf, stripeCount, unitColumn } from './layout';

/** The vectors a drawing shows, by the keys its layout uses (x, hPrev, f, kept, c, …). */
export type CellVectors = Readonly<Record<string, ArrayLike<number> | undefined>>;

export interface CellDiagramProps {
  layout: CellLayout;
  vectors: CellVectors;
  /** The drawing's accessible name (say which step it shows). */
  label: string;
  /** Id of the element that describes the drawing in words (the gate table). */
  describedBy?: string;
  /** The name a reader hears for a wire or node id, e.g. "forget gate f". */
  nameOf: (id: string) => string;
  /** Colour of each gate block, by its slot (Keras' fused order). */
  slotColors: readonly string[];
  /** Ids to stress (the current stage of a walk); the rest is dimmed. */
  highlight?: ReadonlySet<string> | null;
  /** Ids not computed yet at the current stage: drawn faintly, without values. */
  future?: ReadonlySet<string> | null;
  mode?: 'forward' | 'gradient';
  /** The fused bias row, for the handles on the gate blocks. */
  bias?: ArrayLike<number>;
  onBiasChange?: (index: number, value: number, event?: Event) => void;
  /** A bias drag ended or a key nudged one (save now). */
  onBiasCommit?: () => void;
  /** A bias drag began. */
  onBiasDragStart?: () => void;
  biasLabel?: (slot: number, unit: number) => string;
  /** Words for the readout's parts: "bias", "pre-activation". */
  words?: { bias: string; pre: string };
  biasLimit?: number;
  /** A unit to point out: its bar in every block is framed (e.g. the unit a heatmap shows). */
  markedUnit?: number;
  className?: string;
}

const STEP = 0.05;
const PER_PIXEL = 0.02;
const DIM = 0.28;
const FUTURE = 0.12;

function valuesOf(vectors: CellVectors, keys: readonly string[]): number[] {
  const out: number[] = [];
  for (const key of keys) {
    const v = vectors[key];
    if (v) for (let i = 0; i < v.length; i++) out.push(v[i]);
  }
  return out;
}

const list = (values: ArrayLike<number>) => Array.from(values, (v) => num(v, 4)).join(', ');

type Look = 'future' | 'lit' | 'dim' | 'plain';

function lookOf(id: string, highlight: ReadonlySet<string> | null | undefined, future: ReadonlySet<string> | null | undefined): Look {
  if (future?.has(id)) return 'future';
  if (highlight && highlight.size > 0) return highlight.has(id) ? 'lit' : 'dim';
  return 'plain';
}

const lookClass = (look: Look) => (look === 'plain' ? '' : ` cell-${look}`);
const alphaOf = (look: Look) => (look === 'future' ? FUTURE : look === 'dim' ? DIM : 1);

/**
 * CSS colours for the canvas, which cannot read custom properties itself. Read once per theme:
 * getComputedStyle forces a style update, which must not happen on every drag.
 */
function resolveColors(el: Element, colors: readonly string[]): Map<string, string> {
  const style = getComputedStyle(el);
  return new Map(
    colors.map((color) => {
      const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
      return [color, name ? style.getPropertyValue(name).trim() || '#888' : color];
    }),
  );
}

/** Bumps when the page's theme changes, so colours resolved for the canvas are read again. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    return () => observer.disconnect();
  }, []);
  return version;
}

interface Paint {
  layout: CellLayout;
  vectors: CellVectors;
  wireValues: number[][];
  highlight?: ReadonlySet<string> | null;
  future?: ReadonlySet<string> | null;
  mode: 'forward' | 'gradient';
  scale: number;
  colors: Map<string, string>;
  slotColors: readonly string[];
  markedUnit?: number;
}

/** Stripe offset paths per wire, computed once per layout. */
function stripeGeometry(layout: CellLayout): Map<string, [number, number][][]> {
  return new Map(
    layout.wires.map((w) => {
      const n = stripeCount(layout, w);
      return [w.id, Array.from({ length: n }, (_, k) => offsetPolyline(w.points, ((n - 1) / 2 - k) * layout.stripe))];
    }),
  );
}

function strokePolyline(ctx: CanvasRenderingContext2D, points: readonly (readonly [number, number])[]) {
  ctx.beginPath();
  points.forEach(([x, y], k) => (k ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
  ctx.stroke();
}

function paint(ctx: CanvasRenderingContext2D, p: Paint, stripes: Map<string, [number, number][][]>) {
  const { layout, vectors, wireValues, highlight, future, mode, scale, colors, slotColors, markedUnit } = p;
  ctx.lineJoin = 'miter';
  ctx.lineCap = 'butt';
  const casing = colors.get('var(--muted)')!;
  const grid = colors.get('var(--grid)')!;
  layout.wires.forEach((wire, w) => {
    const look = lookOf(wire.id, highlight, future);
    const paths = stripes.get(wire.id)!;
    ctx.globalAlpha = alphaOf(look) * 0.55;
    ctx.strokeStyle = casing;
    ctx.lineWidth = paths.length * layout.stripe + 2;
    strokePolyline(ctx, wire.points);
    ctx.globalAlpha = alphaOf(look);
    const values = wireValues[w];
    paths.forEach((points, k) => {
      const v = values[k] ?? 0;
      ctx.strokeStyle = look === 'future' ? grid : divergingColor(v, mode === 'gradient' ? scale : 1);
      ctx.lineWidth = mode === 'gradient' ? layout.stripe * (0.15 + 0.85 * Math.min(1, Math.abs(v) / scale)) : layout.stripe;
      strokePolyline(ctx, points);
    });
  });
  const surface = colors.get('var(--surface)')!;
  for (const node of layout.nodes) {
    if (node.role !== 'gate' && node.role !== 'candidate') continue;
    const look = lookOf(node.id, highlight, future);
    ctx.globalAlpha = 1;
    ctx.fillStyle = surface;
    ctx.fillRect(node.x - node.w / 2, node.y - node.h / 2, node.w, node.h);
    if (look === 'future') continue;
    ctx.globalAlpha = alphaOf(look);
    const values = vectors[node.value!];
    const color = colors.get(slotColors[node.slot ?? 0] ?? 'var(--accent)') ?? '#888';
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
      ctx.fillRect(col.x + 0.5, y, Math.max(0.5, col.w - 1), h);
    }
    if (markedUnit !== undefined && markedUnit >= 0 && markedUnit < layout.units) {
      const col = unitColumn(node, layout.units, markedUnit);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = colors.get('var(--fg)')!;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(col.x, col.y - 1, col.w, col.h + 2);
    }
  }
  ctx.globalAlpha = 1;
}

function CellDiagramImpl(props: CellDiagramProps) {
  const { layout, vectors, label, describedBy, nameOf, slotColors, highlight, future, mode = 'forward', bias, onBiasChange, biasLabel, words, markedUnit, className } = props;
  const [shown, setShown] = useState<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useRef({ width: 0, dpr: 1 });
  const colors = useRef<Map<string, string> | null>(null);
  const theme = useThemeVersion();

  const stripes = useMemo(() => stripeGeometry(layout), [layout]);
  const centres = useMemo(() => new Map(layout.wires.map((w) => [w.id, pathOf(w.points)])), [layout]);
  const wireValues = useMemo(() => layout.wires.map((w) => valuesOf(vectors, w.values)), [layout, vectors]);
  // Gradient mode scales widths to the largest magnitude on the drawing, so the picture shows
  // where the gradient is strong relative to the rest of this step.
  const scale = useMemo(() => {
    if (mode !== 'gradient') return 1;
    let m = 0;
    for (const values of wireValues) for (const v of values) m = Math.max(m, Math.abs(v));
    for (const n of layout.nodes) {
      const v = n.value ? vectors[n.value] : undefined;
      if (v) for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
    }
    return m > 0 ? m : 1;
  }, [mode, wireValues, vectors, layout]);

  const draw = useRef<() => void>(() => {});
  draw.current = () => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || size.current.width === 0) return;
    colors.current ??= resolveColors(el, ['var(--muted)', 'var(--grid)', 'var(--surface)', 'var(--accent)', 'var(--fg)', ...slotColors]);
    const { width, dpr } = size.current;
    const k = (width * dpr) / layout.width;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, el.width, el.height);
    ctx.setTransform(k, 0, 0, k, 0, 0);
    paint(ctx, { layout, vectors, wireValues, highlight, future, mode, scale, colors: colors.current, slotColors, markedUnit }, stripes);
  };

  // Resize the bitmap only when the box changes size, never on a drag (reading the box then
  // would force a layout in the middle of the frame).
  useEffect(() => {
    const el = canvas.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry.contentRect.width;
      const dpr = window.devicePixelRatio || 1;
      if (width === size.current.width && dpr === size.current.dpr) return;
      size.current = { width, dpr };
      el.width = Math.round(width * dpr);
      el.height = Math.round(((width * layout.height) / layout.width) * dpr);
      draw.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [layout]);

  useEffect(() => {
    colors.current = null;
  }, [theme, slotColors]);

  // Before paint, so the bars and the numbers around them always show the same step.
  useLayoutEffect(() => draw.current());

  const onShow = useMemo(() => (id: string | null) => setShown(id), []);
  const editable = mode === 'forward' && onBiasChange !== undefined && bias !== undefined;

  const onBiasStart = useMemo(
    () => (event: PointerEvent<SVGRectElement>, index: number) => {
      if (event.button !== 0) return;
      const target = event.currentTarget;
      const start = Number(latest.current.bias?.[index] ?? 0);
      const y0 = event.clientY;
      const limit = latest.current.biasLimit ?? 10;
      target.setPointerCapture?.(event.pointerId);
      latest.current.onBiasDragStart?.();
      target.focus({ preventScroll: true });
      event.preventDefault();
      const move = (e: globalThis.PointerEvent) => {
        const next = Math.max(-limit, Math.min(limit, start - (e.clientY - y0) * PER_PIXEL));
        latest.current.onBiasChange?.(index, Number(next.toFixed(6)), e);
      };
      const end = () => {
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', end);
        target.removeEventListener('pointercancel', end);
        latest.current.onBiasCommit?.();
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', end);
      target.addEventListener('pointercancel', end);
    },
    [],
  );
  const onBiasKey = useMemo(
    () => (event: KeyboardEvent<SVGRectElement>, index: number) => {
      const direction = ({ ArrowUp: 1, ArrowDown: -1, PageUp: 10, PageDown: -10 } as Record<string, number>)[event.key];
      if (!direction) return;
      // These keys belong to the handle; the explorer around it must not also move its time cursor.
      event.preventDefault();
      event.stopPropagation();
      const { bias: b, biasLimit = 10, onBiasChange: change, onBiasCommit } = latest.current;
      const value = Number(b?.[index] ?? 0) + direction * STEP * (event.shiftKey ? 10 : 1);
      change?.(index, Math.max(-biasLimit, Math.min(biasLimit, Number(value.toFixed(6)))), event.nativeEvent);
      onBiasCommit?.();
    },
    [],
  );

  const readout = (() => {
    if (!shown) return null;
    const w = layout.wires.findIndex((wire) => wire.id === shown);
    if (w >= 0) return `${nameOf(shown)} = [${list(wireValues[w])}]`;
    const node = layout.nodes.find((n) => n.id === shown);
    if (!node?.value) return null;
    const parts = [`${nameOf(node.id)} = [${list(vectors[node.value] ?? [])}]`];
    if (node.pre && vectors[node.pre]) parts.push(`${words?.pre ?? 'pre'} [${list(vectors[node.pre]!)}]`);
    if (bias && node.slot !== undefined) parts.push(`${words?.bias ?? 'b'} [${list(Array.from({ length: layout.units }, (_, u) => bias[node.slot! * layout.units + u]))}]`);
    return parts.join(' · ');
  })();

  return (
    <div className={`cell-diagram${className ? ` ${className}` : ''}`} data-cell-diagram={layout.kind} data-reset-after={layout.resetAfter ? 'true' : undefined} data-mode={mode}>
      <div className="cell-diagram-stack" style={{ aspectRatio: `${layout.width} / ${layout.height}` }}>
        <canvas ref={canvas} className="cell-diagram-canvas" aria-hidden="true" />
        <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={label} aria-describedby={describedBy} className="cell-diagram-svg">
          {layout.wires.map((wire, w) => (
            <WireHit
              key={wire.id}
              id={wire.id}
              d={centres.get(wire.id)!}
              width={stripes.get(wire.id)!.length * layout.stripe + 6}
              values={wireValues[w]}
              look={lookOf(wire.id, highlight, future)}
              name={nameOf(wire.id)}
              onShow={onShow}
            />
          ))}
          {layout.nodes.map((node) =>
            node.role === 'gate' || node.role === 'candidate' ? (
              <Block
                key={node.id}
                node={node}
                units={layout.units}
                values={vectors[node.value!]}
                bias={bias}
                look={lookOf(node.id, highlight, future)}
                name={nameOf(node.id)}
                editable={editable}
                biasLabel={biasLabel}
                onShow={onShow}
                onBiasStart={onBiasStart}
                onBiasKey={onBiasKey}
              />
            ) : (
              <OpNode key={node.id} node={node} look={lookOf(node.id, highlight, future)} />
            ),
          )}
        </svg>
      </div>
      <p className="cell-readout" aria-live="polite">
        {readout ?? '\u00a0'}
      </p>
    </div>
  );
}

interface WireHitProps {
  id: string;
  d: string;
  width: number;
  values: number[];
  look: Look;
  name: string;
  onShow: (id: string | null) => void;
}

/** A wire as the reader reaches it: an invisible wide line to hover, focus ring on focus. */
const WireHit = memo(function WireHit({ id, d, width, values, look, name, onShow }: WireHitProps) {
  return (
    <g
      className={`cell-wire${lookClass(look)}`}
      data-wire={id}
      data-values={values.join(',')}
      tabIndex={0}
      role="img"
      aria-label={name}
      onPointerEnter={() => onShow(id)}
      onPointerLeave={() => onShow(null)}
      onFocus={() => onShow(id)}
      onBlur={() => onShow(null)}
    >
      <path d={d} className="cell-wire-hit" style={{ strokeWidth: width }} />
    </g>
  );
});

interface BlockProps {
  node: CellNode;
  units: number;
  values: ArrayLike<number> | undefined;
  bias: ArrayLike<number> | undefined;
  look: Look;
  name: string;
  editable: boolean;
  biasLabel?: (slot: number, unit: number) => string;
  onShow: (id: string | null) => void;
  onBiasStart: (event: PointerEvent<SVGRectElement>, index: number) => void;
  onBiasKey: (event: KeyboardEvent<SVGRectElement>, index: number) => void;
}

/**
 * A gate block's frame, labels and bias handles; its bars are on the canvas below. A block that
 * cannot be dragged takes the focus itself, so its exact numbers reach keyboard readers as they
 * reach the pointer (an editable one's handles take the focus instead).
 */
const Block = memo(function Block({ node, units, values, bias, look, name, editable, biasLabel, onShow, onBiasStart, onBiasKey }: BlockProps) {
  const left = node.x - node.w / 2;
  const top = node.y - node.h / 2;
  const slot = node.slot ?? 0;
  const focusable = editable ? {} : { tabIndex: 0, role: 'img', 'aria-label': name, onFocus: () => onShow(node.id), onBlur: () => onShow(null) };
  return (
    <g
      className={`cell-block cell-block-${node.role}${lookClass(look)}`}
      data-node={node.id}
      data-values={values ? Array.from(values).join(',') : ''}
      onPointerEnter={() => onShow(node.id)}
      onPointerLeave={() => onShow(null)}
      {...focusable}
    >
      <rect x={left} y={top} width={node.w} height={node.h} rx={5} className="cell-block-frame" />
      <text x={left + 5} y={top + 12} className="cell-block-symbol">
        {node.symbol}
      </text>
      <text x={left + node.w - 5} y={top + 12} textAnchor="end" className="cell-block-name">
        {name.split(' ').pop()}
      </text>
      {Array.from({ length: units }, (_, u) => {
        const col = unitColumn(node, units, u);
        const index = slot * units + u;
        const b = bias ? bias[index] : undefined;
        return editable && b !== undefined ? (
          <rect
            key={u}
            x={col.x}
            y={col.y}
            width={col.w}
            height={col.h}
            className="cell-bias-handle"
            role="slider"
            tabIndex={0}
            aria-label={biasLabel?.(slot, u) ?? `${name} ${u}`}
            aria-valuenow={Number(b.toFixed(4))}
            aria-valuemin={-10}
            aria-valuemax={10}
            aria-valuetext={num(b, 3)}
            data-bias-index={index}
            onPointerDown={(event) => onBiasStart(event, index)}
            onKeyDown={(event) => onBiasKey(event, index)}
            onFocus={() => onShow(node.id)}
            onBlur={() => onShow(null)}
          />
        ) : (
          <rect key={u} x={col.x} y={col.y} width={col.w} height={col.h} className="cell-bar-frame" />
        );
      })}
    </g>
  );
});

function OpNode({ node, look }: { node: CellNode; look: Look }) {
  if (node.role === 'port') {
    return (
      <g className={`cell-port${lookClass(look)}`} data-node={node.id}>
        <text x={node.x} y={node.y + 4} textAnchor="middle" className="cell-port-label">
          {node.symbol}
        </text>
      </g>
    );
  }
  const round = node.role === 'op';
  return (
    <g className={`cell-op${lookClass(look)}`} data-node={node.id}>
      {round ? (
        <circle cx={node.x} cy={node.y} r={node.w / 2} className="cell-op-frame" />
      ) : (
        <rect x={node.x - node.w / 2} y={node.y - node.h / 2} width={node.w} height={node.h} rx={4} className="cell-op-frame" />
      )}
      <text x={node.x} y={node.y + 4} textAnchor="middle" className={node.symbol.length > 2 ? 'cell-op-symbol cell-op-symbol-small' : 'cell-op-symbol'}>
        {node.symbol}
      </text>
    </g>
  );
}

export const CellDiagram = memo(CellDiagramImpl);
