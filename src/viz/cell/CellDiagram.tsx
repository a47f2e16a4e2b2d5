/**
 * The one drawing piece behind SimpleRnnDiagram, LstmDiagram and GruDiagram: a cell laid out by
 * cellLayout(), every wire a bundle of stripes (one per unit, coloured on the book's diverging
 * scale), every gate block one bar per unit filled as far as the gate is open. The numbers are the
 * caller's (`vectors`, keyed as the layout names them); nothing here computes a value.
 *
 * Two layers, chosen by measurement (bench/dragP95.ts): the values — a few hundred stripes and
 * bars that all change on every drag — are painted on one canvas (./cellPaint.ts, in the painting
 * worker where the browser can hand it one: ../canvasPainter.ts), so a drag costs the page no
 * style, layout or raster work for them; the frame (blocks, operators, labels) and the parts a
 * reader hovers, focuses or drags are an SVG on top, which changes only when the walk's stage does.
 *
 * Hover or focus on a wire or block shows its exact numbers in the readout under the drawing. With
 * `onBiasChange`, each unit's bar of a gate block is a slider for that gate's bias: drag it up or
 * down, or focus it and press ↑/↓ (Shift for ten times the step).
 *
 * `mode="gradient"` draws the same cell backwards: the vectors are then gradients, a stripe's
 * width shows |value| against the largest on the drawing, its colour the sign.
 */
import { type KeyboardEvent, type PointerEvent, memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useCanvasPainter } from '../canvasPainter';
import { type LiveValue, sameInputs } from '../liveValue';
import { cssColor, useThemeVersion } from '../canvasColors';
import { num } from '../format';
import { type CellScene, type CellVectors, type Look, lookOf, packVectors, valuesOf } from './cellPaint';
import { type CellLayout, type CellNode, pathOf, stripeCount, unitColumn } from './layout';

export type { CellVectors } from './cellPaint';

