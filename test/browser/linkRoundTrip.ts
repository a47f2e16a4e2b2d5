/**
 * One widget's trip through "Copy link to this state": open its chapter, change it (`change`),
 * read what the reader sees (`read`), copy the shell's link, open that link in a fresh browser
 * (its own profile, so no saved copy can carry the state — only the link), and expect the same
 * reading, the widget scrolled into view, no bad-link note and a clean console. Test files list
 * cases and call `linkRoundTrip` once per case.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from './app';
import { type BookHarness, openBookPage } from './harness';

export interface LinkCase {
  /** The registered widget name (data-widget). */
  widget: string;
  chapter: string;
  /** The widget's query parameter (its shell id). */
  param: string;
  /** Changes the widget away from its defaults. */
  change(shell: Locator, page: Page): Promise<void>;
  /** What must be the same after the link is opened elsewhere (compared with toEqual). */
  read(shell: Locator, page: Page): Promise<unknown>;
}

async function openWidget(page: Page, widget: string): Promise<Locator> {
  const shell = page.locator(`[data-widget="${widget}"]`).first();
  await shell.waitFor({ state: 'visible', timeout: 60_000 });
  await expect.poll(() => shell.getAttribute('data-widget-ready'), { timeout: 60_000 }).toBe('true');
  return shell;
}

export async function linkRoundTrip({ openBook, baseUrl }: BookHarness, c: LinkCase): Promise<void> {
  const book = await openBook(c.chapter);
  await book.chapterReady();
  const shell = await openWidget(book.page, c.widget);
  const before = await c.read(shell, book.page);
  await c.change(shell, book.page);
  const changed = await c.read(shell, book.page);
  expect(changed, 'change() must change what read() sees').not.toEqual(before);
  await shell.getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await shell.getByTestId('widget-link').inputValue();
  expect(link).toContain(`${c.param}=`);
  expect(new URL(link).hash).toBe(`#${c.param}`);
  book.expectClean();

  const fresh = await launchChromium();
  try {
    const again = await openBookPage(fresh.context, baseUrl, link.slice(baseUrl.length));
    await again.chapterReady();
    const shellAgain = await openWidget(again.page, c.widget);
    await expect.poll(() => c.read(shellAgain, again.page), { timeout: 30_000 }).toEqual(changed);
    expect(await shellAgain.getAttribute('id')).toBe(c.param);
    await expect
      .poll(() =>
        shellAgain.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top < window.innerHeight && r.bottom > 0;
        }),
      )
      .toBe(true);
    expect(await shellAgain.getByRole('status').filter({ hasText: 'could not be read' }).count()).toBe(0);
    again.expectClean();
  } finally {
    await fresh.close();
  }
}
