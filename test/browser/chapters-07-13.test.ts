/**
 * Recipes 7, 8, 11, 12 and 13 in a real browser: every book-size count from tfjs beside our
 * arithmetic (✓ on every row), a tiny LSTM trained in chapter 7 with its hand-computed inspect
 * equal to tfjs, the SimpleRNN/LSTM/GRU comparison of chapter 11 trained for one epoch each, and
 * in chapter 13 a small bidirectional LSTM whose by-hand prediction equals tfjs'. Any console
 * error fails the test.
 */
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type BookPage, useBook } from './harness';

const { openBook } = useBook();

async function open(path: string): Promise<BookPage> {
  const book = await openBook(path);
  await book.chapterReady();
  await book.widgetsReady(120_000);
  return book;
}

/** The summary of one recipe model: every row (layers + total) agrees with tfjs. */
async function expectSummary(book: BookPage, layers: number, has: string[]): Promise<Locator> {
  const summary = book.widget('RecipeModelSummary').filter({ hasText: has[0] });
  await expect.poll(() => summary.locator('[data-match=yes]').count(), { timeout: 60_000 }).toBe(layers + 1);
  expect(await summary.locator('[data-match=no]').count()).toBe(0);
  const table = (await summary.locator('[data-testid=param-table]').textContent()) ?? '';
  for (const text of has) expect(table).toContain(text);
  return summary;
}

async function expectInspectMatchesTfjs(book: BookPage): Promise<void> {
  const delta = () => book.widget('SentimentInspect').locator('[data-testid=inspect-delta]').getAttribute('data-value');
  await expect.poll(delta, { timeout: 30_000 }).toMatch(/\d/);
  expect(Number(await delta())).toBeLessThan(1e-5);
}

async function trainTiny(book: BookPage, fill: Record<string, string>): Promise<void> {
  const trainer = book.widget('SentimentTrainer');
  for (const [label, value] of Object.entries(fill)) await trainer.getByLabel(label, { exact: true }).fill(value);
  await trainer.getByRole('button', { name: 'Train 1 epochs' }).click();
  await expect.poll(() => trainer.locator('[data-testid=epochs-done]').textContent(), { timeout: 120_000 }).toBe('1');
  expect(Number(await trainer.locator('[data-testid=val-acc]').getAttribute('data-value'))).toBeGreaterThan(0.4);
}