export interface CellDiagramProps {
  layout: CellLayout;
  vectors: CellVectors;
  /**
   * The vectors the canvas paints, when they change faster than these props (a weight drag): read
   * from here instead of `vectors`, repainted on every change without a render. The DOM (readout)
   * keeps showing `vectors`.
   */
  liveVectors?: LiveValue<CellVectors>;
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

const list = (values: ArrayLike<number>) => Array.from(values, (v) => num(v, 4)).join(', ');

const lookClass = (look: Look) => (look === 'plain' ? '' : ` cell-${look}`);

/**
 * Each wire and block carries the numbers it is painted with in data-values, for tests and tools
 * that read the drawing. Written with the paint rather than rendered, so a drag re-renders none of
 * the SVG groups. The elements and the vectors each one shows are looked up once per layout.
 */
interface ValueSlot {
  el: Element;
  keys: readonly string[];
  text: string | null;
}

function valueSlots(root: SVGSVGElement, layout: CellLayout): ValueSlot[] {
  const slots: ValueSlot[] = [];
  for (const el of root.querySelectorAll('[data-wire], [data-node]')) {
    const wireId = el.getAttribute('data-wire');
    if (wireId !== null) {
      const wire = layout.wires.find((w) => w.id === wireId);
      if (wire) slots.push({ el, keys: wire.values, text: null });
    } else {
      const node = layout.nodes.find((n) => n.id === el.getAttribute('data-node'));
      if (node && (node.role === 'gate' || node.role === 'candidate')) slots.push({ el, keys: [node.value!], text: null });
    }
  }
  return slots;
}

function writeValues(slots: readonly ValueSlot[], vectors: CellVectors): void {
  for (const slot of slots) {
    const text = valuesOf(vectors, slot.keys).join(',');
    if (text !== slot.text) slot.el.setAttribute('data-values', text);
    slot.text = text;
  }
}

function CellDiagramImpl(props: CellDiagramProps) {
  const { layout, vectors, liveVectors, label, describedBy, nameOf, slotColors, highlight, future, mode = 'forward', bias, onBiasChange, biasLabel, words, markedUnit, className } = props;
  const [shown, setShown] = useState<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const painter = useCanvasPainter('cell');
  const stack = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const size = useRef({ width: 0, dpr: 1 });
  // A new theme re-renders the drawing, and with it repaints the canvas in the theme's colours.
  const theme = useThemeVersion();

  const centres = useMemo(() => new Map(layout.wires.map((w) => [w.id, pathOf(w.points)])), [layout]);
  const wireValues = useMemo(() => layout.wires.map((w) => valuesOf(vectors, w.values)), [layout, vectors]);

  const draw = useRef<() => void>(() => {});
  // What the last scene was made of: a render that changed none of it (or a live change already
  // painted) sends the worker nothing.
  const painted = useRef<unknown[] | null>(null);
  const written = useRef<{ root: SVGSVGElement; layout: CellLayout; slots: ValueSlot[]; vectors: CellVectors | null } | null>(null);
  draw.current = () => {
    const shownVectors = liveVectors ? liveVectors.get() : vectors;
    const root = svg.current;
    if (root) {
      let w = written.current;
      if (!w || w.root !== root || w.layout !== layout || w.slots.some((slot) => !slot.el.isConnected)) {
        w = written.current = { root, layout, slots: valueSlots(root, layout), vectors: null };
      }
      if (w.vectors !== shownVectors) writeValues(w.slots, shownVectors);
      w.vectors = shownVectors;
    }
    const el = stack.current;
    if (!el || size.current.width === 0) return;
    const inputs = [layout, shownVectors, highlight, future, mode, slotColors, markedUnit, size.current, theme];
    if (sameInputs(painted.current, inputs)) return;
    painted.current = inputs;
    const c = (color: string) => cssColor(el, color);
    const { width, dpr } = size.current;
    const scene: CellScene = {
      width: Math.round(width * dpr),
      height: Math.round(((width * layout.height) / layout.width) * dpr),
      zoom: (width * dpr) / layout.width,
      shape: { kind: layout.kind, units: layout.units, inputDim: layout.inputDim, resetAfter: layout.resetAfter },
      vectors: packVectors(shownVectors),
      highlight: highlight ? [...highlight] : null,
      future: future ? [...future] : null,
      mode,
      colors: { casing: c('var(--muted)'), faint: c('var(--grid)'), surface: c('var(--surface)'), frame: c('var(--fg)') },
      slotColors: slotColors.map(c),
      markedUnit,
    };
    painter.paint(scene);
  };

  // The bitmap follows the box's size, read by a ResizeObserver and never on a drag (reading the
  // box then would force a layout in the middle of the frame).
  useEffect(() => {
    const el = stack.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const width = entry.contentRect.width;
      const dpr = window.devicePixelRatio || 1;
      if (width === size.current.width && dpr === size.current.dpr) return;
      size.current = { width, dpr };
      draw.current();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [layout]);

  // Before paint, so the bars and the numbers around them always show the same step.
  useLayoutEffect(() => draw.current());
  useEffect(() => liveVectors?.subscribe(() => draw.current()), [liveVectors]);

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
      <div ref={stack} className="cell-diagram-stack" style={{ aspectRatio: `${layout.width} / ${layout.height}` }}>
        <canvas ref={painter.ref} className="cell-diagram-canvas" aria-hidden="true" />
        <svg ref={svg} viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={label} aria-describedby={describedBy} className="cell-diagram-svg">
          {layout.wires.map((wire) => (
            <WireHit
              key={wire.id}
              id={wire.id}
              d={centres.get(wire.id)!}
              width={stripeCount(layout, wire) * layout.stripe + 6}
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
  look: Look;
  name: string;
  onShow: (id: string | null) => void;
}

/** A wire as the reader reaches it: an invisible wide line to hover, focus ring on focus. */
const WireHit = memo(function WireHit({ id, d, width, look, name, onShow }: WireHitProps) {
  return (
    <g
      className={`cell-wire${lookClass(look)}`}
      data-wire={id}
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
const Block = memo(function Block({ node, units, bias, look, name, editable, biasLabel, onShow, onBiasStart, onBiasKey }: BlockProps) {
  const left = node.x - node.w / 2;
  const top = node.y - node.h / 2;
  const slot = node.slot ?? 0;
  const focusable = editable ? {} : { tabIndex: 0, role: 'img', 'aria-label': name, onFocus: () => onShow(node.id), onBlur: () => onShow(null) };
  return (
    <g
      className={`cell-block cell-block-${node.role}${lookClass(look)}`}
      data-node={node.id}
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
