/**
 * The drag benchmark's probe (bench/dragP95.ts). With ?bench=1 in the page URL the explorer
 * records, for every weight change made by an input event, three moments: when handling began,
 * when the recompute and React's render and commit were done, and just after the next frame was
 * painted (rAF runs just before that frame's style, layout and paint; a message posted from it
 * is delivered after them). Without the flag nothing is recorded.
 */
export interface DragTiming {
  /** Main-thread work the change cost: handling + render, plus the frame's style/layout/paint. */
  work: number;
  /** The part of `work` that is script: the recompute and React's render and commit. */
  script: number;
  /** From the start of handling to just after the paint, including any wait for the next frame. */
  handledToPaint: number;
  /** The same from the input event's own timestamp, which adds the wait before handling. */
  eventToPaint: number;
}

declare global {
  interface Window {
    __unrolledDragTimings?: DragTiming[];
  }
}

export function enableBenchProbe(): void {
  if (new URLSearchParams(window.location.search).get('bench') === '1') window.__unrolledDragTimings ??= [];
}

/** Call first thing when an input event changes a weight, before the store update. */
export function probeFrameLatency(event: Event | undefined): void {
  const timings = window.__unrolledDragTimings;
  if (!timings || !event) return;
  const handled = performance.now();
  let rendered = handled;
  // The store update queues React's render as a microtask after this one; a microtask queued from
  // this one runs after React's, when the render and commit are done.
  queueMicrotask(() => queueMicrotask(() => (rendered = performance.now())));
  requestAnimationFrame(() => {
    const frame = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const painted = performance.now();
      timings.push({ work: rendered - handled + (painted - frame), script: rendered - handled, handledToPaint: painted - handled, eventToPaint: painted - event.timeStamp });
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