describe('chapters 7–13: LSTM, stacked, IMDB comparison, dropout, bidirectional', () => {
  it('chapter 7: LSTM(40) counts and slices, a tiny LSTM trained, inspect equals tfjs', async () => {
    const book = await open('/chapters/lstm-sentiment');
    await expectSummary(book, 3, ['412,818', '32·160 + 40·160 + 160 = 11,680', '12533·32 = 401,056', '40·2 + 2 = 82']);
    await expect.poll(() => book.widget('LstmSlices').locator('[data-testid=lstm40-tfjs]').textContent(), { timeout: 60_000 }).toBe('11,680 ✓');
    expect(await book.widget('LstmSlices').locator('[data-gate]').count()).toBe(4);
    await trainTiny(book, { Units: '4', 'Embedding size': '4', Epochs: '1' });
    await expectInspectMatchesTfjs(book);
    book.expectClean();
  });

  it('chapter 8: the second LSTM(40) is 12,960, its input (None, 26, 40); stacked SimpleRNN(128) is 32,896 each', async () => {
    const book = await open('/chapters/stacked-lstm');
    await expectSummary(book, 4, ['425,778', '40·160 + 40·160 + 160 = 12,960', '(None, 26, 40)']);
    const stacked = await expectSummary(book, 4, ['83,713', '128·128 + 128·128 + 128 = 32,896', '(None, None, 128)']);
    expect(((await stacked.locator('[data-testid=param-table]').textContent()) ?? '').match(/32,896 ✓/g)).toHaveLength(2);
    await expectSummary(book, 2, ['17,921', '10·128 + 128·128 + 128 = 17,792']);
    book.expectClean();
  });

  it('chapter 11: 320,000 / 2,080 / 328,320 / 8,320 / 33, and the three cells compared on one split', async () => {
    const book = await open('/chapters/imdb-rnn-lstm-gru');
    await expectSummary(book, 5, ['328,320', '10000·32 = 320,000', '32·32 + 32·32 + 32 = 2,080']);
    // The source's first two summaries, 322,080 each: last state (None, 32) and whole sequence (None, None, 32).
    for (const model of ['imdbRnnLastState', 'imdbRnnSequences']) {
      const summary = book.widget('RecipeModelSummary').filter({ hasText: `(${model})` });
      await expect.poll(() => summary.locator('[data-match=yes]').count(), { timeout: 60_000 }).toBe(3);
      expect((await summary.locator('[data-testid=param-table] tfoot').textContent()) ?? '').toContain('322,080');
      const rnnRow = (await summary.locator('[data-testid=param-table] tbody tr').nth(1).textContent()) ?? '';
      expect(rnnRow).toContain(model === 'imdbRnnLastState' ? '(None, 32)' : '(None, None, 32)');
    }
    await expectSummary(book, 3, ['322,113', '32·32 + 32·32 + 32 = 2,080', '32·1 + 1 = 33']);
    await expectSummary(book, 3, ['32·128 + 32·128 + 128 = 8,320', '32·1 + 1 = 33']);
    await expectSummary(book, 3, ['32·96 + 32·96 + 96 = 6,240']);
    const compare = book.widget('SentimentComparison');
    await compare.getByLabel('Units').fill('3');
    await compare.getByLabel('Embedding size').fill('3');
    await compare.getByLabel('Epochs').fill('1');
    await compare.getByRole('button', { name: 'Train all three, 1 epochs each' }).click();
    for (const cell of ['simpleRNN', 'lstm', 'gru']) {
      await expect.poll(() => compare.locator(`tr[data-cell=${cell}]`).getAttribute('data-epochs'), { timeout: 120_000 }).toBe('1');
    }
    await expect.poll(() => compare.getByRole('button', { name: 'Train all three, 1 epochs each' }).count(), { timeout: 30_000 }).toBe(1);
    for (const cell of ['simpleRNN', 'lstm', 'gru']) {
      expect(Number(await compare.locator(`tr[data-cell=${cell}]`).getAttribute('data-final'))).toBeGreaterThan(0.4);
    }
    expect(await compare.locator('svg path[stroke-dasharray]').count()).toBeGreaterThanOrEqual(6);
    book.expectClean();
  });

  it('chapter 12: 8,000 / 271,360 / 525,312 / 514 = 805,186', async () => {
    const book = await open('/chapters/stacked-lstm-dropout');
    await expectSummary(book, 6, ['1000·8 = 8,000', '8·1024 + 256·1024 + 1024 = 271,360', '256·1024 + 256·1024 + 1024 = 525,312', '256·2 + 2 = 514', '805,186']);
    expect(await book.widget('SentimentTrainer').getByLabel('Dropout after each recurrent layer').inputValue()).toBe('0.5');
    book.expectClean();
  });

  it('chapter 13: 87,200 and 1,352,674; the steps widget; a small BiLSTM trained and inspected by hand', async () => {
    const book = await open('/chapters/bidirectional');
    await expectSummary(book, 8, ['2 × (8·400 + 100·400 + 400) = 87,200', '1,352,674']);
    const steps = book.widget('BidirectionalSteps');
    expect(await steps.locator('[data-testid=bidi-merged] tbody tr').count()).toBe(4);
    await steps.getByLabel('A short sentence').fill('the food was great');
    await expect.poll(() => steps.locator('[data-testid=bidi-merged] tbody tr').first().getAttribute('data-token')).toBe('the');
    await trainTiny(book, { Units: '4', Epochs: '1' });
    const summary = await book.widget('SentimentTrainer').locator('[data-testid=trained-param-table]').textContent();
    expect(summary).toContain('Bidirectional');
    await expectInspectMatchesTfjs(book);
    book.expectClean();
  });
});
