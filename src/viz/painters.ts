/**
 * The canvas painters by name, for the page and the painting worker alike. Each draws one scene
 * (src/viz/paintScene.ts) on a Context2D; `memo` is a per-canvas cache the painter may keep
 * geometry in.
 */
import { paintCell } from './cell/cellPaint';
import { paintChain } from './chainPaint';
import type { CanvasContext, Context2D } from './context2d';
import type { PainterKind, Scenes } from './paintScene';
import { PixelContext } from './pixelContext';

interface Painter<S> {
  paint: (ctx: Context2D, scene: S, memo: Map<string, unknown>) => void;
  /**
   * Draw into a PixelContext rather than the canvas's own context, chosen by measurement
   * (bench/dragP95.ts): the chain's ~1,400 small opaque rectangles a frame cost a 2D context about
   * 1.5 µs each to record and rasterise, and far less as row fills; the cell's fewer, translucent,
   * overlapping stripes are cheaper for the context to blend.
   */
  pixels: boolean;
}

export const PAINTERS: { [K in PainterKind]: Painter<Scenes[K]> } = {
  chain: { paint: paintChain, pixels: true },
  cell: { paint: paintCell, pixels: false },
};

/** Sizes the bitmap to the scene (only when it changed: resizing clears it) and paints. */
export function paintScene<K extends PainterKind>(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  ctx: CanvasContext,
  kind: K,
  scene: Scenes[K],
  memo: Map<string, unknown>,
): void {
  if (canvas.width !== scene.width) canvas.width = scene.width;
  if (canvas.height !== scene.height) canvas.height = scene.height;
  const painter = PAINTERS[kind] as Painter<Scenes[K]>;
  if (!painter.pixels) {
    painter.paint(ctx, scene, memo);
    return;
  }
  let pixels = memo.get('pixels') as PixelContext | undefined;
  if (!pixels) memo.set('pixels', (pixels = new PixelContext(ctx)));
  pixels.begin(canvas.width, canvas.height);
  painter.paint(pixels, scene, memo);
  pixels.finish();
}
