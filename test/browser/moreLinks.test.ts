/**
 * "Copy link to this state" for the widgets of chapters 4, 6, 9, 10, 13, 14 and 17: each case
 * changes what the reader can change, copies the shell's link and finds the same state in a fresh
 * browser (linkRoundTrip.ts); a widget with nothing of the reader's links to its anchor only.
 * Then every link format here gets a garbage link, opened in this file's browser, where the round
 * trips above saved other settings: the widget starts from its defaults, not the saved copy, and
 * says why.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';
import { type LinkCase, anchorRoundTrip, linkRoundTrip } from './linkRoundTrip';

const harness = useBook();
const { openBook } = harness;

const CHAPTER = {
  sentiment: '/chapters/rnn-sentiment',
  lstm: '/chapters/lstm-from-scratch',
  layerArgs: '/chapters/layer-arguments',
  gru: '/chapters/gru',
  bidirectional: '/chapters/bidirectional',
  mnist: '/chapters/mnist-rows',
  novel: '/chapters/char-lstm-novel',
};

/** The values of these labelled fields, in order (inputs, text areas and selects alike). */
const values = (shell: Locator, labels: string[]) => Promise.all(labels.map((label) => shell.getByLabel(label, { exact: true }).inputValue()));

/** A case whose state is what a few labelled fields show; `defaults` is what they show untouched. */
interface FieldCase extends LinkCase {
  defaults: unknown;
}

const fields = (widget: string, chapter: string, param: string, labels: string[], defaults: string[], change: LinkCase['change']): FieldCase => ({
  widget,
  chapter,
  param,
  change,
  read: (shell) => values(shell, labels),
  defaults,
});

/** The drawn digit (its total ink), how many rows were read, and whether it is centred. */
const readDigit = async (shell: Locator) => ({
  ink: await shell.getByTestId('mnist-pad').getAttribute('data-ink'),
  rows: await shell.getByTestId('mnist-now').getAttribute('data-rows'),
  centre: await shell.getByLabel('Centre my drawing as MNIST digits are').isChecked(),
});

/** A stroke like a 7, drawn with the mouse on the pad. */
async function drawSeven(shell: Locator, page: Page): Promise<void> {
  const box = await shell.getByTestId('mnist-pad').boundingBox();
  if (!box) throw new Error('the pad is not on screen');
  const at = (x: number, y: number) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(0.3, 0.25));
  await page.mouse.down();
  for (const [x, y] of [[0.5, 0.25], [0.7, 0.25], [0.6, 0.5], [0.5, 0.75]]) await page.mouse.move(...at(x, y), { steps: 8 });
  await page.mouse.up();
}

