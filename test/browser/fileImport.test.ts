/**
 * Bad files in a real browser: the char-LSTM's "own .txt" input refuses an empty file and a PNG
 * renamed .txt with a message that says what is wrong and what to do, and Moby-Dick stays the
 * text the model trains on.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);

describe('bad files', () => {
  it('the char-LM text import refuses an empty file and a PNG renamed .txt, keeping Moby-Dick', async () => {
    const book = await openBook('/chapters/char-lstm-novel');
    await book.chapterReady();
    await book.widgetsReady(120_000);
    const training = book.widget('CharLmTraining');
    const own = book.widget('CharLmOwn');
    const corpus = () => training.getByTestId('corpus-line').textContent();
    await expect.poll(corpus, { timeout: 60_000 }).toContain('1,190,317 characters, 83 distinct');
    const input = own.getByLabel('Train on your own .txt file');

    await input.setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await expect.poll(() => own.getByTestId('own-problem').textContent()).toBe('empty.txt is empty. Choose a file that has something in it.');
    expect(await corpus()).toContain('1,190,317 characters, 83 distinct');

    await input.setInputFiles({ name: 'picture.txt', mimeType: 'text/plain', buffer: PNG });
    await expect.poll(() => own.getByTestId('own-problem').textContent()).toMatch(/^picture\.txt is not a text file .*Choose a plain-text file\.$/);
    expect(await corpus()).toContain('1,190,317 characters, 83 distinct');

    await input.setInputFiles({ name: 'short.txt', mimeType: 'text/plain', buffer: Buffer.from('hello world') });
    await expect.poll(() => own.getByTestId('own-problem').textContent()).toMatch(/^short\.txt has 11 characters; one training batch needs at least [\d,]+\. Choose a longer text\.$/);
    expect(await corpus()).toContain('1,190,317 characters, 83 distinct');
    book.expectClean();
  });
});
