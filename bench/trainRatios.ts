/**
 * Training speed of the book's own kernel against tfjs, in headless chromium, through the chapters'
 * own widgets: each figure is (tfjs ms per step) / (kernel ms per step) of the same model on the
 * same batch — the examples/s (or chars/s) ratio. Our side is the faster of the kernel on one
 * thread and the kernel with the batch shared among threads; the tfjs side is the fastest tfjs
 * backend that ran (wasm, webgl, or webgpu: the browser is started with --enable-unsafe-webgpu,
 * which here gives only a software adapter, which the probe reports and does not time).
 *
 * The timings come from the widget's "Measure again" (src/tf/training/engines.ts probeEngines:
 * one untimed step per engine, then the median of its timed steps within its share of the
 * budget), pressed ROUNDS times on one page; the figure is the median of the rounds' ratios.
 *
 * - mnist_train_ratio_vs_tfjs: chapter 14's browser model, LSTM(32) over 28 rows of 28 pixels +
 *   Dense(10), batch 32.
 * - sentiment_train_ratio_vs_tfjs: chapter 7's trainer, Embedding + LSTM(40) + Dense(2) on the
 *   UCI sentences, its default batch.
 * - charlm_bigvocab_ratio: chapter 17's char-LSTM on a text with 5,000 distinct characters
 *   (Moby-Dick with its words mapped to CJK ideographs, scripts/cjkMobyDick.ts), given to the
 *   chapter as the reader's own .txt. The new default (input "automatic": an Embedding above 256
 *   characters; the engine the measurement picks) against today's path, one-hot rows of 5,000 on
 *   the fastest tfjs backend: each round measures both, same batch layout (chars per step), and
 *   the ratio is one-hot tfjs ms / default ms per step.
 */
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, serveBook } from '../test/browser/app';
import { type Bench, type BenchContext, type Outcome, median, oneLine } from './figure';
import { errorMessage } from '../src/engine/errors';
import { cjkMobyDick } from '../scripts/cjkMobyDick';

const ROUNDS = 3;
export const WEBGPU_ARGS = ['--enable-unsafe-webgpu'];

export interface Timing {
  engine: string;
  ms: number | null;
  /** Why there is no time (the widget's tooltip). */
  why?: string;
}

/** The engine timings the widget shows now. */
export async function readTimings(widget: Locator): Promise<Timing[]> {
  return widget.locator('[data-testid="engine-choice"] li[data-engine]').evaluateAll((items) =>
    items.map((li) => ({
      engine: li.getAttribute('data-engine') ?? '',
      ms: li.hasAttribute('data-ms') ? Number(li.getAttribute('data-ms')) : null,
      why: li.getAttribute('title') ?? li.textContent ?? undefined,
    })),
  );
}

/** Presses "Measure again" and waits for it to finish; the timings it measured. */
export async function measureAgain(widget: Locator): Promise<Timing[]> {
  // Enabled once the widget's model is ready (a big model can take a while to build).
  const button = widget.getByRole('button', { name: /^Measure again/ });
  await expectEnabled(button);
  // Enabled is checked above; a page busy building a big model can fail Playwright's "stable" check for long.
  await button.click({ force: true });
  await widget.getByRole('button', { name: /^Measuring/ }).waitFor({ state: 'visible', timeout: 30_000 }).catch(() => undefined);
  await widget.getByRole('button', { name: /^Measure again/ }).waitFor({ state: 'visible', timeout: 900_000 });
  await widget.locator('[data-testid="engine-choice"] li[data-engine="kernel"]').waitFor({ timeout: 60_000 });
  return readTimings(widget);
}

async function expectEnabled(button: Locator, timeoutMs = 600_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await button.isEnabled().catch(() => false))) {
    if (Date.now() > until) throw new Error('"Measure again" stayed disabled');
    await button.page().waitForTimeout(500);
  }
}

const fastest = (timings: Timing[]) => timings.filter((t) => t.ms !== null).sort((a, b) => (a.ms ?? 0) - (b.ms ?? 0))[0];

/** Our fastest kernel time (one thread or the batch shared among threads) and the fastest tfjs time of one measurement. */
export function split(timings: Timing[]): { kernel: number; tfjs: Timing } {
  const kernel = fastest(timings.filter((t) => t.engine.startsWith('kernel')))?.ms;
  const tfjs = fastest(timings.filter((t) => t.engine.startsWith('tfjs-')));
  if (!kernel) throw new Error(`the kernel has no time: ${JSON.stringify(timings)}`);
  if (!tfjs) throw new Error(`no tfjs backend has a time: ${JSON.stringify(timings)}`);
  return { kernel, tfjs };
}

const describe = (timings: Timing[]) => timings.map((t) => `${t.engine} ${t.ms === null ? `n/a (${t.why})` : `${t.ms.toFixed(1)} ms`}`).join(', ');

interface RatioCase {
  figure: string;
  chapter: string;
  widget: string;
  what: string;
  /** Gets the widget to where "Measure again" can run. */
  prepare?(page: Page, widget: Locator): Promise<void>;
}

