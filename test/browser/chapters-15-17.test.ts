/**
 * Recipes 15–17 in a real browser: the "hello" model trains and the sampling loop steps; the
 * batching widget follows N and M; the novel's LSTM trains a few steps in its worker, and after a
 * reload it resumes from the IndexedDB checkpoint with its step count restored.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();
const READY = 60_000;

describe('chapter 15: a character-level language model', () => {
  it('shows the softmax of the source logits, trains "hello" and steps the sampling loop', async () => {
    const book = await openBook('/chapters/char-language-model');
    await book.chapterReady(READY);
    await book.widgetsReady(READY);
    const exps = [1.0, 2.2, -3.0, 4.1].map(Math.exp);
    expect(Number(await book.widget('SoftmaxExample').getByTestId('p-o').textContent())).toBeCloseTo(exps[3] / exps.reduce((a, b) => a + b), 4);
    const hello = book.widget('HelloLm');
    await hello.getByLabel('Epochs').fill('300');
    await hello.getByRole('button', { name: 'Train 300 epochs' }).click();
    await expect.poll(() => hello.getByTestId('hello-epochs').textContent(), { timeout: 60_000 }).toBe('300');
    await expect.poll(async () => Number(await hello.getByTestId('hello-delta').textContent()), { timeout: 20_000 }).toBeLessThan(1e-5);
    const sampler = book.widget('HelloSampler');
    for (let i = 0; i < 4; i++) await sampler.getByRole('button', { name: 'Sample next character' }).click();
    expect(await sampler.getByTestId('sampler-text').textContent()).toBe('hello');
    await sampler.getByLabel('Choice').selectOption('sample');
    await sampler.getByRole('button', { name: 'Start over' }).click();
    await sampler.getByRole('button', { name: 'Sample next character' }).click();
    expect(await sampler.getByTestId('sampler-choice').textContent()).toMatch(/Chose "[helo]" with p = /);
    book.expectClean();
  });
});

describe('chapter 16: mini-batches', () => {
  it('reshapes Moby-Dick by the chosen N and M and marks the wrapped targets', async () => {
    const book = await openBook('/chapters/char-minibatches');
    await book.chapterReady(READY);
    await book.widgetsReady(READY);
    const widget = book.widget('CharBatches');
    await widget.getByLabel('N (sequences per batch)').fill('3');
    await widget.getByLabel('M (steps per sequence)').fill('5');
    await expect.poll(() => widget.getByTestId('batch-x').locator('.char-row').count()).toBe(3);
    expect(await widget.getByTestId('batch-x').locator('.char-row').first().locator('.char-cell').count()).toBe(5);
    expect(await widget.getByTestId('batch-grid-title').textContent()).toMatch(/3 × \d+/);
    expect(await widget.getByTestId('batch-y').locator('[data-wrapped="true"]').count()).toBe(3);
    // Row 0 starts the chapter: "CHAPT" → targets "HAPTC" under the source's rule.
    expect((await widget.getByTestId('batch-y').locator('.char-row').first().locator('.char-cell-char').allTextContents()).join('')).toBe('HAPTC');
    await widget.getByLabel('Last target').selectOption('next');
    expect((await widget.getByTestId('batch-y').locator('.char-row').first().locator('.char-cell-char').allTextContents()).join('')).toBe('HAPTE');
    expect(await widget.getByTestId('batch-y').locator('[data-wrapped="true"]').count()).toBe(0);
    book.expectClean();
  });
});

describe('chapter 17: a character LSTM on a novel', () => {
  it('trains a few steps, and a reload resumes from the checkpoint', async () => {
    const book = await openBook('/chapters/char-lstm-novel');
    await book.chapterReady(READY);
    await book.widgetsReady(120_000);
    const training = book.widget('CharLmTraining');
    expect(await training.getByTestId('corpus-line').textContent()).toContain('1,190,317 characters, 83 distinct');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await training.getByTestId('train-step').textContent()), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
    await training.getByRole('button', { name: 'Pause' }).click();
    await training.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 60_000 });
    await expect.poll(() => training.getByTestId('checkpoint').textContent(), { timeout: 30_000 }).toMatch(/Checkpoint saved at step \d+/);
    const steps = Number(await training.getByTestId('train-step').textContent());

    await book.page.reload({ waitUntil: 'load' });
    await book.chapterReady(READY);
    await book.widgetsReady(120_000);
    const again = book.widget('CharLmTraining');
    await expect.poll(() => again.getByTestId('train-step').textContent(), { timeout: 60_000 }).toBe(String(steps));
    expect(await again.getByTestId('resumed').textContent()).toContain(`step ${steps}`);
    await again.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await again.getByTestId('train-step').textContent()), { timeout: 120_000 }).toBeGreaterThan(steps);
    await again.getByRole('button', { name: 'Pause' }).click();
    await again.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 60_000 });

    const gen = book.widget('CharLmGenerate');
    await gen.getByLabel('Length').fill('40');
    await gen.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => gen.getByTestId('generated').locator('button').count(), { timeout: 60_000 }).toBe(40);
    const units = book.widget('CharLmUnits');
    await expect.poll(() => units.getByTestId('top-units').locator('li').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    book.expectClean();
  });
});
