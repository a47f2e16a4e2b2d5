/**
 * drag_p95_ms and drag_event_to_paint_p95_ms: what a weight drag in the cell explorer costs per
 * pointer move, with an LSTM of 8 units over 40 tokens (goals: ≤ 8.3 ms of main-thread work, ≤ 25
 * ms from the input event to the painted frame). The explorer is opened on the LSTM chapter with
 * its state in the link; the probe (bench/explorerProbes.ts) is injected by this benchmark, so the
 * production build carries none. 120 mouse moves are made one at a time, each waiting for its
 * frame, with the unrolled chain, the live cell diagram and the dragged weight all on screen.
 *
 * The figure is the main-thread work a move costs: handling it (recompute of all 40 steps, React's
 * render and commit) plus the frame's style, layout and paint — what has to fit in 16.7 ms for the
 * change to appear in the very next frame. Time spent idle, waiting for that frame to begin, is
 * not work; the end-to-end latencies that include it are printed as notes beside the figure. The
 * chain's and the cell's canvases are painted by a worker (src/viz/canvasPainter.ts): that work is
 * off the main thread and not in the figure, but the latencies wait for it (the later of the
 * page's frame and the worker's "painted"), so drag_event_to_paint_p95_ms is the time until the
 * whole change is drawn.
 */
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, serveBook } from '../test/browser/app';
import { decodeConfig, defaultConfig, encodeConfig } from '../src/engine/explorerConfig';
import { DRAG_PROBE, type DragTiming, percentile, settled } from './explorerProbes';
import { type Bench, median } from './figure';

const CHAPTER = '/chapters/lstm-from-scratch';
const ID = 'lstm-explorer';
const MOVES = 120;
const WARMUP = 10;
const VIEWPORT = { width: 1280, height: 2000 };

const NEXT_TIMING = `(() => {
  const timings = window.__unrolledDragTimings;
  const push = timings.push;
  window.__nextTiming = new Promise((resolve) => {
    timings.push = (...items) => {
      timings.push = push;
      resolve(push.apply(timings, items));
      return timings.length;
    };
  });
})()`;

export function benchLink(): string {
  const sentence = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
  const text = encodeConfig({ ...defaultConfig({ cell: 'lstm', units: 8, inputDim: 4, sentence }), time: 20 });
  const check = decodeConfig(text);
  if (!check.config || check.config.units !== 8) throw new Error('the benchmark link does not decode to an 8-unit LSTM');
  return `${CHAPTER}?${ID}=${text}`;
}

async function measure(page: Page): Promise<DragTiming[]> {
  const explorer = page.locator(`#${ID}`);
  await explorer.waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction((id) => document.getElementById(id)?.getAttribute('data-widget-ready') === 'true', ID, { timeout: 60_000 });
  await settled(page);
  const tokens = await explorer.locator('.unrolled-token').count();
  const units = await explorer.getByRole('table', { name: /^LSTM at step/ }).locator('tbody tr').count();
  if (tokens !== 40 || units !== 8) throw new Error(`expected 40 tokens and 8 units, found ${tokens} and ${units}`);
  // The forget gate of unit 0: column 8 of the 8-unit kernel (blocks i, f, c, o of 8 columns each).
  const weight = explorer.getByRole('slider', { name: /^kernel row 0 col 8 \(forget gate, unit 0\): / });
  // Everything that changes on screen while dragging: the unrolled chain at the top of the
  // viewport, the live cell diagram under it, the weight at the bottom (a viewport tall enough
  // for all of them at 8 units).
  await explorer.locator('.unrolled-diagram').evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 8));
  const onScreen = await weight.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight);
  if (!onScreen) throw new Error('the weight and the drawing do not fit in the viewport together');
  if ((await explorer.locator('[data-cell-diagram="lstm"]').count()) !== 1) throw new Error('the live LSTM diagram is missing');
  const box = await weight.boundingBox();
  if (!box) throw new Error('the weight cell has no box');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < MOVES + WARMUP; i++) {
    // Resolves when this move's timing arrives; no polling, which would itself cost frame time.
    await page.evaluate(NEXT_TIMING);
    // Alternate between two heights so every move changes the weight (0.02 per pixel).
    await page.mouse.move(x, y + (i % 2 ? -15 : -45));
    await page.evaluate('window.__nextTiming');
  }
  await page.mouse.up();
  const timings = await page.evaluate(() => window.__unrolledDragTimings ?? []);
  return timings.slice(WARMUP);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

export const dragP95: Bench = {
  figures: ['drag_p95_ms', 'drag_event_to_paint_p95_ms'],
  async run({ dist, note }) {
    const missing = chromiumMissing();
    if (missing) return this.figures.map((name) => ({ name, unavailable: missing }));
    const served = await serveBook(await dist());
    const browser = await launchChromium();
    try {
      // Several runs, each in a fresh page; the figures are the medians of the runs' p95s.
      const p95s: { work: number; eventToPaint: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.context.newPage();
        await page.addInitScript(DRAG_PROBE);
        await page.setViewportSize(VIEWPORT);
        await page.goto(served.baseUrl + benchLink(), { waitUntil: 'load' });
        const timings = await measure(page);
        await page.close();
        const stats = (key: keyof DragTiming) => {
          const xs = timings.map((t) => t[key]);
          return `median ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
        };
        note(`drag run ${run + 1}, LSTM 8 units × 40 tokens, ${timings.length} moves; main-thread work per move: ${stats('work')}`);
        note(`  of which script (handlers, recompute of all steps, React render and commit): ${stats('script')}`);
        note(`  latency, start of handling → after paint (includes waiting for the next frame): ${stats('handledToPaint')}`);
        note(`  of which the painting worker finished after the page's frame by: ${stats('workerLag')}`);
        note(`  latency, input event timestamp → after paint: ${stats('eventToPaint')}`);
        p95s.push({ work: percentile(timings.map((t) => t.work), 95), eventToPaint: percentile(timings.map((t) => t.eventToPaint), 95) });
      }
      return [
        { name: 'drag_p95_ms', value: median(p95s.map((p) => p.work)), unit: 'ms', digits: 1 },
        { name: 'drag_event_to_paint_p95_ms', value: median(p95s.map((p) => p.eventToPaint)), unit: 'ms', digits: 1 },
      ];
    } finally {
      await browser.close();
      await served.close();
    }
  },
};
