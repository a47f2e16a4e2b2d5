/**
 * One widget's trip through "Copy link to this state": open its chapter, change it (`change`),
 * read what the reader sees (`read`), copy the shell's link, open that link in a fresh browser
 * (its own profile, so no saved copy can carry the state — only the link), and expect the same
 * reading, the widget scrolled into view, no bad-link note and a clean console. Test files list
 * cases and call `linkRoundTrip` once per case; a widget with no state of its own, whose link is
 * only its anchor, calls `anchorRoundTrip`.
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

/** The widget's shell; `param` picks one of several of its kind on the page (its id). */
async function openWidget(page: Page, widget: string, param?: string): Promise<Locator> {
  const shell = page.locator(param ? `[data-widget="${widget}"][id="${param}"]` : `[data-widget="${widget}"]`).first();
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

  await openInFreshBrowser(baseUrl, link, c.widget, c.param, async (shellAgain, page) => {
    await expect.poll(() => c.read(shellAgain, page), { timeout: 30_000 }).toEqual(changed);
  });
}

/**
 * Opens `link` in a fresh browser: the widget is there under its parameter's id, scrolled into
 * view, with no bad-link note and a clean console; `check` looks at its state.
 */
async function openInFreshBrowser(baseUrl: string, link: string, widget: string, param: string, check: (shell: Locator, page: Page) => Promise<void>): Promise<void> {
  const fresh = await launchChromium();
  try {
    const again = await openBookPage(fresh.context, baseUrl, link.slice(baseUrl.length));
    await again.chapterReady();
    const shellAgain = await openWidget(again.page, widget, param);
    await check(shellAgain, again.page);
    expect(await shellAgain.getAttribute('id')).toBe(param);
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

/**
 * A widget with nothing of the reader's in it: its copied link carries no parameter, only the
 * anchor, and opening it in a fresh browser shows the page scrolled to the widget.
 */
export async function anchorRoundTrip({ openBook, baseUrl }: BookHarness, c: Pick<LinkCase, 'widget' | 'chapter' | 'param'>): Promise<void> {
  const book = await openBook(c.chapter);
  await book.chapterReady();
  const shell = await openWidget(book.page, c.widget, c.param);
  await shell.getByRole('button', { name: 'Copy link to this state' }).click();
  const link = await shell.getByTestId('widget-link').inputValue();
  expect(new URL(link).searchParams.has(c.param)).toBe(false);
  expect(new URL(link).hash).toBe(`#${c.param}`);
  book.expectClean();
  await openInFreshBrowser(baseUrl, link, c.widget, c.param, async () => undefined);
}
