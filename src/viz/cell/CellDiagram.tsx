/**
 * The one drawing piece behind SimpleRnnDiagram, LstmDiagram and GruDiagram: a cell laid out by
 * cellLayout(), every wire a bundle of stripes (one per unit, coloured on the book's diverging
 * scale), every gate block one bar per unit filled as far as the gate is open. The numbers are the
 * caller's (`vectors`, keyed as the layout names them); nothing here computes a value.
 *
 * Hover or focus on a wire or block shows its exact numbers in the readout under the drawing. With
 * `onBiasChange`, each unit's bar of a gate block is a slider for that gate's bias: drag it up or
 * down, or focus it and press ↑/↓ (Shift for ten times the step).
 *
 * `mode="gradient"` draws the same cell backwards: the vectors are then gradients, a stripe's
 * width shows |value| against the largest on the drawing, its colour the sign.
 */
import { type KeyboardEvent, type PointerEvent, memo, useMemo, useRef, useState } from 'react';
import { divergingColor } from '../diverging';
import { num } from '../format';
import { type CellLayout, type CellNode, type CellWire, stripePaths, unitColumn } from './layout';

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
  biasLabel?: (slot: number, unit: number) => string;
  /** Words for the readout's parts: "bias", "pre-activation". */
  words?: { bias: string; pre: string };
  biasLimit?: number;
  className?: string;
}

const STEP = 0.05;
const PER_PIXEL = 0.02;

function valuesOf(vectors: CellVectors, keys: readonly string[]): number[] {
  const out: number[] = [];
  for (const key of keys) {
    const v = vectors[key];
    if (v) for (let i = 0; i < v.length; i++) out.push(v[i]);
  }
  return out;
}

const list = (values: ArrayLike<number>) => Array.from(values, (v) => num(v, 4)).join(', ');

function stateClass(id: string, highlight: ReadonlySet<string> | null | undefined, future: ReadonlySet<string> | null | undefined): string {
  if (future?.has(id)) return ' cell-future';
  if (highlight && highlight.size > 0) return highlight.has(id) ? ' cell-lit' : ' cell-dim';
  return '';
}

interface WireProps {
  wire: CellWire;
  paths: string[];
  values: number[];
  stripe: number;
  mode: 'forward' | 'gradient';
  scale: number;
  state: string;
  name: string;
  onShow: (id: string | null) => void;
}

const Wire = memo(function Wire({ wire, paths, values, stripe, mode, scale, state, name, onShow }: WireProps) {
  const text = `${name}: ${list(values)}`;
  return (
    <g
      className={`cell-wire${state}`}
      data-wire={wire.id}
      data-values={values.join(',')}
      tabIndex={0}
      role="img"
      aria-label={text}
      onPointerEnter={() => onShow(wire.id)}
      onPointerLeave={() => onShow(null)}
      onFocus={() => onShow(wire.id)}
      onBlur={() => onShow(null)}
    >
      <title>{text}</title>
      <path d={paths[(paths.length - 1) >> 1]} className="cell-wire-casing" style={{ strokeWidth: paths.length * stripe + 2 }} />
      {paths.map((d, k) => {
        const v = values[k] ?? 0;
        const width = mode === 'gradient' ? stripe * (0.15 + 0.85 * Math.min(1, Math.abs(v) / scale)) : stripe;
        return <path key={k} d={d} className="cell-stripe" style={{ stroke: divergingColor(v, mode === 'gradient' ? scale : 1), strokeWidth: width }} />;
      })}
    </g>
  );
});

interface BlockProps {
  node: CellNode;
  units: number;
  values: ArrayLike<number> | undefined;
  pre: ArrayLike<number> | undefined;
  bias: ArrayLike<number> | undefined;
  color: string;
  state: string;
  name: string;
  mode: 'forward' | 'gradient';
  scale: number;
  editable: boolean;
  biasLabel?: (slot: number, unit: number) => string;
  onShow: (id: string | null) => void;
  onBiasStart: (event: PointerEvent<SVGRectElement>, index: number) => void;
  onBiasKey: (event: KeyboardEvent<SVGRectElement>, index: number) => void;
}

