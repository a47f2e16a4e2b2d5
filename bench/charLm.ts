/**
 * charlm_val_nats_at_180s and charlm_train_ratio_vs_fit, measured in headless chromium on the
 * CPU (no GPU; tfjs picks wasm, else cpu) through the chapter's own widgets:
 * - the ratio: the "Compare speed with model.fit" button times our training loop (on the engine
 *   the probe chose) and a plain model.fit of the same model on the same batches (on the fastest
 *   tfjs backend the probe measured), side by side in the same worker, each by the wall clock;
 *   pressed three times, the figure is the median ratio;
 * - the loss: train the default (browser-sized) model from a fresh profile until its training
 *   time reaches 180 s, then read the last held-out loss it measured (every 20 steps).
 */
import { chromiumMissing, launchChromium, serveBook } from '../test/browser/app';
import { type Bench, type Outcome, median } from './figure';

export const CHAPTER = '/chapters/char-lstm-novel';
const TRAIN_SECONDS = 180;
const COMPARE_ROUNDS = 3;

export const charLm: Bench = {
  figures: ['charlm_train_ratio_vs_fit', 'charlm_val_nats_at_180s'],
  async run({ dist, note }) {
    const missing = chromiumMissing();
    if (missing) return this.figures.map((name) => ({ name, unavailable: missing }));
    const served = await serveBook(await dist());
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(served.baseUrl + CHAPTER);
      const widget = page.locator('[data-widget="CharLmTraining"]');
      await page.waitForFunction(() => document.querySelector('[data-widget="CharLmTraining"]')?.getAttribute('data-widget-ready') === 'true', null, { timeout: 120_000 });
      const backend = await widget.locator('.ui-stat', { hasText: 'tfjs backend' }).locator('.ui-stat-value').textContent();
      note(`charlm: tfjs backend ${backend}`);
      const results: Outcome[] = [];

      // The comparison runs COMPARE_ROUNDS times on the same page; the figure is the median ratio.
      const ratios: number[] = [];
      for (let round = 0; round < COMPARE_ROUNDS; round++) {
        const compareButton = widget.getByRole('button', { name: 'Compare speed with model.fit' });
        await compareButton.click();
        await widget.getByRole('button', { name: /^Comparing/ }).waitFor({ timeout: 30_000 }).catch(() => undefined);
        await widget.getByRole('button', { name: 'Compare speed with model.fit' }).and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
        const compare = await widget.getByTestId('compare-result').textContent();
        note(`charlm round ${round + 1}: ${compare}`);
        const ratio = Number(/ratio ([\d.]+)×/.exec(compare ?? '')?.[1]);
        if (Number.isFinite(ratio)) ratios.push(ratio);
      }
      results.push(ratios.length === COMPARE_ROUNDS ? { name: 'charlm_train_ratio_vs_fit', value: median(ratios), unit: 'x', digits: 2 } : { name: 'charlm_train_ratio_vs_fit', unavailable: 'a comparison gave no readable ratio' });

      await widget.getByRole('button', { name: 'Train', exact: true }).click();
      await page.waitForFunction(
        (limit) => Number(document.querySelector('[data-widget="CharLmTraining"] [data-testid="train-seconds"]')?.getAttribute('data-value')) >= limit,
        TRAIN_SECONDS,
        { timeout: (TRAIN_SECONDS + 240) * 1000, polling: 500 },
      );
      await widget.getByRole('button', { name: 'Pause' }).click();
      note(`charlm: ${(await widget.getByTestId('engine-choice').textContent().catch(() => 'engine not shown')) ?? ''}`);
      const step = await widget.getByTestId('train-step').textContent();
      const val = Number(await widget.getByTestId('val-loss').getAttribute('data-value'));
      note(`charlm: ${step} steps in ${TRAIN_SECONDS} s of training; last held-out loss ${val.toFixed(3)} nats/char (${(val / Math.LN2).toFixed(3)} bits/char)`);
      results.push(Number.isFinite(val) && val > 0 ? { name: 'charlm_val_nats_at_180s', value: val, unit: 'nats/char', digits: 3 } : { name: 'charlm_val_nats_at_180s', unavailable: 'no validation loss was measured' });
      return results;
    } finally {
      await browser.close();
      await served.close();
    }
  },
};
