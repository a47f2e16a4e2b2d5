/**
 * A recurrent cell drawn once per token, left to right, with the state passed along between the
 * copies. Inside each copy every unit gets one small bar per gate. The frame (tokens, boxes,
 * arrows, cursor) is SVG; the bars — 1,280 of them for 40 tokens, 8 units and 4 gates, all of
 * which change when a weight is dragged — are painted on a canvas laid over it, so a drag redraws
 * one bitmap instead of re-rendering and re-rasterising thousands of vector shapes.
 */
import { divergingColor } from './diverging';
import { memo, useLayoutEffect, useRef } from 'react';

export interface DiagramGate {
  name: string;
  role: 'gate' | 'candidate';
  color: string;
}

export interface UnrolledDiagramProps {
  tokens: readonly string[];
  gates: readonly DiagramGate[];
  /** values[t][g][unit]: gate g's value at step t. */
  values: readonly (readonly ArrayLike<number>[])[];
  units: number;
  time: number;
  /** Width of one unrolled copy; the conveyor belt and heatmap below use the same. */
  columnWidth: number;
  /** heat[t][unit]: a value in −1…1 per step and unit (h), drawn as a coloured row under each copy. */
  heat?: readonly ArrayLike<number>[];
  onSelectTime?: (t: number) => void;
  label: string;
}

const TOP = 20;
const PAD = 4;
const ROW = 12;
const GAP = 10;
const HEAT_GAP = 6;

const heatColor = (v: number) => divergingColor(v, 1);

export function diagramWidth(tokens: number, columnWidth: number): number {
  return Math.max(1, tokens) * columnWidth;
}

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

function drawBars(canvas: HTMLCanvasElement, props: UnrolledDiagramProps): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { values, gates, units, columnWidth, heat } = props;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (heat) {
    const top = TOP + units * ROW + 2 * PAD + HEAT_GAP;
    for (let t = 0; t < heat.length; t++) {
      for (let u = 0; u < units; u++) {
        ctx.fillStyle = heatColor(heat[t][u]);
        ctx.fillRect(t * columnWidth + GAP / 2, top + u * ROW, columnWidth - GAP, ROW - 1);
      }
    }
  }
  const barW = (columnWidth - GAP - 2 * PAD) / gates.length;
  const h = ROW - 2;
  gates.forEach((gate, g) => {
    ctx.fillStyle = resolveColor(canvas, gate.color);
    for (let t = 0; t < values.length; t++) {
      const unitValues = values[t][g];
      const x = t * columnWidth + GAP / 2 + PAD + g * barW + 0.5;
      for (let u = 0; u < units; u++) {
        const v = Number.isFinite(unitValues[u]) ? unitValues[u] : 0;
        const rowTop = TOP + PAD + u * ROW + 1;
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

function UnrolledDiagramImpl(props: UnrolledDiagramProps) {
  const { tokens, units, time, columnWidth, heat, onSelectTime, label } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  // Before paint, so the bars and the numbers around them always show the same step.
  useLayoutEffect(() => {
    if (canvas.current) drawBars(canvas.current, props);
  });
  const width = diagramWidth(tokens.length, columnWidth);
  const boxH = units * ROW + 2 * PAD;
  const heatH = heat ? HEAT_GAP + units * ROW : 0;
  const height = TOP + boxH + heatH + 4;
  const boxW = columnWidth - GAP;
  const arrows = tokens
    .slice(1)
    .map((_, t) => `M${(t + 1) * columnWidth - GAP / 2},${TOP + boxH / 2}h${GAP}`)
    .join('');
  return (
    <div className="unrolled-diagram-wrap" style={{ width, height }}>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label={label}
        className="unrolled-diagram"
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
        <rect x={time * columnWidth + 1} y={1} width={columnWidth - 2} height={height - 2} rx={5} className="unrolled-cursor" />
        {tokens.map((token, t) => (
          <g key={t}>
            <text x={t * columnWidth + columnWidth / 2} y={14} textAnchor="middle" className="unrolled-token">
              {token.length > 6 ? `${token.slice(0, 5)}…` : token}
            </text>
            <rect x={t * columnWidth + GAP / 2} y={TOP} width={boxW} height={boxH} rx={4} className="unrolled-box" />
          </g>
        ))}
        <path d={arrows} className="unrolled-arrow" />
      </svg>
      <canvas ref={canvas} width={width} height={height} className="unrolled-bars" aria-hidden="true" />
    </div>
  );
}

export const UnrolledDiagram = memo(UnrolledDiagramImpl);
