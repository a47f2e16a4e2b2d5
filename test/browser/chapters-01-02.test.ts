/**
 * Recipes 1 and 2 in a real browser: every shape of recurrence redraws the unrolled diagram with
 * the right number of cells and outputs, the choice survives a reload, and the order widget's
 * verdicts and distances follow what the reader types. Any console error fails the test.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();

describe('chapter 1: shapes of recurrence', () => {
  it('redraws the unrolled network for each shape and length, and keeps the choice on reload', async () => {
    const book = await openBook('/chapters/shapes-of-recurrence');
    await book.chapterReady();
    await book.widgetsReady();
    const widget = book.widget('RecurrenceShapes');
    const svg = widget.locator('svg.shape-diagram');
    const drawn = async () => ({
      cells: await svg.locator('[data-role="cell"]').count(),
      outputs: await svg.locator('[data-role="output"]').count(),
      inputs: await svg.locator('[data-role="input"]').count(),
    });

    await expect.poll(drawn).toEqual({ cells: 5, outputs: 1, inputs: 5 });
    await widget.getByLabel('Sequence length T').fill('7');
    await expect.poll(drawn).toEqual({ cells: 7, outputs: 1, inputs: 7 });
    expect(await widget.getByTestId('recurrent-output').textContent()).toBe('(None, 16)');

    // Keyboard: from the checked radio, arrow keys walk through the group.
    await widget.getByRole('radio', { name: 'many-to-one' }).focus();
    await book.page.keyboard.press('ArrowRight');
    expect(await widget.getByRole('radio', { name: 'many-to-many (synced)' }).isChecked()).toBe(true);
    await expect.poll(drawn).toEqual({ cells: 7, outputs: 7, inputs: 7 });
    expect(await widget.getByTestId('recurrent-output').textContent()).toBe('(None, 7, 16)');
    expect(await widget.getByTestId('return-sequences').textContent()).toBe('True');

    await widget.getByRole('radio', { name: 'many-to-many (encoder–decoder)' }).check();
    await expect.poll(drawn).toEqual({ cells: 14, outputs: 7, inputs: 14 });
    expect(await svg.locator('.is-repeat').count()).toBe(7);

    await widget.getByRole('radio', { name: 'one-to-many' }).check();
    await expect.poll(drawn).toEqual({ cells: 7, outputs: 7, inputs: 7 });
    expect(await widget.getByTestId('model-output').textContent()).toBe('(None, 7, 1000)');

    await widget.getByRole('radio', { name: 'one-to-one' }).check();
    await expect.poll(drawn).toEqual({ cells: 1, outputs: 1, inputs: 1 });
    expect(await widget.getByLabel('Sequence length T').isDisabled()).toBe(true);

    // The pulse travels while animation is on.
    await widget.getByRole('radio', { name: 'many-to-many (synced)' }).check();
    const first = await svg.getAttribute('data-active');
    await expect.poll(() => svg.getAttribute('data-active'), { timeout: 5_000 }).not.toBe(first);

    await book.page.reload();
    await book.chapterReady();
    await book.widgetsReady();
    expect(await book.widget('RecurrenceShapes').getByRole('radio', { name: 'many-to-many (synced)' }).isChecked()).toBe(true);
    expect(await book.widget('RecurrenceShapes').locator('svg [data-role="cell"]').count()).toBe(7);
    book.expectClean();
  });
});

describe('chapter 2: why order matters', () => {
  it('shows equal bags and different states, and follows typed sentences', async () => {
    const book = await openBook('/chapters/why-order-matters');
    await book.chapterReady();
    await book.widgetsReady();
    const widget = book.widget('OrderMatters');
    const read = (id: string) => widget.getByTestId(id).textContent();

    expect(await read('bow-verdict')).toBe('yes');
    expect(await read('rnn-verdict')).toBe('no');
    const swapped = Number(await read('rnn-distance'));
    expect(swapped).toBeGreaterThan(0.1);

    await widget.getByLabel('Sentence 2', { exact: true }).fill('A is faster than B');
    await expect.poll(() => read('rnn-distance')).toBe('0');
    expect(await read('rnn-verdict')).toBe('yes');

    await widget.getByLabel('Sentence 1', { exact: true }).fill('the dog bit the man');
    await widget.getByLabel('Sentence 2', { exact: true }).fill('the man bit the dog');
    await expect.poll(() => read('bow-verdict')).toBe('yes');
    const dog = Number(await read('rnn-distance'));
    expect(dog).toBeGreaterThan(0.1);
    expect(dog).not.toBe(swapped);

    await widget.getByRole('button', { name: 'Synonym' }).click();
    await expect.poll(() => read('bow-verdict')).toBe('no');
    expect(await read('rnn-distance')).toBe('0');

    await widget.getByLabel('Sentence 1', { exact: true }).fill('B is slower than A');
    await book.page.reload();
    await book.chapterReady();
    await book.widgetsReady();
    expect(await book.widget('OrderMatters').getByLabel('Sentence 1', { exact: true }).inputValue()).toBe('B is slower than A');
    book.expectClean();
  });
});
