/**
 * Recipe 9 in a real browser: the playground's worker builds the source's SimpleRNN(128) +
 * Dense(1) in tfjs and agrees on 17,921; changing arguments rebuilds it and the summary follows;
 * an argument tfjs lacks is explained; Copy reaches the clipboard; settings survive a reload.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();
const BUILD = { timeout: 30_000 };

describe('chapter 9: recurrent layer arguments', () => {
  it('shows 17,921 from tfjs for the default, follows argument changes, and keeps them on reload', async () => {
    const book = await openBook('/chapters/layer-arguments');
    await book.chapterReady();
    await book.widgetsReady(60_000);
    const { page } = book;
    const pg = book.widget('LayerPlayground');

    await expect.poll(() => pg.getByTestId('total-tfjs').textContent(), BUILD).toBe('17,921 ✓');
    expect(await pg.getByTestId('tfjs-summary').textContent()).toContain('Total params: 17921');
    expect(await pg.getByTestId('formula-0').textContent()).toBe('10·128 + 128·128 + 128 = 17,792');
    expect(await pg.getByTestId('layer-table').locator('tbody [data-match=yes]').count()).toBe(2);

    // LSTM: four blocks; tfjs' own summary changes with it.
    await pg.getByLabel('Layer type').selectOption('lstm');
    await expect.poll(() => pg.getByTestId('total-tfjs').textContent(), BUILD).toBe('71,297 ✓');
    expect(await pg.getByTestId('tfjs-summary').textContent()).toContain('Total params: 71297');

    // return_sequences adds the time axis; fixing the length puts a number there.
    await pg.getByLabel('return_sequences').check();
    await pg.getByLabel('Fixed sequence length').check();
    await pg.getByLabel('Time steps').fill('28');
    await expect.poll(() => pg.getByTestId('shape-0').textContent()).toBe('(None, 28, 128)');
    await expect.poll(() => pg.getByTestId('layer-table').locator('tbody tr').first().getAttribute('data-match'), BUILD).toBe('yes');
    expect(await pg.getByTestId('tfjs-summary').textContent()).toContain('[null,28,128]');

    // GRU reset_after=True: counted, explained, not built.
    await pg.getByLabel('Layer type').selectOption('gru');
    await pg.getByLabel('reset_after (GRU)').check();
    await expect.poll(() => pg.getByRole('alert').first().textContent()).toMatch(/unsupported in tfjs: reset_after=True/);
    expect(await pg.getByTestId('code-python').textContent()).toContain('reset_after=True');

    // Copy: the clipboard gets exactly the listing.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await pg.getByRole('button', { name: 'Copy as Keras' }).click();
    await expect.poll(() => pg.getByTestId('code-python').getByRole('status').textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await pg.getByTestId('code-python').locator('code').textContent());

    await page.reload();
    await book.chapterReady();
    await book.widgetsReady(60_000);
    expect(await pg.getByTestId('formula-0').textContent()).toBe('10·384 + 128·384 + 2·384 = 53,760');
    expect(await pg.getByLabel('Layer type').inputValue()).toBe('gru');
    book.expectClean();
  });
});
