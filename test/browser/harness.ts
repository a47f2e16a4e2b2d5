/**
 * The harness every browser test file uses:
 *
 *   const { openBook } = useBook();           // one chromium for this file, one page per test
 *   it('...', async () => {
 *     const book = await openBook('/chapters/some-slug');
 *     await book.chapterReady();
 *     book.expectClean();                      // no console errors, page errors, foreign requests
 *   });
 *
 * When globalSetup found no chromium, every test of the file is skipped with the reason.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';
import { type Chromium, chapterLinks, launchChromium, waitForChapterReady, waitForWidgetsReady, widgetsNotReady } from './app';

export interface OpenOptions {
  /** Defaults to 1280×800. */
  viewport?: { width: number; height: number };
}

export interface BookPage {
  page: Page;
  /** Console errors, uncaught page errors and requests off the preview origin, seen so far. */
  problems(): string[];
  /** Fails the test with every problem seen so far, if there is any. */
  expectClean(): void;
  /** Waits for `article[data-chapter-ready="true"]`. */
  chapterReady(timeout?: number): Promise<void>;
  /** Waits until every `[data-widget]` on the page has `data-widget-ready="true"`. */
  widgetsReady(timeout?: number): Promise<void>;
  /** Names of widgets not ready yet. */
  widgetsNotReady(): Promise<string[]>;
  /** The root (WidgetShell section) of the widget with that name. */
  widget(name: string): Locator;
  /** Chapter paths linked from the current page. */
  chapterLinks(): Promise<string[]>;
  /** Navigates within the book; path starts with '/'. */
  goto(path: string): Promise<void>;
}

export interface BookHarness {
  /** The preview's origin, e.g. http://127.0.0.1:41234; empty when the tests are skipped. */
  baseUrl: string;
  openBook(path: string, options?: OpenOptions): Promise<BookPage>;
}

/** Registers the per-file browser and per-test page hooks in the current suite. */
export function useBook(): BookHarness {
  const setup = inject('browserSetup');
  const baseUrl = setup.baseUrl ?? '';
  let browser: Chromium | null = null;
  const pages: Page[] = [];

  beforeEach((context) => {
    if (setup.skip !== undefined) context.skip(setup.skip);
  });
  beforeAll(async () => {
    if (setup.skip === undefined) browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await browser?.close();
    browser = null;
  });

  async function openBook(path: string, options: OpenOptions = {}): Promise<BookPage> {
    if (!browser) throw new Error('openBook: the browser is not running (is useBook() called at the top of the file?)');
    const book = await openBookPage(browser.context, baseUrl, path, options);
    pages.push(book.page);
    return book;
  }

  return { baseUrl, openBook };
}

/**
 * Opens `baseUrl + path` in a new page of `context`, recording problems. Anything off `baseUrl`
 * counts as foreign, so for a site under a sub-path a request outside it is caught too.
 */
export async function openBookPage(
  context: BrowserContext,
  baseUrl: string,
  path: string,
  { viewport = { width: 1280, height: 800 } }: OpenOptions = {},
): Promise<BookPage> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const problems = watch(page, baseUrl);
  // Nothing leaves the machine: a request off the site is recorded above and refused here.
  await page.route((url) => isForeign(url.href, baseUrl), (route) => route.abort('blockedbyclient'));
  const goto = async (to: string): Promise<void> => {
    await page.goto(baseUrl + to, { waitUntil: 'load' });
  };
  await goto(path);
  return {
    page,
    problems: () => [...problems],
    expectClean: () => {
      expect(problems, `problems on ${page.url()}:\n  ${problems.join('\n  ')}`).toEqual([]);
    },
    chapterReady: (timeout) => waitForChapterReady(page, timeout),
    widgetsReady: (timeout) => waitForWidgetsReady(page, timeout),
    widgetsNotReady: () => widgetsNotReady(page),
    widget: (name) => page.locator(`[data-widget="${name}"]`),
    chapterLinks: () => chapterLinks(page),
    goto,
  };
}

/** Starts recording what a clean page must not do. */
function watch(page: Page, origin: string): string[] {
  const problems: string[] = [];
  const seen = new WeakSet<object>();
  const onConsole = (message: import('playwright-core').ConsoleMessage): void => {
    if (seen.has(message)) return;
    seen.add(message);
    if (message.type() !== 'error') return;
    const where = message.location().url;
    // The failed load of a foreign request this harness refused is already recorded as that request.
    if (message.text().startsWith('Failed to load resource') && where && isForeign(where, origin)) return;
    problems.push(`console error: ${message.text()}${where ? ` (${where})` : ''}`);
  };
  page.on('console', onConsole);
  page.on('worker', (worker) => worker.on('console', onConsole));
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('request', (request) => {
    if (isForeign(request.url(), origin)) problems.push(`foreign request: ${request.method()} ${request.url()}`);
  });
  return problems;
}

/** Off the preview origin, and not a data: or blob: URL the page made itself. */
function isForeign(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return false;
  return url !== origin && !url.startsWith(`${origin}/`);
}
