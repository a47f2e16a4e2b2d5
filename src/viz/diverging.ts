/**
 * The book's one diverging colour scale for signed values (states, gates, weights): blue for
 * positive, red for negative, white at zero. Every heatmap uses it, so a colour means the same
 * thing in every chapter. It is a 201-entry lookup table, cheap enough for per-frame canvas work.
 */
import { interpolateRdBu } from 'd3';

const STEPS = 200;
const PALETTE = Array.from({ length: STEPS + 1 }, (_, i) => interpolateRdBu(i / STEPS));

/** The colour of `value` on a scale where ±limit are the strongest blue and red. */
export function divergingColor(value: number, limit = 1): string {
  const bound = limit > 0 ? limit : 1;
  const t = Number.isFinite(value) ? Math.max(-1, Math.min(1, value / bound)) : 0;
  return PALETTE[Math.round(((t + 1) / 2) * STEPS)];
}

/** The largest |value|, the natural limit when none is given. */
export function maxAbs(rows: ArrayLike<number>[]): number {
  let bound = 0;
  for (const row of rows) for (let i = 0; i < row.length; i++) bound = Math.max(bound, Math.abs(row[i]));
  return bound;
}
