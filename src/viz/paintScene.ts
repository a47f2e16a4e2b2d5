/**
 * What travels between a canvas on the page and the painting worker (src/viz/paint.worker.ts):
 * a scene — plain numbers and colours already resolved from CSS — for one of the painters
 * (src/viz/painters.ts). A scene says everything its frame shows, so a painter keeps no state
 * that could disagree with the page.
 */
import type { CellScene } from './cell/cellPaint';
import type { ChainScene } from './chainPaint';

export interface Scenes {
  chain: ChainScene;
  cell: CellScene;
}
export type PainterKind = keyof Scenes;

export type ToPainter =
  | { type: 'attach'; id: number; kind: PainterKind; canvas: OffscreenCanvas }
  /** Every canvas's newest scene since the last post: one message a frame, however many canvases changed. */
  | { type: 'paint'; scenes: { id: number; scene: Scenes[PainterKind] }[] }
  | { type: 'detach'; id: number };

export type FromPainter = { type: 'painted'; ids: number[] } | { type: 'failed'; id: number; message: string };
