/**
 * Paints a canvas from scenes: in the painting worker (src/viz/paint.worker.ts) when the browser
 * can hand a canvas to one, otherwise on the page with the same painter (src/viz/painters.ts).
 *
 *   const painter = useCanvasPainter('chain');
 *   <canvas ref={painter.ref} />
 *   useLayoutEffect(() => painter.paint(scene));
 *
 * Why a worker: Chromium rasterises a 2D canvas on the thread that draws it, and the chain and
 * the cell repaint thousands of bars and stripes on every drag move; on the page that raster was
 * the largest part of a move's frame (bench/dragP95.ts). A handed-over canvas can no longer be
 * sized or read from the page: its bitmap size travels in the scene.
 *
 * One worker serves every canvas on the page, one message for all the canvases a change repaints.
 * Each canvas has at most one scene in flight; newer scenes replace the waiting one, so a drag
 * faster than the painter skips frames instead of queueing them.
 */
import { type RefCallback, useCallback, useMemo, useRef } from 'react';
import type { CanvasContext } from './context2d';
import type { FromPainter, PainterKind, Scenes, ToPainter } from './paintScene';
import { paintScene } from './painters';

interface Painter<K extends PainterKind> {
  /** `shown`, if given, is called once this scene or a newer one is on the canvas. */
  paint(scene: Scenes[K], shown?: () => void): void;
  release(): void;
}

/**
 * The page's painting worker and the scenes waiting for the next post: every canvas that changed
 * in one task goes in one message (a post costs the page ~0.1 ms however small it is).
 */
interface Host {
  worker: Worker;
  painters: Map<number, WorkerPainter<PainterKind>>;
  outbox: { id: number; scene: Scenes[PainterKind] }[];
}

/** Started with the first canvas that needs it; null where there can be none. */
let shared: Host | null | undefined;
let nextId = 1;

function canHandOver(canvas: HTMLCanvasElement): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && typeof canvas.transferControlToOffscreen === 'function';
}

function paintingWorker(): Host | null {
  if (shared !== undefined) return shared;
  try {
    const worker = new Worker(new URL('./paint.worker.ts', import.meta.url), { type: 'module' });
    const host: Host = { worker, painters: new Map(), outbox: [] };
    worker.onmessage = (event: MessageEvent<FromPainter>) => {
      const message = event.data;
      if (message.type === 'failed') console.error(`A canvas could not be painted: ${message.message}`);
      else for (const id of message.ids) host.painters.get(id)?.painted();
    };
    worker.onerror = (event) => console.error(`The painting worker failed: ${event.message}`);
    shared = host;
  } catch {
    shared = null;
  }
  return shared;
}

/** Queues a scene for the host's next post, which goes out when the current task's work is done. */
function enqueue(host: Host, id: number, scene: Scenes[PainterKind]): void {
  if (host.outbox.length === 0) {
    queueMicrotask(() => {
      const scenes = host.outbox;
      host.outbox = [];
      host.worker.postMessage({ type: 'paint', scenes } satisfies ToPainter);
    });
  }
  host.outbox.push({ id, scene });
}

class WorkerPainter<K extends PainterKind> implements Painter<K> {
  /** Who waits for the scene in flight (null: none in flight), and for the one waiting to go. */
  private inFlight: (() => void)[] | null = null;
  private waiting: { scene: Scenes[K]; shown: (() => void)[] } | null = null;
  constructor(
    private readonly id: number,
    private readonly host: Host,
  ) {}

  paint(scene: Scenes[K], shown?: () => void): void {
    if (this.inFlight) {
      // The newer scene replaces the waiting one, and shows what that one would have.
      this.waiting = { scene, shown: [...(this.waiting?.shown ?? []), ...(shown ? [shown] : [])] };
      return;
    }
    this.inFlight = shown ? [shown] : [];
    enqueue(this.host, this.id, scene);
  }

  /** The worker has painted this canvas's scene: send the one that waited, if any. */
  painted(): void {
    const shown = this.inFlight ?? [];
    this.inFlight = null;
    const next = this.waiting;
    this.waiting = null;
    if (next) {
      this.inFlight = next.shown;
      enqueue(this.host, this.id, next.scene);
    }
    for (const callback of shown) callback();
  }

  release(): void {
    this.host.painters.delete(this.id);
    this.host.worker.postMessage({ type: 'detach', id: this.id } satisfies ToPainter);
  }

  static attach<K extends PainterKind>(canvas: HTMLCanvasElement, kind: K, host: Host): WorkerPainter<K> {
    const id = nextId++;
    const painter = new WorkerPainter<K>(id, host);
    host.painters.set(id, painter as WorkerPainter<PainterKind>);
    const offscreen = canvas.transferControlToOffscreen();
    host.worker.postMessage({ type: 'attach', id, kind, canvas: offscreen } satisfies ToPainter, [offscreen]);
    return painter;
  }
}

class PagePainter<K extends PainterKind> implements Painter<K> {
  private readonly memo = new Map<string, unknown>();
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly kind: K,
  ) {}
  paint(scene: Scenes[K], shown?: () => void): void {
    const ctx: CanvasContext | null = this.canvas.getContext('2d');
    if (ctx) paintScene(this.canvas, ctx, this.kind, scene, this.memo);
    shown?.();
  }
  release(): void {}
}

/**
 * A canvas keeps its painter for life: control can be handed to a worker only once, and React may
 * detach and re-attach the same element (StrictMode does in development).
 */
const painters = new WeakMap<HTMLCanvasElement, Painter<PainterKind>>();

function painterFor<K extends PainterKind>(canvas: HTMLCanvasElement, kind: K): Painter<K> {
  const known = painters.get(canvas);
  if (known) return known as Painter<K>;
  const host = canHandOver(canvas) ? paintingWorker() : null;
  const painter: Painter<K> = host ? WorkerPainter.attach(canvas, kind, host) : new PagePainter(canvas, kind);
  painters.set(canvas, painter as Painter<PainterKind>);
  return painter;
}

export interface CanvasPainterHandle<K extends PainterKind> {
  /** For the canvas element; it must not set width or height itself (the scene does). */
  ref: RefCallback<HTMLCanvasElement>;
  /**
   * Draws the scene now on the page, or as soon as the worker is free; `shown`, if given, is
   * called once this scene or a newer one is on the canvas.
   */
  paint(scene: Scenes[K], shown?: () => void): void;
}

export function useCanvasPainter<K extends PainterKind>(kind: K): CanvasPainterHandle<K> {
  const current = useRef<Painter<K> | null>(null);
  const ref = useCallback<RefCallback<HTMLCanvasElement>>(
    (canvas) => {
      if (!canvas) return;
      current.current = painterFor(canvas, kind);
      return () => {
        current.current = null;
        // Let go only once the element has really left the page (not when it is re-attached).
        setTimeout(() => {
          if (!canvas.isConnected) {
            painters.get(canvas)?.release();
            painters.delete(canvas);
          }
        }, 0);
      };
    },
    [kind],
  );
  return useMemo(() => ({ ref, paint: (scene: Scenes[K], shown?: () => void) => current.current?.paint(scene, shown) }), [ref]);
}