const cases: FieldCase[] = [
  fields('BidirectionalSteps', CHAPTER.bidirectional, 'bidirectional-steps', ['A short sentence', 'Layer'], ['not bad at all', 'lstm'], async (shell) => {
    await shell.getByLabel('A short sentence').fill('good but not great');
    await shell.getByLabel('Layer').selectOption('simpleRNN');
  }),
  fields('LayerPlayground', CHAPTER.layerArgs, 'layer-args', ['Layer type', 'units'], ['simpleRNN', '128'], async (shell) => {
    await shell.getByLabel('Layer type').selectOption('gru');
    await shell.getByLabel('units', { exact: true }).fill('40');
  }),
  fields('GruParamCount', CHAPTER.gru, 'gru-param-count', ['units', 'input features'], ['32', '32'], async (shell) => {
    await shell.getByLabel('units', { exact: true }).fill('12');
    await shell.getByLabel('input features').fill('7');
  }),
  fields('MnistTraining', CHAPTER.mnist, 'mnist-training', ['Model size', 'Training engine'], ['browser', 'auto'], async (shell) => {
    await shell.getByLabel('Training engine').selectOption('kernel');
    await shell.getByLabel('Model size').selectOption('book');
  }),
  {
    widget: 'MnistReader',
    chapter: CHAPTER.mnist,
    param: 'mnist-reader',
    change: async (shell, page) => {
      await shell.getByLabel('Centre my drawing as MNIST digits are').uncheck();
      await drawSeven(shell, page);
      const rows = shell.getByLabel('Rows read');
      await rows.focus();
      for (let i = 0; i < 3; i++) await rows.press('ArrowLeft');
      await expect.poll(() => shell.getByTestId('mnist-now').getAttribute('data-rows')).toBe('25');
    },
    read: readDigit,
    defaults: { ink: '0.00', rows: '28', centre: true },
  },
  fields(
    'CharLmTraining',
    CHAPTER.novel,
    'char-lm-training',
    ['Input layer', 'Training engine', 'Print a sample every … steps', 'Prime text for the samples'],
    ['auto', 'auto', '50', 'The '],
    async (shell) => {
      await shell.getByLabel('Prime text for the samples').fill('Ishmael ');
      await shell.getByLabel('Print a sample every … steps').fill('70');
      await shell.getByLabel('Training engine').selectOption('kernel');
      await shell.getByLabel('Input layer').selectOption('one-hot');
    },
  ),
  fields('CharLmGenerate', CHAPTER.novel, 'char-lm-generate', ['Prime text', 'Length', 'Top-N (0 = all)'], ['Call me ', '300', '4'], async (shell) => {
    await shell.getByLabel('Prime text', { exact: true }).fill('Queequeg was ');
    await shell.getByLabel('Length').fill('120');
    await shell.getByLabel('Top-N (0 = all)').fill('9');
  }),
  fields('SentimentData', CHAPTER.sentiment, 'sentiment-data-ch04', ['Padding', 'Length (0 = longest)', 'num_words (0 = all)'], ['pre', '20', '0'], async (shell) => {
    await shell.getByLabel('Padding').selectOption('post');
    await shell.getByLabel('Length (0 = longest)').fill('15');
    await shell.getByLabel('num_words (0 = all)').fill('500');
  }),
  fields('SentimentInspect', CHAPTER.sentiment, 'sentiment-inspect', ['Your review'], ['The food was not good, and the service was even worse.'], async (shell) => {
    await shell.getByLabel('Your review').fill('Not what I hoped for, but the battery is great.');
  }),
];

const anchors = [
  { widget: 'LstmSlices', chapter: CHAPTER.lstm, param: 'lstm-slices' },
  { widget: 'CharLmOwn', chapter: CHAPTER.novel, param: 'char-lm-own' },
  { widget: 'RecipeModelSummary', chapter: CHAPTER.sentiment, param: 'recipe-tweetRnn' },
];

describe('more widget links', () => {
  for (const c of cases) {
    it(`${c.widget}: the copied link opens the same state in a fresh browser`, () => linkRoundTrip(harness, c));
  }

  for (const c of anchors) {
    it(`${c.widget}: nothing of the reader's, so the copied link is the anchor and scrolls there`, () => anchorRoundTrip(harness, c));
  }

  it('MnistTraining: trained weights are not in its link, and the panel says so and names the export', async () => {
    const book = await openBook(CHAPTER.mnist);
    await book.chapterReady();
    const note = book.widget('MnistTraining').locator('.widget-link-weights');
    await expect.poll(() => note.textContent(), { timeout: 60_000 }).toContain('Trained weights are too big for a link');
    expect(await note.textContent()).toContain('Take this model to Python');
    book.expectClean();
  });

  // One page per chapter, with a garbage link for every widget of it that has a format.
  for (const chapter of new Set(cases.map((c) => c.chapter))) {
    const group = cases.filter((c) => c.chapter === chapter);
    const names = group.map((c) => c.widget).join(', ');
    it(`${names}: a garbage link gives the defaults (not this browser's saved copy) and the note`, async () => {
      const query = group.map((c) => `${c.param}=%25%25%25`).join('&');
      const book = await openBook(`${chapter}?${query}`);
      await book.chapterReady();
      for (const c of group) {
        const shell = book.widget(c.widget).first();
        await shell.waitFor({ state: 'visible', timeout: 60_000 });
        await expect.poll(() => shell.getByRole('status').filter({ hasText: 'could not be read' }).count(), { timeout: 60_000 }).toBe(1);
        await expect.poll(() => c.read(shell, book.page), { timeout: 60_000 }).toEqual(c.defaults);
      }
      book.expectClean();
    });
  }
});
