/**
 * The links of the toy labs (chapters 3 and 6) and of the "hello" chapter (15) in a real browser:
 * the reader's documents, training settings, checked document and step, softmax logits, the
 * "hello" view and the sampling loop's settings and draws, copied from each shell and opened in
 * a fresh browser, come back the same (the weights do not: the shells say they travel by export);
 * the model summary, with nothing of the reader's, links to its anchor; a garbage link gives the
 * defaults and the note.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';
import { type LinkCase, anchorRoundTrip, linkRoundTrip } from './linkRoundTrip';

const harness = useBook();
const { openBook } = harness;

const CHAPTER = { rnn: '/chapters/rnn-from-scratch', lstm: '/chapters/lstm-from-scratch', hello: '/chapters/char-language-model' };

const values = (shell: Locator, labels: string[]) => Promise.all(labels.map((label) => shell.getByLabel(label, { exact: true }).inputValue()));

const cases: LinkCase[] = [
  {
    widget: 'ToyPreprocessing',
    chapter: CHAPTER.rnn,
    param: 'toy-rnn-preprocessing',
    async change(shell) {
      await shell.getByLabel('Documents (one per line)').fill('the cat sat\nthe dog');
      await shell.getByLabel('Labels (one word per line)').fill('down\nbarked');
      await shell.getByLabel('Padding').selectOption('post');
    },
    read: (shell) => values(shell, ['Documents (one per line)', 'Labels (one word per line)', 'Padding']),
  },
  {
    widget: 'ToyTraining',
    chapter: CHAPTER.rnn,
    param: 'toy-rnn-training',
    async change(shell) {
      await shell.getByLabel('Epochs').fill('120');
      await shell.getByLabel('Learning rate').fill('0.02');
    },
    read: (shell) => values(shell, ['Epochs', 'Learning rate']),
  },
  {
    widget: 'ToyForwardCheck',
    chapter: CHAPTER.lstm,
    param: 'toy-lstm-check',
    async change(shell) {
      await shell.getByLabel('Document').selectOption('1');
      await shell.getByLabel('Step drawn as the cell, with the trained weights').press('Home');
    },
    read: (shell) => values(shell, ['Document', 'Step drawn as the cell, with the trained weights']),
  },
  {
    widget: 'SoftmaxExample',
    chapter: CHAPTER.hello,
    param: 'softmax-example',
    async change(shell) {
      await shell.getByLabel('logit for "e"').fill('5.5');
      await shell.getByLabel('Temperature').press('ArrowLeft');
    },
    read: async (shell) => [...(await values(shell, ['logit for "e"', 'Temperature'])), await shell.getByTestId('p-e').textContent()],
  },
  {
    widget: 'HelloLm',
    chapter: CHAPTER.hello,
    param: 'hello-lm',
    async change(shell) {
      await shell.getByLabel('Epochs').fill('250');
      await shell.getByLabel('Time step').press('End');
    },
    read: async (shell) => [...(await values(shell, ['Epochs', 'Time step'])), await shell.getByTestId('hello-step').textContent()],
  },
  {
    widget: 'HelloSampler',
    chapter: CHAPTER.hello,
    param: 'hello-sampler',
    async change(shell) {
      await shell.getByLabel('Start character').selectOption({ label: 'e' });
      await shell.getByLabel('Choice').selectOption('sample');
      await shell.getByLabel('Top-N (0 = all)').fill('3');
      await shell.getByLabel('Random seed').fill('5');
      for (let i = 0; i < 3; i++) await shell.getByRole('button', { name: 'Sample next character' }).click();
    },
    // The characters drawn depend on the weights, which stay behind; how many were drawn does not.
    read: async (shell) => [...(await values(shell, ['Start character', 'Choice', 'Top-N (0 = all)', 'Random seed'])), [...((await shell.getByTestId('sampler-text').textContent()) ?? '')].length],
  },
];

describe('toy and "hello" links', () => {
  for (const c of cases) {
    it(`${c.widget}: the copied link opens the same state in a fresh browser`, () => linkRoundTrip(harness, c));
  }

  it("ToyModelSummary: nothing of the reader's, so the copied link is the anchor and scrolls there", () =>
    anchorRoundTrip(harness, { widget: 'ToyModelSummary', chapter: CHAPTER.rnn, param: 'toy-rnn-summary' }));

  it('the trained widgets say their weights travel by export; garbage links give the defaults and the note', async () => {
    const book = await openBook(`${CHAPTER.rnn}?toy-rnn-training=%25%25%25&toy-rnn-preprocessing=e30`);
    await book.chapterReady();
    for (const widget of ['ToyPreprocessing', 'ToyTraining']) {
      const shell = book.widget(widget);
      await shell.waitFor({ state: 'visible', timeout: 60_000 });
      await expect.poll(() => shell.getByRole('status').filter({ hasText: 'could not be read' }).count(), { timeout: 30_000 }).toBe(1);
    }
    expect(await values(book.widget('ToyTraining'), ['Epochs', 'Learning rate'])).toEqual(['500', '0.001']);
    expect(await book.widget('ToyPreprocessing').getByLabel('Documents (one per line)').inputValue()).toBe('this, is\nis an');
    for (const widget of ['ToyTraining', 'ToyModelSummary', 'ToyForwardCheck']) {
      expect(await book.widget(widget).locator('.widget-link-weights').first().textContent()).toContain('Trained weights are too big for a link');
    }
    book.expectClean();
  });
});