async function ratioOf(c: RatioCase, { dist, note }: BenchContext): Promise<Outcome> {
  const missing = chromiumMissing();
  if (missing) return { name: c.figure, unavailable: missing };
  const served = await serveBook(await dist());
  const browser = await launchChromium({ extraArgs: WEBGPU_ARGS });
  try {
    const page = await browser.context.newPage();
    await page.goto(served.baseUrl + c.chapter);
    const widget = page.locator(`[data-widget="${c.widget}"]`).first();
    await page.waitForFunction((name) => document.querySelector(`[data-widget="${name}"]`)?.getAttribute('data-widget-ready') === 'true', c.widget, { timeout: 120_000 });
    await c.prepare?.(page, widget);
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const timings = await measureAgain(widget);
      const { kernel, tfjs } = split(timings);
      ratios.push((tfjs.ms ?? NaN) / kernel);
      note(`${c.figure} round ${round + 1}: ${describe(timings)} → ${((tfjs.ms ?? NaN) / kernel).toFixed(2)}× (our fastest kernel vs ${tfjs.engine})`);
    }
    note(`${c.figure}: ${c.what}; median of ${ROUNDS} rounds`);
    return { name: c.figure, value: median(ratios), unit: 'x', digits: 2 };
  } finally {
    await browser.close();
    await served.close();
  }
}

const CASES: RatioCase[] = [
  {
    figure: 'mnist_train_ratio_vs_tfjs',
    chapter: '/chapters/mnist-rows',
    widget: 'MnistTraining',
    what: 'chapter 14 browser model (LSTM(32), 28×28 rows, batch 32), one training step per engine on the same batch and weights',
  },
  {
    figure: 'sentiment_train_ratio_vs_tfjs',
    chapter: '/chapters/lstm-sentiment',
    widget: 'SentimentTrainer',
    what: "chapter 7's trainer (Embedding + LSTM(40) + Dense(2), UCI sentences), one training step per engine on the same batch and weights",
    // The trainer measures a model it has: train one epoch first.
    async prepare(_page, widget) {
      await widget.getByLabel('Epochs').fill('1');
      await widget.getByRole('button', { name: /^Train 1 epoch/ }).click();
      await widget.getByTestId('stop-reason').waitFor({ timeout: 300_000 });
    },
  },
];

const BIG_VOCAB = 5000;

/** Sets the char-LM's input layer and waits for the model to be rebuilt with it. */
async function setCharInput(widget: Locator, input: 'auto' | 'one-hot', expect: 'embedding' | 'one-hot'): Promise<void> {
  await widget.getByLabel('Input layer').selectOption(input);
  const line = widget.getByTestId('input-line');
  const wanted = expect === 'embedding' ? /through an Embedding/ : /as a one-hot row/;
  for (let i = 0; i < 600 && !wanted.test((await line.textContent().catch(() => '')) ?? ''); i++) await widget.page().waitForTimeout(500);
}

export async function bigVocabRatio({ dist, note }: BenchContext): Promise<Outcome> {
  const name = 'charlm_bigvocab_ratio';
  const missing = chromiumMissing();
  if (missing) return { name, unavailable: missing };
  const text = cjkMobyDick(BIG_VOCAB);
  const served = await serveBook(await dist());
  const browser = await launchChromium({ extraArgs: WEBGPU_ARGS });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${served.baseUrl}/chapters/char-lstm-novel`);
    await page.waitForFunction(() => document.querySelector('[data-widget="CharLmTraining"]')?.getAttribute('data-widget-ready') === 'true', null, { timeout: 120_000 });
    const widget = page.locator('[data-widget="CharLmTraining"]');
    const own = page.locator('[data-widget="CharLmOwn"]');
    await own.locator('input[type="file"][accept^=".txt"]').setInputFiles({ name: 'moby-dick-cjk.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
    await own.getByText(/vocabulary of 5,000\./).waitFor({ timeout: 300_000 });
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await setCharInput(widget, 'auto', 'embedding');
      const fresh = await measureAgain(widget);
      const chosen = (await widget.getByTestId('engine-choice').getAttribute('data-engine')) ?? 'kernel';
      const defaultMs = fresh.find((t) => t.engine === chosen)?.ms;
      await setCharInput(widget, 'one-hot', 'one-hot');
      const today = split(await measureAgain(widget)).tfjs;
      if (!defaultMs || !today.ms) throw new Error('a side has no time');
      ratios.push(today.ms / defaultMs);
      note(`${name} round ${round + 1}: default (Embedding input) ${describe(fresh)}, chose ${chosen}; one-hot fastest tfjs ${today.engine} ${today.ms.toFixed(1)} ms → ${(today.ms / defaultMs).toFixed(2)}×`);
    }
    note(`${name}: Moby-Dick mapped to ${BIG_VOCAB} distinct CJK characters (${text.length.toLocaleString('en')} characters), chapter 17 browser model; median of ${ROUNDS} rounds`);
    return { name, value: median(ratios), unit: 'x', digits: 2 };
  } finally {
    await browser.close();
    await served.close();
  }
}

export const trainRatios: Bench = {
  figures: [...CASES.map((c) => c.figure), 'charlm_bigvocab_ratio'],
  async run(context) {
    const results: Outcome[] = [];
    for (const c of CASES) {
      try {
        results.push(await ratioOf(c, context));
      } catch (error) {
        results.push({ name: c.figure, unavailable: oneLine(errorMessage(error)) });
      }
    }
    try {
      results.push(await bigVocabRatio(context));
    } catch (error) {
      results.push({ name: 'charlm_bigvocab_ratio', unavailable: oneLine(errorMessage(error)) });
    }
    return results;
  },
};
