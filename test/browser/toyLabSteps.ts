/** Browser steps shared by the toy-model chapters (3 and 6): train a little, then check by hand. */
import { expect } from 'vitest';
import { type StringKey, type TranslateParams, translate } from '../../src/book/i18n';
import type { BookPage } from './harness';

/** Labels are the dictionary's, English unless `t` words them for another edition. */
export async function trainToy(
  book: BookPage,
  epochs: number,
  learningRate: number,
  t: (key: StringKey, params?: TranslateParams) => string = (key, params) => translate('en', key, params),
): Promise<void> {
  const { page } = book;
  const training = book.widget('ToyTraining');
  await training.getByLabel(t('toy.train.epochs')).fill(String(epochs));
  await training.getByLabel(t('toy.train.lr')).fill(String(learningRate));
  await training.getByRole('button', { name: t('toy.train.start', { epochs }) }).click();
  await expect.poll(() => page.textContent('[data-testid=epochs-done]'), { timeout: 60_000 }).toBe(String(epochs));
}

export async function lossesAndDelta(book: BookPage): Promise<{ first: number; last: number; delta: number }> {
  const { page } = book;
  await expect.poll(() => page.getAttribute('[data-testid=max-delta]', 'data-value'), { timeout: 30_000 }).toMatch(/\d/);
  return {
    first: Number(await page.textContent('[data-testid=first-loss]')),
    last: Number(await page.textContent('[data-testid=last-loss]')),
    delta: Number(await page.getAttribute('[data-testid=max-delta]', 'data-value')),
  };
}
