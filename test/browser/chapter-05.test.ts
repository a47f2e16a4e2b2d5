/**
 * Recipe 5 in a real browser: the U slider moved with the keyboard changes the expansion's terms,
 * a typed sentence redraws the gradient bars (one per word and cell) and the presets turn the
 * profile around, and the clipping demo shows the unclipped loss overflowing. Any console error fails.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();

describe('chapter 5: vanishing and exploding gradients', () => {
  it('slider, sentence, presets and clipping all respond, with no console errors', async () => {
    const book = await openBook('/chapters/vanishing-gradients');
    await book.chapterReady();
    await book.widgetsReady();

    const power = book.widget('PowerExpansion');
    const earliest = power.getByTestId('term-U⁴WX1');
    expect(Number(await earliest.getAttribute('data-value'))).toBe(0.0625);
    const slider = power.getByLabel('Recurrent weight U');
    await slider.focus();
    for (let i = 0; i < 10; i++) await book.page.keyboard.press('ArrowRight');
    // U went from 0.50 to 0.60: the U⁴WX1 term is now 0.6⁴.
    await expect.poll(async () => Number(await earliest.getAttribute('data-value'))).toBeCloseTo(0.6 ** 4, 6);
    expect(await power.locator('svg rect[data-series="terms"]').count()).toBe(5);

    const flow = book.widget('GradientFlow');
    const inputBars = flow.getByTestId('input-chart').locator('[data-series="simpleRNN"]');
    await flow.getByLabel('Sentence').fill('the cat sat on the mat');
    await expect.poll(() => inputBars.count()).toBe(6);
    const values = async () => Number(await inputBars.first().getAttribute('data-value'));
    const vanishing = await values();
    await flow.getByRole('button', { name: /Exploding/ }).click();
    await expect.poll(values).not.toBe(vanishing);
    const jacobian = flow.getByTestId('jacobian-chart').locator('[data-series="simpleRNN"]');
    const first = Number(await jacobian.first().getAttribute('data-value'));
    const last = Number(await jacobian.last().getAttribute('data-value'));
    expect(first).toBeGreaterThan(last);

    const clip = book.widget('ClippingDemo');
    expect(await clip.getByTestId('plain-outcome').textContent()).toMatch(/overflowed/);
    expect(Number(await clip.getByTestId('norm-after').textContent())).toBeCloseTo(5, 3);
    await clip.getByLabel('Clip norm').fill('2');
    await expect.poll(async () => Number(await clip.getByTestId('norm-after').textContent())).toBeCloseTo(2, 3);

    book.expectClean();
  });
});
