/**
 * The sentiment trainer's and the comparison's links in a real browser: the chosen model and its
 * hyperparameters, copied from the shell and opened in a fresh browser, come back the same; the
 * shell says trained weights travel by export, not by link; a garbage link gives the chapter's
 * defaults and the note.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';
import { type LinkCase, linkRoundTrip } from './linkRoundTrip';

const harness = useBook();
const { openBook } = harness;

const values = (shell: Locator, labels: string[]) => Promise.all(labels.map((label) => shell.getByLabel(label, { exact: true }).inputValue()));

const TRAINER_FIELDS = ['Recurrent layer', 'Units', 'Embedding size', 'Epochs', 'Learning rate (Adam)', 'Early stopping patience (0 = off)'];
const COMPARISON_FIELDS = ['Embedding size', 'Units', 'Epochs', 'Batch size', 'Learning rate (Adam)'];

const cases: LinkCase[] = [
  {
    widget: 'SentimentTrainer',
    chapter: '/chapters/rnn-sentiment',
    param: 'sentiment-train-ch04',
    async change(shell) {
      await shell.getByLabel('Recurrent layer').selectOption('lstm');
      await shell.getByLabel('Units', { exact: true }).fill('17');
      await shell.getByLabel('Learning rate (Adam)').fill('0.003');
      await shell.getByLabel('Early stopping patience (0 = off)').fill('0');
    },
    read: (shell) => values(shell, TRAINER_FIELDS),
  },
  {
    widget: 'SentimentComparison',
    chapter: '/chapters/imdb-rnn-lstm-gru',
    param: 'sentiment-compare-ch11',
    async change(shell) {
      await shell.getByLabel('Units', { exact: true }).fill('7');
      await shell.getByLabel('Epochs').fill('3');
      await shell.getByLabel('Learning rate (Adam)').fill('0.02');
    },
    read: (shell) => values(shell, COMPARISON_FIELDS),
  },
];

describe('sentiment links', () => {
  for (const c of cases) {
    it(`${c.widget}: the copied link opens the same model and hyperparameters in a fresh browser`, () => linkRoundTrip(harness, c));
  }

  it('SentimentTrainer: the shell says the weights travel by export; a garbage link gives the chapter defaults and the note', async () => {
    const book = await openBook('/chapters/lstm-sentiment?sentiment-train-ch07=%25%25%25');
    await book.chapterReady();
    const shell = book.widget('SentimentTrainer');
    await shell.waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(() => shell.getByRole('status').filter({ hasText: 'could not be read' }).count(), { timeout: 30_000 }).toBe(1);
    // Chapter 7's own defaults: LSTM(40) on 32-number embeddings, 6 epochs, Adam at 0.01.
    expect(await values(shell, TRAINER_FIELDS)).toEqual(['lstm', '40', '32', '6', '0.01', '3']);
    expect(await shell.locator('.widget-link-weights').first().textContent()).toContain('Trained weights are too big for a link');
    book.expectClean();
  });
});
