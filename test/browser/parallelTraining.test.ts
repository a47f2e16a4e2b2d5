/**
 * The data-parallel kernel in the built book: the training worker starts its helper thread (a
 * worker inside a worker), the probe times it beside the other engines, and a reader who chooses
 * it trains on it — MNIST rows (chapter 14), checked by the steps it takes, a held-out evaluation
 * well above chance and a clean console.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();

describe('training on the kernel with the batch shared among threads', () => {
  it('is measured with the other engines, and trains MNIST rows when chosen', { timeout: 400_000 }, async () => {
    const book = await openBook('/chapters/mnist-rows');
    await book.chapterReady();
    await book.widgetsReady(90_000);
    const training = book.widget('MnistTraining');

    // Measuring fetches the digits first, then times every engine on one batch.
    await training.getByRole('button', { name: 'Measure again' }).click();
    const parallel = training.locator('[data-testid="engine-choice"] li[data-engine="kernel-parallel"]');
    await expect.poll(() => parallel.getAttribute('data-ms'), { timeout: 240_000 }).toMatch(/^\d/);
    expect(Number(await parallel.getAttribute('data-ms'))).toBeGreaterThan(0);

    await training.getByLabel('Training engine').selectOption('kernel-parallel');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await training.getByTestId('mnist-steps').textContent()), { timeout: 120_000 }).toBeGreaterThanOrEqual(40);
    await training.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => training.getByTestId('mnist-heldout').getAttribute('data-value'), { timeout: 60_000 }).toMatch(/\d/);
    expect(await training.getByTestId('engine-choice').getAttribute('data-engine')).toBe('kernel-parallel');
    // Chance is 0.1: the shards' gradients, put together, do teach the model.
    expect(Number(await training.getByTestId('mnist-heldout').getAttribute('data-value'))).toBeGreaterThan(0.3);
    book.expectClean();
  });
});
