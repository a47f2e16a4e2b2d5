/**
 * What "using a chapter's main widget" means, for every chapter: short, but through the real
 * paths (train a little, drag, type, generate), so that the tables, charts and messages a used
 * widget brings are on the page afterwards. Labels come from the book's own dictionary in the
 * page's language, so the same steps run on the English and the Chinese edition.
 *
 *   await useMainWidget(book, slug, 'zh');
 *
 * A chapter whose widgets have nothing to use (the welcome page) maps to null; a chapter missing
 * from the map fails, so a new chapter has to say what its main widget does.
 */
import { expect } from 'vitest';
import { type Locale, type StringKey, type TranslateParams, translate } from '../../src/book/i18n';
import type { BookPage } from './harness';
import { trainToy } from './toyLabSteps';

/** The dictionary of one edition: what the page shows for a key. */
export type Label = (key: StringKey, params?: TranslateParams) => string;
export type MainWidgetAction = (book: BookPage, t: Label) => Promise<void>;

const SLOW = 120_000;

async function press(book: BookPage, key: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await book.page.keyboard.press(key);
}

/** Trains a small model in one sentiment trainer: the fields given, then one epoch. */
async function trainSentiment(book: BookPage, t: Label, fields: Partial<Record<'units' | 'embeddingDim', string>>): Promise<void> {
  const trainer = book.widget('SentimentTrainer');
  for (const [key, value] of Object.entries(fields)) await trainer.getByLabel(t(`sentiment.train.${key}` as StringKey), { exact: true }).fill(value);
  await trainer.getByLabel(t('sentiment.train.epochs'), { exact: true }).fill('1');
  await trainer.getByRole('button', { name: t('sentiment.train.start', { epochs: 1 }) }).click();
  await expect.poll(() => trainer.getByTestId('epochs-done').textContent(), { timeout: SLOW }).toBe('1');
}

/** Drags the first weight of the cell explorer by keyboard, as a reader holding an arrow key. */
async function nudgeExplorer(book: BookPage): Promise<void> {
  await book.widget('CellExplorer').getByRole('slider').first().focus();
  await press(book, 'ArrowUp', 3);
}