const Block = memo(function Block({ node, units, values, pre, bias, color, state, name, mode, scale, editable, biasLabel, onShow, onBiasStart, onBiasKey }: BlockProps) {
  const left = node.x - node.w / 2;
  const top = node.y - node.h / 2;
  const slot = node.slot ?? 0;
  const shown = values ? Array.from(values) : [];
  return (
    <g
      className={`cell-block cell-block-${node.role}${state}`}
      data-node={node.id}
      data-values={shown.join(',')}
      onPointerEnter={() => onShow(node.id)}
      onPointerLeave={() => onShow(null)}
    >
      <title>{`${name}: ${list(shown)}`}</title>
      <rect x={left} y={top} width={node.w} height={node.h} rx={5} className="cell-block-frame" />
      <text x={left + 5} y={top + 12} className="cell-block-symbol">
        {node.symbol}
      </text>
      <text x={left + node.w - 5} y={top + 12} textAnchor="end" className="cell-block-name">
        {name.split(' ').pop()}
      </text>
      {Array.from({ length: units }, (_, u) => {
        const col = unitColumn(node, units, u);
        const v = Number.isFinite(shown[u]) ? shown[u] : 0;
        let bar: { y: number; h: number; fill: string };
        if (mode === 'gradient') {
          const size = Math.min(1, Math.abs(v) / scale) * col.h;
          bar = { y: col.y + col.h - size, h: size, fill: divergingColor(v, scale) };
        } else if (node.role === 'gate') {
          const size = Math.min(1, Math.max(0, v)) * col.h;
          bar = { y: col.y + col.h - size, h: size, fill: color };
        } else {
          const size = (Math.min(1, Math.abs(v)) * col.h) / 2;
          bar = { y: v >= 0 ? col.y + col.h / 2 - size : col.y + col.h / 2, h: size, fill: divergingColor(v, 1) };
        }
        const index = slot * units + u;
        const b = bias ? bias[index] : undefined;
        const preText = pre ? ` (${num(pre[u], 4)})` : '';
        return (
          <g key={u}>
            <rect x={col.x + 0.5} y={bar.y} width={Math.max(0.5, col.w - 1)} height={bar.h} className="cell-bar" style={{ fill: bar.fill }} />
            {editable && b !== undefined ? (
              <rect
                x={col.x}
                y={col.y}
                width={col.w}
                height={col.h}
                className="cell-bias-handle"
                role="slider"
                tabIndex={0}
                aria-label={`${biasLabel?.(slot, u) ?? `${name} ${u}`}: ${num(b, 3)}${preText}`}
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
              <rect x={col.x} y={col.y} width={col.w} height={col.h} className="cell-bar-frame" />
            )}
          </g>
        );
      })}
    </g>
  );
});

function OpNode({ node, state }: { node: CellNode; state: string }) {
  if (node.role === 'port') {
    return (
      <g className={`cell-port${state}`} data-node={node.id}>
        <text x={node.x} y={node.y + 4} textAnchor="middle" className="cell-port-label">
          {node.symbol}
        </text>
      </g>
    );
  }
  const round = node.role === 'op';
  return (
    <g className={`cell-op${state}`} data-node={node.id}>
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

function CellDiagramImpl(props: CellDiagramProps) {
  const { layout, vectors, label, describedBy, nameOf, slotColors, highlight, future, mode = 'forward', bias, onBiasChange, biasLabel, words, className } = props;
  const [shown, setShown] = useState<string | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const paths = useMemo(() => new Map(layout.wires.map((w) => [w.id, stripePaths(layout, w)])), [layout]);
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

  const onShow = useMemo(() => (id: string | null) => setShown(id), []);
  const editable = mode === 'forward' && onBiasChange !== undefined && bias !== undefined;

  const onBiasStart = useMemo(
    () => (event: PointerEvent<SVGRectElement>, index: number) => {
      if (event.button !== 0) return;
      const target = event.currentTarget;
      const start = Number(latest.current.bias?.[index] ?? 0);
      const y0 = event.clientY;
      const limit = latest.current.biasLimit ?? 10;
      target.setPointerCapture(event.pointerId);
      target.focus({ preventScroll: true });
      event.preventDefault();
      const move = (e: globalThis.PointerEvent) => {
        const next = Math.max(-limit, Math.min(limit, start - (e.clientY - y0) * PER_PIXEL));
        latest.current.onBiasChange?.(index, next, e);
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
    const wire = layout.wires.find((w) => w.id === shown);
    if (wire) return `${nameOf(wire.id)} = [${list(valuesOf(vectors, wire.values))}]`;
    const node = layout.nodes.find((n) => n.id === shown);
    if (!node?.value) return null;
    const parts = [`${nameOf(node.id)} = [${list(vectors[node.value] ?? [])}]`];
    if (node.pre && vectors[node.pre]) parts.push(`${words?.pre ?? 'pre'} [${list(vectors[node.pre]!)}]`);
    if (bias && node.slot !== undefined) parts.push(`${words?.bias ?? 'b'} [${list(Array.from({ length: layout.units }, (_, u) => bias[node.slot! * layout.units + u]))}]`);
    return parts.join(' · ');
  })();

  return (
    <div className={`cell-diagram${className ? ` ${className}` : ''}`} data-cell-diagram={layout.kind} data-reset-after={layout.resetAfter ? 'true' : undefined} data-mode={mode}>
      <svg viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={label} aria-describedby={describedBy} className="cell-diagram-svg">
        {layout.wires.map((wire, k) => (
          <Wire
            key={wire.id}
            wire={wire}
            paths={paths.get(wire.id)!}
            values={wireValues[k]}
            stripe={layout.stripe}
            mode={mode}
            scale={scale}
            state={stateClass(wire.id, highlight, future)}
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
              values={future?.has(node.id) ? undefined : vectors[node.value!]}
              pre={node.pre ? vectors[node.pre] : undefined}
              bias={bias}
              color={slotColors[node.slot ?? 0] ?? 'var(--accent)'}
              state={stateClass(node.id, highlight, future)}
              name={nameOf(node.id)}
              mode={mode}
              scale={scale}
              editable={editable}
              biasLabel={biasLabel}
              onShow={onShow}
              onBiasStart={onBiasStart}
              onBiasKey={onBiasKey}
            />
          ) : (
            <OpNode key={node.id} node={node} state={stateClass(node.id, highlight, future)} />
          ),
        )}
      </svg>
      <p className="cell-readout" aria-live="polite">
        {readout ?? '\u00a0'}
      </p>
    </div>
  );
}

export const CellDiagram = memo(CellDiagramImpl);
