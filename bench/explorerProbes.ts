/**
 * Timing probes for the explorer benchmarks, injected into the page by the benchmark itself
 * (page.addInitScript) so the production build carries no instrumentation.
 *
 * Drag probe: for every pointer move with a button held, three moments — when handling began (a
 * capturing listener on window runs before any of the page's own), when React's commit of the
 * change was done (the last DOM mutation before the frame, seen by a MutationObserver, whose own
 * cost is counted in), and just after the next frame was painted (rAF runs just before that
 * frame's style, layout and paint; a message posted from it is delivered after them). The
 * latencies end when the page's frame is painted and the painting worker has painted the canvases
 * the move changed, whichever is later.
 *
 * Frame probe: the interval between consecutive animation frames while it runs.
 */
import type { Page } from 'playwright-core';

export interface DragTiming {
  /** Main-thread work the move cost: handling + render, plus the frame's style/layout/paint. */
  work: number;
  /** The part of `work` that is script: the page's handlers, the recompute, React's render and commit. */
  script: number;
  /** From the start of handling to just after the paint, including any wait for the next frame. */
  handledToPaint: number;
  /** The same from the input event's own timestamp, which adds the wait before handling. */
  eventToPaint: number;
  /** How much later than the page's own frame the painting worker finished the move's canvases (0 if not later). */
  workerLag: number;
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
  // The chain and the cell are painted by the page's painting worker (src/viz/canvasPainter.ts):
  // a move is on screen only when that worker has also painted the scenes the move produced. Its
  // messages are watched here: per canvas id, when each scene was posted and when the "painted"
  // answer naming it came back (answers come in the order of the posts).
  const posts = new Map();
  const answers = [];
  let answered = () => {};
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        if (message && message.type === 'paint') {
          for (const { id } of message.scenes) {
            if (!posts.has(id)) posts.set(id, []);
            posts.get(id).push(performance.now());
          }
        }
        return post(message, transfer);
      };
      this.addEventListener('message', (event) => {
        const data = event.data;
        if (!data || data.type !== 'painted') return;
        const at = performance.now();
        for (const id of data.ids) answers.push({ posted: (posts.get(id) || []).shift(), at });
        answered();
      });
    }
  };
  /**
   * Resolves with the time the scenes posted since \`since\` were painted. The page may post them
   * at any point after the move (with the change, or once its own frame is done), so this waits
   * for at least one post and every answer to it; a move that posts nothing resolves with
   * \`since\` after a quarter of a second.
   */
  const workerDone = (since) => new Promise((resolve) => {
    let timer = 0;
    const check = (final) => {
      const waiting = [...posts].some(([, queue]) => queue.some((t) => t >= since));
      if (waiting) return;
      const mine = answers.filter((a) => a.posted >= since);
      if (mine.length === 0 && !final) return;
      clearTimeout(timer);
      answered = () => {};
      resolve(mine.length ? Math.max(...mine.map((a) => a.at)) : since);
    };
    answered = () => check(false);
    timer = setTimeout(() => check(true), 250);
    check(false);
  });
  window.addEventListener('pointermove', (event) => {
    if (!event.buttons) return;
    const handled = performance.now();
    lastCommit = 0;
    requestAnimationFrame(() => {
      const frame = performance.now();
      const rendered = Math.max(handled, lastCommit);
      const channel = new MessageChannel();
      channel.port1.onmessage = async () => {
        const painted = performance.now();
        channel.port1.close();
        const drawn = Math.max(painted, await workerDone(handled));
        answers.length = 0;
        timings.push({ work: rendered - handled + (painted - frame), script: rendered - handled, handledToPaint: drawn - handled, eventToPaint: drawn - event.timeStamp, workerLag: drawn - painted });
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

/**
 * Waits until the page has stopped installing: the service worker precaches the whole book in the
 * background on a first visit (tens of requests and their storage), which would otherwise share the
 * two cores with the frames being measured. A returning reader's page has none of that going on.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    if ('serviceWorker' in navigator) await navigator.serviceWorker.ready;
  });
  await page.waitForTimeout(500);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
