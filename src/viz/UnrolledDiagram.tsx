/**
 * A recurrent cell drawn once per token, left to right, with the state passed along between the
 * copies. Inside each copy every unit gets one small bar per gate. A sentence of 40 tokens with 8
 * units and 4 gates is 1,280 bars; they are drawn as one <path> per gate (bars for every token and
 * unit in one path string), so a weight drag that changes all of them updates four attributes,
 * not thousands of elements.
 */
import { memo } from 'react';

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
  onSelectTime?: (t: number) => void;
  label: string;
}

const TOP = 20;
const PAD = 4;
const ROW = 12;
const GAP = 10;

export function diagramWidth(tokens: number, columnWidth: number): number {
  return Math.max(1, tokens) * columnWidth;
}

/** One decimal is plenty for a pixel position, and much cheaper than toFixed on 5,000 numbers. */
const round1 = (v: number) => Math.round(v * 10) / 10;

function barsPath(values: UnrolledDiagramProps['values'], g: number, role: DiagramGate['role'], units: number, columnWidth: number, gateCount: number): string {
  const inner = columnWidth - GAP - 2 * PAD;
  const barW = inner / gateCount;
  const parts: string[] = [];
  for (let t = 0; t < values.length; t++) {
    const unitValues = values[t][g];
    const x = t * columnWidth + GAP / 2 + PAD + g * barW + 0.5;
    for (let u = 0; u < units; u++) {
      const v = Number.isFinite(unitValues[u]) ? unitValues[u] : 0;
      const rowTop = TOP + PAD + u * ROW + 1;
      const h = ROW - 2;
      let y: number;
      let height: number;
      if (role === 'gate') {
        height = Math.min(1, Math.max(0, v)) * h;
        y = rowTop + h - height;
      } else {
        height = (Math.min(1, Math.abs(v)) * h) / 2;
        y = v >= 0 ? rowTop + h / 2 - height : rowTop + h / 2;
      }
      parts.push(`M${round1(x)},${round1(y)}h${round1(barW - 1)}v${round1(height)}h${round1(1 - barW)}Z`);
    }
  }
  return parts.join('');
}

function UnrolledDiagramImpl({ tokens, gates, values, units, time, columnWidth, onSelectTime, label }: UnrolledDiagramProps) {
  const width = diagramWidth(tokens.length, columnWidth);
  const boxH = units * ROW + 2 * PAD;
  const height = TOP + boxH + 4;
  const boxW = columnWidth - GAP;
  const arrows = tokens
    .slice(1)
    .map((_, t) => `M${(t + 1) * columnWidth - GAP / 2},${TOP + boxH / 2}h${GAP}`)
    .join('');
  return (
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
      {gates.map((gate, g) => (
        <path key={gate.name} d={barsPath(values, g, gate.role, units, columnWidth, gates.length)} fill={gate.color} />
      ))}
    </svg>
  );
}

export const UnrolledDiagram = memo(UnrolledDiagramImpl);
