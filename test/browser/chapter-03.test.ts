/**
 * Recipe 3 in a real browser: the seed's preprocessing values, the real tfjs model's counts,
 * training in the worker with the loss falling, the hand computation equal to predict within
 * 1e-6, the trained model surviving a reload, and the seed-003 toy's shapes.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';
import { lossesAndDelta, trainToy } from './toyLabSteps';

const { openBook } = useBook();

describe('chapter 3: an RNN from scratch', () => {
  it('reproduces the seed, trains, checks predict by hand and keeps the model on reload', async () => {
    const book = await openBook('/chapters/rnn-from-scratch');
    await book.chapterReady();
    await book.widgetsReady();
    const { page } = book;

    expect(await page.textContent('[data-testid=word-index]')).toBe('{"an":2, "example":4, "is":1, "this":3}');
    expect(await page.textContent('[data-testid=padded]')).toBe('[[3, 1], [1, 2]]');
    // Both layers and the total agree with tfjs.
    await expect.poll(() => page.locator('[data-testid=param-table] [data-match=yes]').count(), { timeout: 30_000 }).toBe(3);
    expect(await page.textContent('[data-testid=param-table]')).toContain('1·1 + 1·1 + 1 = 3');

    await trainToy(book, 40, 0.05);
    const trained = await lossesAndDelta(book);
    expect(trained.last).toBeLessThan(trained.first);
    expect(trained.delta).toBeLessThanOrEqual(1e-6);

    await page.reload();
    await book.chapterReady();
    await book.widgetsReady();
    await expect.poll(() => page.textContent('[data-testid=epochs-done]'), { timeout: 30_000 }).toBe('40');
    const restored = await lossesAndDelta(book);
    expect(restored.last).toBe(trained.last);
    expect(restored.delta).toBeLessThanOrEqual(1e-6);
    book.expectClean();
  });

  it('follows edits to the documents and explains bad input', async () => {
    const book = await openBook('/chapters/rnn-from-scratch');
    await book.widgetsReady();
    const prep = book.widget('ToyPreprocessing');
    await prep.getByLabel(/Documents/).fill('the cat sat\nthe dog');
    await prep.getByLabel(/Labels/).fill('down\nbarked');
    await expect.poll(() => book.page.textContent('[data-testid=padded]')).toBe('[[1, 2, 3], [0, 1, 4]]');
    // Six words plus padding: the output layer grows to seven classes, in tfjs too.
    await expect.poll(() => book.page.textContent('[data-testid=param-table]'), { timeout: 30_000 }).toContain('1·7 + 7 = 14');
    await prep.getByLabel(/Labels/).fill('down');
    await expect(prep.getByRole('alert').textContent()).resolves.toMatch(/2 documents and 1 labels/);
    book.expectClean();
  });

  it("runs seed 003's toy RNN with shapes (64,) and (100, 64)", async () => {
    const book = await openBook('/chapters/rnn-from-scratch');
    await book.widgetsReady();
    const toy = book.widget('NumpyToyRnn');
    expect(await toy.getByTestId('step-shape').textContent()).toBe('(64,)');
    expect(await toy.getByTestId('sequence-shape').textContent()).toBe('(100, 64)');
    await toy.getByLabel('timesteps').fill('10');
    await expect.poll(() => toy.getByTestId('sequence-shape').textContent()).toBe('(10, 64)');
    book.expectClean();
  });
});
