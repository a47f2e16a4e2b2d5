/**
 * Recipe 4 in a real browser: the book-size model's counts (401,056 / 2,920 / 82) from tfjs
 * beside our arithmetic, the shipped sentences preprocessed, a tiny model trained for 2 epochs in
 * the sentiment worker, the hand-computed Inspect equal to tfjs' predict, and the trained model
 * restored from IndexedDB after a reload. Any console error fails the test.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();

describe('chapter 4: an RNN sentiment classifier', () => {
  it('shows the book-size counts, trains a tiny model, inspects it and restores it after a reload', async () => {
    const book = await openBook('/chapters/rnn-sentiment');
    await book.chapterReady();
    await book.widgetsReady(90_000);
    const { page } = book;

    const summary = book.widget('RecipeModelSummary');
    await expect.poll(() => summary.locator('[data-match=yes]').count(), { timeout: 60_000 }).toBe(4);
    const table = await summary.locator('[data-testid=param-table]').textContent();
    expect(table).toContain('12533·32 = 401,056');
    expect(table).toContain('32·40 + 40·40 + 40 = 2,920');
    expect(table).toContain('40·2 + 2 = 82');
    expect(table).toContain('404,058');
    expect(await summary.locator('[data-testid=tfjs-summary]').textContent()).toContain('401056');

    const data = book.widget('SentimentData');
    await expect.poll(() => data.locator('[data-testid=text-count]').textContent(), { timeout: 30_000 }).toBe('2,997');
    expect(await data.locator('[data-testid=split]').textContent()).toBe('2,098 / 899');

    const trainer = book.widget('SentimentTrainer');
    await trainer.getByLabel('Units').fill('4');
    await trainer.getByLabel('Embedding size').fill('4');
    await trainer.getByLabel('Epochs').fill('2');
    await trainer.getByRole('button', { name: 'Train 2 epochs' }).click();
    await expect.poll(() => trainer.locator('[data-testid=epochs-done]').textContent(), { timeout: 150_000 }).toBe('2');
    await expect.poll(() => trainer.locator('[data-testid=saved-status]').getAttribute('data-saved'), { timeout: 30_000 }).toBe('yes');
    const valAcc = Number(await trainer.locator('[data-testid=val-acc]').getAttribute('data-value'));
    expect(valAcc).toBeGreaterThan(0);

    const inspect = book.widget('SentimentInspect');
    const delta = async () => inspect.locator('[data-testid=inspect-delta]').getAttribute('data-value');
    await expect.poll(delta, { timeout: 30_000 }).toMatch(/\d/);
    expect(Number(await delta())).toBeLessThan(1e-5);
    const verdict = await inspect.locator('[data-testid=inspect-prediction]').getAttribute('data-class');
    expect(['negative', 'positive']).toContain(verdict);
    await inspect.getByLabel('Your review').fill('Great phone, I love it, excellent battery.');
    await expect.poll(() => inspect.locator('[data-testid=inspect-cleaned]').textContent()).toBe('great phone love excellent battery');

    await page.reload();
    await book.chapterReady();
    await book.widgetsReady(90_000);
    const restored = book.widget('SentimentTrainer');
    await expect.poll(() => restored.locator('[data-testid=epochs-done]').textContent(), { timeout: 60_000 }).toBe('2');
    expect(Number(await restored.locator('[data-testid=val-acc]').getAttribute('data-value'))).toBe(valAcc);
    await expect.poll(() => book.widget('SentimentInspect').locator('[data-testid=inspect-delta]').getAttribute('data-value'), { timeout: 30_000 }).toMatch(/\d/);
    expect(Number(await book.widget('SentimentInspect').locator('[data-testid=inspect-delta]').getAttribute('data-value'))).toBeLessThan(1e-5);
    book.expectClean();
  });
});
