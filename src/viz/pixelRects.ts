/**
 * Drawing the canvases' shapes as rectangles of whole device pixels. Every bar, cell and wire the
 * chain and the cell diagram paint is axis-aligned, and Skia fills a pixel-aligned rectangle
 * without anti-aliasing, several times faster than it strokes a path or fills a rectangle with
 * fractional edges; the canvases repaint on every drag move (bench/dragP95.ts). Callers draw with
 * the identity transform and pass `k`, device pixels per unit of their own coordinates.
 */
import type { Context2D } from './context2d';

/** The rectangle x…x+w × y…y+h (in the caller's units), its edges rounded to whole pixels; nothing if it rounds to empty. */
export function fillPixelRect(ctx: Context2D, x: number, y: number, w: number, h: number, k: number): void {
  const left = Math.round(x * k);
  const top = Math.round(y * k);
  const width = Math.round((x + w) * k) - left;
  const height = Math.round((y + h) * k) - top;
  if (width > 0 && height > 0) ctx.fillRect(left, top, width, height);
}

/**
 * An axis-aligned polyline stroked `width` wide with mitred corners and butt ends, as one
 * rectangle per segment: each runs on by half the width into a corner, which fills the corner
 * exactly as a mitre join does.
 */
export function strokeAxisPolyline(ctx: Context2D, points: readonly (readonly [number, number])[], width: number, k: number): void {
  const half = width / 2;
  for (let s = 1; s < points.length; s++) {
    const [x0, y0] = points[s - 1];
    const [x1, y1] = points[s];
    // Run on into a corner (a point with a segment on both sides), not past an end of the line.
    const before = s > 1 ? half : 0;
    const after = s < points.length - 1 ? half : 0;
    if (y0 === y1) {
      const forward = x1 >= x0;
      const left = forward ? x0 - before : x1 - after;
      const right = forward ? x1 + after : x0 + before;
      fillPixelRect(ctx, left, y0 - half, right - left, width, k);
    } else {
      const down = y1 >= y0;
      const top = down ? y0 - before : y1 - after;
      const bottom = down ? y1 + after : y0 + before;
      fillPixelRect(ctx, x0 - half, top, width, bottom - top, k);
    }
  }
}
