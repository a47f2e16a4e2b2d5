/**
 * explorer_play_dropped_frames_pct: how smooth the explorer stays while it plays the sentence, on
 * an LSTM of 8 units over 40 tokens (goal ≤ 1 %). The page plays for 10 s (one token every
 * 700 ms, each redrawing the chain, the live cell diagram and the table) while an injected rAF
 * loop (bench/explorerProbes.ts) records the interval between animation frames. A frame counts
 * as dropped when its interval exceeds 16.7 ms by more than vsync jitter (> 20 ms); an interval of
 * n frame periods drops n − 1 frames. The figure is dropped / (delivered + dropped), the median
 * of three runs.
 */
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, serveBook } from '../test/browser/app';
import { benchLink } from './dragP95';
import { FRAME_PROBE, percentile, settled } from './explorerProbes';
import { type Bench, median } from './figure';

const ID = 'lstm-explorer';
const PLAY_MS = 10_000;
const PERIOD = 1000 / 60;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function dropped(intervals: number[]): { dropped: number; delivered: number } {
  let lost = 0;
  for (const dt of intervals) if (dt > PERIOD + 3.3) lost += Math.max(1, Math.round(dt / PERIOD) - 1);
  return { dropped: lost, delivered: intervals.length };
}

async function playOnce(page: Page): Promise<number[]> {
  const explorer = page.locator(`#${ID}`);
  await explorer.waitFor({ state: 'visible', timeout: 60_000 });
  await page.waitForFunction((id) => document.getElementById(id)?.getAttribute('data-widget-ready') === 'true', ID, { timeout: 60_000 });
  await settled(page);
  await explorer.locator('.unrolled-diagram').evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 8));
  // From the first token, so 10 s of playback never reaches the end of the 40.
  await explorer.locator('.explorer-time-region').focus();
  await page.keyboard.press('Home');
  await page.evaluate('window.__unrolledFrames.start()');
  await explorer.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(PLAY_MS);
  const intervals = (await page.evaluate('window.__unrolledFrames.stop()')) as number[];
  await explorer.getByRole('button', { name: 'Pause', exact: true }).click();
  return intervals;
}

export const playFrames: Bench = {
  figures: ['explorer_play_dropped_frames_pct'],
  async run({ dist, note }) {
    const missing = chromiumMissing();
    if (missing) return [{ name: 'explorer_play_dropped_frames_pct', unavailable: missing }];
    const served = await serveBook(await dist());
    const browser = await launchChromium();
    try {
      const pcts: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.context.newPage();
        await page.addInitScript(FRAME_PROBE);
        await page.setViewportSize({ width: 1280, height: 2000 });
        await page.goto(served.baseUrl + benchLink(), { waitUntil: 'load' });
        const intervals = await playOnce(page);
        await page.close();
        const { dropped: lost, delivered } = dropped(intervals);
        const pct = (100 * lost) / Math.max(1, lost + delivered);
        pcts.push(pct);
        note(
          `play run ${run + 1}, LSTM 8 units × 40 tokens, ${PLAY_MS / 1000} s: ${delivered} frames, ${lost} dropped (${pct.toFixed(2)} %); frame interval median ${percentile(intervals, 50).toFixed(1)} ms, p99 ${percentile(intervals, 99).toFixed(1)} ms, max ${Math.max(...intervals).toFixed(1)} ms`,
        );
      }
      return [{ name: 'explorer_play_dropped_frames_pct', value: median(pcts), unit: '%', digits: 2 }];
    } finally {
      await browser.close();
      await served.close();
    }
  },
};
