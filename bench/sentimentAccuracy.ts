/**
 * sentiment_lstm_val_acc_at_30s: chapter 04's trainer in headless chromium (the production
 * build, the real worker, the engine its probe picks), switched to LSTM(40) and started; after
 * 30 s of wall time from the click (the probe, the held-out evaluations and the checkpoints count
 * against it), training is cancelled and the figure is the best validation accuracy of the
 * epochs finished by then, on the 899 held-out UCI sentences.
 */
import { chromiumMissing, launchChromium, serveBook } from '../test/browser/app';
import type { Bench } from './figure';

const NAME = 'sentiment_lstm_val_acc_at_30s';
const BUDGET_MS = 30_000;

export const sentimentAccuracy: Bench = {
  figures: [NAME],
  async run({ dist, note }) {
    const missing = chromiumMissing();
    if (missing) return [{ name: NAME, unavailable: missing }];
    const served = await serveBook(await dist());
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${served.baseUrl}/chapters/rnn-sentiment`);
      await page.waitForSelector('article[data-chapter-ready="true"]', { state: 'attached', timeout: 60_000 });
      await page.waitForSelector('[data-widget="SentimentTrainer"][data-widget-ready="true"]', { state: 'attached', timeout: 90_000 });
      const trainer = page.locator('[data-widget="SentimentTrainer"]');
      await trainer.getByLabel('Recurrent layer').selectOption('lstm');
      await trainer.getByLabel('Epochs').fill('50');
      await trainer.getByLabel('Early stopping patience (0 = off)').fill('0');
      await trainer.getByRole('button', { name: 'Train 50 epochs' }).click();
      const started = Date.now();
      let best = 0;
      let epochs = 0;
      while (Date.now() - started < BUDGET_MS) {
        await page.waitForTimeout(250);
        const value = Number((await trainer.locator('[data-testid=val-acc]').getAttribute('data-value')) || 0);
        best = Math.max(best, value);
        epochs = Number(await trainer.locator('[data-testid=epochs-done]').textContent());
      }
      await trainer.getByRole('button', { name: 'Cancel' }).click();
      const engine = await trainer.getByTestId('engine-choice').getAttribute('data-engine');
      note(`sentiment LSTM(40) on the UCI sentences in chromium (trained on ${engine}): ${epochs} epochs in ${BUDGET_MS / 1000} s from the click, best validation accuracy ${(best * 100).toFixed(1)}%`);
      return [{ name: NAME, value: best, unit: 'fraction', digits: 3 }];
    } finally {
      await browser.close();
      await served.close();
    }
  },
};
