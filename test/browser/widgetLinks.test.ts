/**
 * "Copy link to this state" in a real browser: change a widget, copy its link from the shell,
 * open the link in a fresh browser (no shared localStorage, so only the link can carry the state)
 * and find the same state, scrolled to; a garbage link gives the defaults and the shell's note.
 */
import { describe, expect, it } from 'vitest';
import { launchChromium } from './app';
import { openBookPage, useBook } from './harness';

const { openBook, baseUrl } = useBook();

interface Case {
  widget: string;
  chapter: string;
  param: string;
  text: string;
}

const cases: Case[] = [
  { widget: 'OrderMatters', chapter: '/chapters/why-order-matters', param: 'order-matters', text: 'B beats A, 猫 🐈' },
  { widget: 'GradientFlow', chapter: '/chapters/vanishing-gradients', param: 'gradients-flow', text: 'short sentence here' },
];

describe('widget links', () => {
  for (const { widget, chapter, param, text } of cases) {
    it(`${widget}: the copied link opens the same state in a fresh browser`, async () => {
      const book = await openBook(chapter);
      await book.chapterReady();
      const shell = book.widget(widget);
      await shell.waitFor({ state: 'visible', timeout: 60_000 });
      const box = shell.getByRole('textbox').first();
      await box.fill(text);
      await shell.getByRole('button', { name: 'Copy link to this state' }).click();
      const link = await shell.getByTestId('widget-link').inputValue();
      expect(link).toContain(`${param}=`);
      expect(new URL(link).hash).toBe(`#${param}`);
      book.expectClean();

      const fresh = await launchChromium();
      try {
        const again = await openBookPage(fresh.context, baseUrl, link.slice(baseUrl.length));
        await again.chapterReady();
        const shellAgain = again.widget(widget);
        await shellAgain.waitFor({ state: 'visible', timeout: 60_000 });
        await expect.poll(() => shellAgain.getByRole('textbox').first().inputValue()).toBe(text);
        expect(await shellAgain.getAttribute('id')).toBe(param);
        await expect.poll(() => shellAgain.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; })).toBe(true);
        expect(await shellAgain.getByRole('status').filter({ hasText: 'could not be read' }).count()).toBe(0);
        again.expectClean();
      } finally {
        await fresh.close();
      }
    });
  }

  it('OrderMatters: a garbage link gives the defaults and the note', async () => {
    const book = await openBook('/chapters/why-order-matters?order-matters=%25%25%25');
    await book.chapterReady();
    const shell = book.widget('OrderMatters');
    await shell.waitFor({ state: 'visible', timeout: 60_000 });
    await expect(shell.getByRole('status').filter({ hasText: 'could not be read' }).count()).resolves.toBe(1);
    expect(await shell.getByRole('textbox').first().inputValue()).toBe('A is faster than B');
    book.expectClean();
  });
});
