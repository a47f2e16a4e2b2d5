/**
 * The canvas painters by name, for the page and the painting worker alike. Each draws one scene
 * (src/viz/paintScene.ts) into a PixelContext (./pixelContext.ts), which hands the canvas the
 * pixels that changed; `memo` is a per-canvas cache the painter may keep geometry in.
 */
import { paintCell } from './cell/cellPaint';
import { paintChain } from './chainPaint';
import type { CanvasContext, Context2D } from './context2d';
import type { PainterKind, Scenes } from './paintScene';
import { PixelContext } from './pixelContext';

export const PAINTERS: { [K in PainterKind]: (ctx: Context2D, scene: Scenes[K], memo: Map<string, unknown>) => void } = {
  chain: paintChain,
  cell: paintCell,
};

/**
 * Which painters draw into a PixelContext rather than the canvas's own context, by measurement
 * (bench/dragP95.ts): the chain's ~1,400 small opaque rectangles a frame cost a 2D context about
 * 1.5 µs each to record and rasterise, and far less as row fills; the cell's fewer, translucent,
 * overlapping stripes are cheaper for the context to blend.
 */
const WRITES_PIXELS: { [K in PainterKind]: boolean } = { chain: true, cell: false };

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
  if (!WRITES_PIXELS[kind]) {
    PAINTERS[kind](ctx, scene, memo);
    return;
  }
  let pixels = memo.get('pixels') as PixelContext | undefined;
  if (!pixels) memo.set('pixels', (pixels = new PixelContext(ctx)));
  pixels.begin(canvas.width, canvas.height);
  PAINTERS[kind](pixels, scene, memo);
  pixels.finish();
}
