/**
 * The canvas painters by name, for the page and the painting worker alike. Each draws one scene
 * (src/viz/paintScene.ts) on a 2D context; `memo` is a per-canvas cache the painter may keep
 * geometry in.
 */
import { paintCell } from './cell/cellPaint';
import { paintChain } from './chainPaint';
import type { Context2D } from './context2d';
import type { PainterKind, Scenes } from './paintScene';

export const PAINTERS: { [K in PainterKind]: (ctx: Context2D, scene: Scenes[K], memo: Map<string, unknown>) => void } = {
  chain: paintChain,
  cell: paintCell,
};

/** Sizes the bitmap to the scene (only when it changed: resizing clears it) and paints. */
export function paintScene<K extends PainterKind>(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  ctx: Context2D,
  kind: K,
  scene: Scenes[K],
  memo: Map<string, unknown>,
): void {
  if (canvas.width !== scene.width) canvas.width = scene.width;
  if (canvas.height !== scene.height) canvas.height = scene.height;
  PAINTERS[kind](ctx, scene, memo);
}
