/**
 * Timing probes for the explorer benchmarks, injected into the page by the benchmark itself
 * (page.addInitScript) so the production build carries no instrumentation.
 *
 * Drag probe: for every pointer move with a button held, three moments — when handling began (a
 * capturing listener on window runs before any of the page's own), when React's commit of the
 * change was done (the last DOM mutation before the frame, seen by a MutationObserver, whose own
 * cost is counted in), and just after the next frame was painted (rAF runs just before that
 * frame's style, layout and paint; a message posted from it is delivered after them).
 *
 * Frame probe: the interval between consecutive animation frames while it runs.
 */

export interface DragTiming {
  /** Main-thread work the move cost: handling + render, plus the frame's style/layout/paint. */
  work: number;
  /** The part of `work` that is script: the page's handlers, the recompute, React's render and commit. */
  script: number;
  /** From the start of handling to just after the paint, including any wait for the next frame. */
  handledToPaint: number;
  /** The same from the input event's own timestamp, which adds the wait before handling. */
  eventToPaint: number;
}

declare global {
  interface Window {
    __unrolledDragTimings?: DragTiming[];
    __unrolledFrames?: { start(): void; stop(): number[] };
  }
}

export const DRAG_PROBE = `(() => {
  const timings = [];
  window.__unrolledDragTimings = timings;
  // The end of React's commit: a mutation observer's callback runs at the first microtask
  // checkpoint after the DOM changed. (A listener after the page's own cannot be used: d3-drag
  // stops the mousemove's propagation, and React renders in a microtask after its handler.)
  let lastCommit = 0;
  new MutationObserver(() => { lastCommit = performance.now(); }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  window.addEventListener('pointermove', (event) => {
    if (!event.buttons) return;
    const handled = performance.now();
    lastCommit = 0;
    requestAnimationFrame(() => {
      const frame = performance.now();
      const rendered = Math.max(handled, lastCommit);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const painted = performance.now();
        timings.push({ work: rendered - handled + (painted - frame), script: rendered - handled, handledToPaint: painted - handled, eventToPaint: painted - event.timeStamp });
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
  }, { capture: true });
})()`;

export const FRAME_PROBE = `(() => {
  let intervals = [];
  let last = 0;
  let running = false;
  const tick = (now) => {
    if (!running) return;
    if (last) intervals.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  window.__unrolledFrames = {
    start() { intervals = []; last = 0; running = true; requestAnimationFrame(tick); },
    stop() { running = false; return intervals; },
  };
})()`;

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
