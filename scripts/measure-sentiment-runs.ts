/**
 * Measures the validation accuracies chapter 4 quotes, by using its trainer as a reader would:
 * the production build in headless chromium, the real worker and backend, a fresh profile per
 * run (so nothing is restored from IndexedDB and every run starts from new random weights), the
 * chapter's settings, early stopping off so every epoch is seen. Prints one line per run with the
 * validation accuracy after each epoch, the engine that trained it and the training time.
 * Usage: npx tsx scripts/measure-sentiment-runs.ts [runs]
 * Accuracy per epoch does not depend on machine load; it does depend on the engine and the draw.
 */
import { buildAndServe, launchChromium } from '../test/browser/app';

interface Config {
  name: string;
  cell: 'simpleRNN' | 'lstm';
  padding?: 'pre' | 'post';
  maxlen?: number;
  epochs: number;
}

const CONFIGS: Config[] = [
  { name: 'SimpleRNN(40), pre-padding to 20 (chapter defaults)', cell: 'simpleRNN', epochs: 8 },
  { name: 'LSTM(40), pre-padding to 20', cell: 'lstm', epochs: 8 },
  { name: 'SimpleRNN(40), post-padding to the longest (the recipe)', cell: 'simpleRNN', padding: 'post', maxlen: 0, epochs: 8 },
];

async function oneRun(baseUrl: string, config: Config): Promise<string> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/chapters/rnn-sentiment`);
    await page.waitForSelector('article[data-chapter-ready="true"]', { state: 'attached', timeout: 60_000 });
    await page.waitForSelector('[data-widget="SentimentTrainer"][data-widget-ready="true"]', { state: 'attached', timeout: 120_000 });
    const data = page.locator('[data-widget="SentimentData"]');
    if (config.padding) await data.getByLabel('Padding').selectOption(config.padding);
    if (config.maxlen !== undefined) await data.getByLabel('Length (0 = longest)').fill(String(config.maxlen));
    const trainer = page.locator('[data-widget="SentimentTrainer"]');
    await trainer.getByLabel('Recurrent layer').selectOption(config.cell);
    await trainer.getByLabel('Epochs').fill(String(config.epochs));
    await trainer.getByLabel('Early stopping patience (0 = off)').fill('0');
    await page.waitForTimeout(500);
    await trainer.getByRole('button', { name: `Train ${config.epochs} epochs` }).click();
    const accs: string[] = [];
    const started = Date.now();
    while (accs.length < config.epochs && Date.now() - started < 30 * 60_000) {
      await page.waitForTimeout(300);
      const done = Number(await trainer.locator('[data-testid=epochs-done]').textContent());
      if (done > accs.length) {
        const value = Number(await trainer.locator('[data-testid=val-acc]').getAttribute('data-value'));
        accs.push((value * 100).toFixed(1));
      }
    }
    const backend = await trainer.locator('.ui-stat-value').first().textContent();
    const engine = await trainer.locator('[data-testid=engine-choice]').getAttribute('data-engine');
    const maxlen = await data.locator('[data-testid=maxlen]').textContent();
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    return `${config.name} [engine ${engine}, tfjs backend ${backend}, length ${maxlen}, ${seconds} s from the click]: val acc % by epoch ${accs.join(' ')}`;
  } finally {
    await browser.close();
  }
}

const runs = Number(process.argv[2] ?? 3);
const served = await buildAndServe();
try {
  console.log(`measured ${new Date().toISOString()}, ${runs} runs per config`);
  for (const config of CONFIGS) for (let r = 0; r < runs; r++) console.log(await oneRun(served.baseUrl, config));
} finally {
  await served.close();
}
