/// <reference lib="webworker" />
/**
 * The painting worker: draws the canvases whose pixels change on every weight drag or playback
 * step (the unrolled chain, the live cell) off the main thread. Each canvas hands its control
 * here once (transferControlToOffscreen); afterwards the page sends scenes and this worker paints
 * them. Chromium rasterises a 2D canvas on the thread that draws it, so a drag costs the page only
 * its DOM and style work (bench/dragP95.ts); the finished frame goes to the compositor directly.
 *
 * After each batch the worker says which canvases it painted, and the page sends a canvas at most
 * one scene more until it hears that: a fast drag never queues frames, it skips to the newest.
 */
import { errorMessage } from '../engine/errors';
import type { CanvasContext } from './context2d';
import type { FromPainter, PainterKind, ToPainter } from './paintScene';
import { paintScene } from './painters';

declare const self: DedicatedWorkerGlobalScope;

interface Attached {
  canvas: OffscreenCanvas;
  ctx: CanvasContext;
  kind: PainterKind;
  memo: Map<string, unknown>;
}

const attached = new Map<number, Attached>();
const reply = (message: FromPainter) => self.postMessage(message);

self.onmessage = (event: MessageEvent<ToPainter>) => {
  const message = event.data;
  if (message.type === 'attach') {
    const ctx = message.canvas.getContext('2d');
    if (!ctx) {
      reply({ type: 'failed', id: message.id, message: 'no 2D context on an OffscreenCanvas' });
      return;
    }
    attached.set(message.id, { canvas: message.canvas, ctx, kind: message.kind, memo: new Map() });
  } else if (message.type === 'detach') {
    attached.delete(message.id);
  } else {
    const painted: number[] = [];
    for (const { id, scene } of message.scenes) {
      // Answered even if it could not be painted, so the page never waits on a canvas for ever.
      painted.push(id);
      const target = attached.get(id);
      if (!target) continue;
      try {
        paintScene(target.canvas, target.ctx, target.kind, scene, target.memo);
      } catch (error) {
        reply({ type: 'failed', id, message: errorMessage(error) });
      }
    }
    reply({ type: 'painted', ids: painted });
  }
};
