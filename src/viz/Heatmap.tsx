/**
 * A grid of values as colour, drawn on canvas because a (100 × 64) trace is 6,400 cells. A
 * diverging scale centred on zero, since hidden states and gate pre-activations have a sign.
 */
import { divergingColor, maxAbs } from './diverging';
import { useEffect, useRef } from 'react';

export interface HeatmapProps {
  /** rows[r][c]; every row the same length. */
  rows: ArrayLike<number>[];
  /** The value that gets the strongest colour; defaults to the largest |value|. */
  limit?: number;
  cellSize?: number;
  label: string;
}

export function Heatmap({ rows, limit, cellSize = 6, label }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const cols = rows[0]?.length ?? 0;
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const bound = limit ?? maxAbs(rows);
    rows.forEach((row, r) => {
      for (let c = 0; c < row.length; c++) {
        ctx.fillStyle = divergingColor(row[c], bound);
        ctx.fillRect(c * cellSize, r * cellSize, cellSize, cellSize);
      }
    });
  }, [rows, limit, cellSize]);
  return <canvas ref={canvas} width={cols * cellSize} height={rows.length * cellSize} role="img" aria-label={label} className="heatmap" />;
}