export const MAIN_WIDGET_ACTIONS: Record<string, MainWidgetAction | null> = {
  welcome: null,
  'shapes-of-recurrence': async (book, t) => {
    await book.widget('RecurrenceShapes').getByRole('radio', { name: t('shapes.manyToManyDelayed') }).check();
  },
  'why-order-matters': async (book, t) => {
    await book.widget('OrderMatters').getByRole('button', { name: t('order.preset.synonym') }).click();
  },
  'rnn-from-scratch': (book, t) => trainToy(book, 5, 0.05, t),
  'rnn-sentiment': (book, t) => trainSentiment(book, t, { units: '3', embeddingDim: '3' }),
  'vanishing-gradients': async (book, t) => {
    await book.widget('GradientFlow').getByRole('button', { name: t('gradients.flow.exploding') }).click();
    await book.widget('ClippingDemo').getByLabel(t('gradients.clip.clipNorm')).fill('2');
  },
  'lstm-from-scratch': async (book, t) => {
    await trainToy(book, 5, 0.05, t);
    await nudgeExplorer(book);
  },
  'lstm-sentiment': (book, t) => trainSentiment(book, t, { units: '4', embeddingDim: '4' }),
  'stacked-lstm': (book, t) => trainSentiment(book, t, { units: '4', embeddingDim: '4' }),
  'layer-arguments': async (book, t) => {
    const playground = book.widget('LayerPlayground');
    await playground.getByLabel(t('layerArgs.cell')).selectOption('lstm');
    await playground.getByLabel(t('layerArgs.returnSequences')).check();
    await expect.poll(() => playground.getByTestId('total-tfjs').textContent(), { timeout: SLOW }).toMatch(/✓/);
  },
  gru: nudgeExplorer,
  'imdb-rnn-lstm-gru': async (book, t) => {
    const compare = book.widget('SentimentComparison');
    await compare.getByLabel(t('compare.units'), { exact: true }).fill('3');
    await compare.getByLabel(t('compare.embeddingDim'), { exact: true }).fill('3');
    await compare.getByLabel(t('compare.epochs'), { exact: true }).fill('1');
    await compare.getByRole('button', { name: t('compare.start', { epochs: 1 }) }).click();
    for (const cell of ['simpleRNN', 'lstm', 'gru']) {
      await expect.poll(() => compare.locator(`tr[data-cell=${cell}]`).getAttribute('data-epochs'), { timeout: SLOW }).toBe('1');
    }
  },
  'stacked-lstm-dropout': (book, t) => trainSentiment(book, t, { units: '4', embeddingDim: '4' }),
  bidirectional: async (book, t) => {
    const steps = book.widget('BidirectionalSteps');
    await steps.getByLabel(t('bidi.sentence')).fill('the food was great');
    await expect.poll(() => steps.locator('[data-testid=bidi-merged] tbody tr').first().getAttribute('data-token')).toBe('the');
  },
  'mnist-rows': async (book, t) => {
    const training = book.widget('MnistTraining');
    await training.getByRole('button', { name: t('mnist.train.start'), exact: true }).click();
    await expect.poll(async () => Number(await training.getByTestId('mnist-steps').textContent()), { timeout: SLOW }).toBeGreaterThanOrEqual(3);
    await training.getByRole('button', { name: t('mnist.train.stop') }).click();
    // Stopping evaluates on the held-out digits; then the reader reads a digit drawn with the mouse.
    await expect.poll(() => training.getByTestId('mnist-heldout').getAttribute('data-value'), { timeout: SLOW }).toMatch(/\d/);
    const pad = book.widget('MnistReader').getByTestId('mnist-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    const at = (col: number, row: number): [number, number] => [box.x + (col / 28) * box.width, box.y + (row / 28) * box.height];
    await book.page.mouse.move(...at(7, 6));
    await book.page.mouse.down();
    for (let col = 8; col <= 21; col++) await book.page.mouse.move(...at(col, 6));
    for (let k = 1; k <= 14; k++) await book.page.mouse.move(...at(21 - k * 0.55, 6 + k * 1.2));
    await book.page.mouse.up();
    await expect.poll(() => book.widget('MnistReader').getByTestId('mnist-prediction').getAttribute('data-probs'), { timeout: SLOW }).toMatch(/\d/);
  },
  'char-language-model': async (book, t) => {
    const hello = book.widget('HelloLm');
    await hello.getByLabel(t('toy.train.epochs'), { exact: true }).fill('50');
    await hello.getByRole('button', { name: t('charLm.hello.train', { epochs: 50 }) }).click();
    await expect.poll(() => hello.getByTestId('hello-epochs').textContent(), { timeout: SLOW }).toBe('50');
    const sampler = book.widget('HelloSampler');
    for (let i = 0; i < 3; i++) await sampler.getByRole('button', { name: t('charLm.sampler.next') }).click();
  },
  'char-minibatches': async (book, t) => {
    const widget = book.widget('CharBatches');
    await widget.getByLabel(t('charLm.batches.n')).fill('3');
    await widget.getByLabel(t('charLm.batches.m')).fill('5');
    await expect.poll(() => widget.getByTestId('batch-x').locator('.char-row').count()).toBe(3);
  },
  'char-lstm-novel': async (book, t) => {
    const training = book.widget('CharLmTraining');
    await training.getByRole('button', { name: t('charLm.train.start'), exact: true }).click();
    await expect.poll(async () => Number(await training.getByTestId('train-step').textContent()), { timeout: SLOW }).toBeGreaterThanOrEqual(1);
    await training.getByRole('button', { name: t('charLm.train.pause') }).click();
    await training.getByRole('button', { name: t('charLm.train.start'), exact: true }).waitFor({ timeout: SLOW });
    const generate = book.widget('CharLmGenerate');
    await generate.getByLabel(t('charLm.gen.length')).fill('20');
    await generate.getByRole('button', { name: t('charLm.gen.go') }).click();
    await expect.poll(() => generate.getByTestId('generated').locator('button').count(), { timeout: SLOW }).toBe(20);
  },
};

/** The dictionary of `locale`, as the page words it. */
export function labelsOf(locale: Locale): Label {
  return (key, params) => translate(locale, key, params);
}

/** Uses the chapter's main widget in the page's language; false when the chapter has none. */
export async function useMainWidget(book: BookPage, slug: string, locale: Locale): Promise<boolean> {
  const action = MAIN_WIDGET_ACTIONS[slug];
  if (action === undefined) throw new Error(`mainWidgetActions: no entry for chapter "${slug}"; say what its main widget does (or null).`);
  if (action === null) return false;
  await action(book, labelsOf(locale));
  return true;
}
