/**
 * A grid of values as colour, drawn on canvas because a (100 × 64) trace is 6,400 cells. A
 * diverging scale centred on zero, since hidden states and gate pre-activations have a sign.
 */
import { interpolateRdBu, scaleDiverging } from 'd3';
import { useEffect, useRef } from 'react';

export interface HeatmapProps {
  /** rows[r][c]; every row the same length. */
  rows: ArrayLike<number>[];
  /** The value that gets the strongest colour; defaults to the largest |value|. */
  limit?: number;
  cellSize?: number;
  label: string;
  rowLabel?: (r: number) => string;
}

export function Heatmap({ rows, limit, cellSize = 6, label }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const cols = rows[0]?.length ?? 0;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    let bound = limit ?? 0;
    if (limit === undefined) for (const row of rows) for (let c = 0; c < row.length; c++) bound = Math.max(bound, Math.abs(row[c]));
    // RdBu runs red to blue; reversed so positive values are blue-ish "on" and negative red.
    const color = scaleDiverging((t: number) => interpolateRdBu(1 - t)).domain([-(bound || 1), 0, bound || 1]);
    rows.forEach((row, r) => {
      for (let c = 0; c < row.length; c++) {
        ctx.fillStyle = color(row[c]);
        ctx.fillRect(c * cellSize, r * cellSize, cellSize, cellSize);
      }
    });
  }, [rows, limit, cellSize]);
  return <canvas ref={canvas} width={cols * cellSize} height={rows.length * cellSize} role="img" aria-label={label} className="heatmap" />;
}
