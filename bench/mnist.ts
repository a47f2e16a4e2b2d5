/**
 * mnist_rows_acc_at_60s: chapter 14's trainer in headless chromium (the production build, its
 * worker and the backend it picks), browser-size model, started with "Train for 60 s". The run
 * stops after 60 s of training time — time spent in batches; fetching the digits and the held-out
 * evaluations every 15 s are not counted, and the note gives the wall time too — and the figure
 * is the accuracy on the 2,000 held-out digits measured right then.
 */
import { cpus, loadavg } from 'node:os';
import { chromiumMissing, launchChromium, serveBook } from '../test/browser/app';
import type { Bench } from './figure';

const NAME = 'mnist_rows_acc_at_60s';
const TRAIN_SECONDS = 60;

export const mnistRows: Bench = {
  figures: [NAME],
  async run({ dist, note }) {
    const missing = chromiumMissing();
    if (missing) return [{ name: NAME, unavailable: missing }];
    const served = await serveBook(await dist());
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${served.baseUrl}/chapters/mnist-rows`);
      await page.waitForSelector('[data-widget="MnistTraining"][data-widget-ready="true"]', { state: 'attached', timeout: 120_000 });
      const training = page.locator('[data-widget="MnistTraining"]');
      const heldOut = training.getByTestId('mnist-heldout');
      const load = loadavg()[0];
      await training.getByRole('button', { name: `Train for ${TRAIN_SECONDS} s` }).click();
      const started = Date.now();
      await page.waitForFunction(
        (seconds) => Number(document.querySelector('[data-widget="MnistTraining"] [data-testid="mnist-heldout"]')?.getAttribute('data-seconds') || 0) >= seconds,
        TRAIN_SECONDS,
        { timeout: 600_000, polling: 250 },
      );
      const wall = (Date.now() - started) / 1000;
      const accuracy = Number(await heldOut.getAttribute('data-value'));
      const seconds = Number(await heldOut.getAttribute('data-seconds'));
      const steps = await heldOut.getAttribute('data-step');
      const backend = await training.getByTestId('mnist-backend').textContent();
      note(
        `MNIST LSTM(32) row by row in chromium (${backend}): ${steps} batches of 32 in ${seconds.toFixed(1)} s of training ` +
          `(${wall.toFixed(0)} s wall from the click, incl. loading 7.8 MB and held-out evaluations), held-out accuracy ${(accuracy * 100).toFixed(1)}% on 2,000 digits; ` +
          `load average ${load.toFixed(1)} on ${cpus().length} cores at the start`,
      );
      return [{ name: NAME, value: accuracy, unit: 'fraction', digits: 3 }];
    } finally {
      await browser.close();
      await served.close();
    }
  },
};

