/**
 * The book as a static site: the build's HTML files, served by a plain static file server (no
 * SPA fallback), at "/" (the shared build of globalSetup) and under a sub-path (a second build
 * with BASE=/unrolled/). Every page opens by its URL with JavaScript on (and hydrates, with
 * every widget mounted) and with JavaScript off (and still reads: headings, prose, formulas).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type Chromium, type Served, buildAndServe, launchChromium } from './app';
import { type BookPage, openBookPage } from './harness';

const setup = inject('browserSetup');
const READY_TIMEOUT = 45_000;

beforeEach((context) => {
  if (setup.skip !== undefined) context.skip(setup.skip);
});

/** Every page the build wrote, as URL paths below the base, read from the built files. */
async function builtPages(outDir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const found: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(join(outDir, dir), { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'assets' && entry.name !== 'generated') await walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name === 'index.html') found.push(prefix);
    }
  };
  await walk('', '/');
  return found.sort();
}

interface Reading {
  h1: string;
  lang: string;
  title: string;
  description: string | null;
  ogTitle: string | null;
  proseChars: number;
  formulas: number;
  placeholders: number;
  placeholderText: string;
}

async function read(page: Page): Promise<Reading> {
  return page.evaluate(() => {
    const prose = [...document.querySelectorAll('main p, main li, main td')].map((el) => el.textContent ?? '').join(' ');
    const placeholder = document.querySelector<HTMLElement>('[data-widget-placeholder]');
    return {
      h1: document.querySelector('h1')?.textContent?.trim() ?? '',
      lang: document.documentElement.lang,
      title: document.title,
      description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? null,
      ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? null,
      proseChars: prose.trim().length,
      formulas: document.querySelectorAll('main .katex').length,
      placeholders: document.querySelectorAll('[data-widget-placeholder]').length,
      placeholderText: placeholder?.innerText ?? '',
    };
  });
}

/** The checks every site gets, wherever it is served from. */
function siteChecks(site: () => { served: Served; pages: string[]; withScript: Chromium; withoutScript: Chromium }) {
  const open = (browser: Chromium, path: string): Promise<BookPage> => openBookPage(browser.context, site().served.baseUrl, path);

  it('writes a page for home, sources and every chapter in both languages, and a 404 page', async () => {
    const { pages, served } = site();
    const chapters = pages.filter((p) => p.startsWith('/chapters/'));
    expect(chapters.length).toBeGreaterThanOrEqual(18);
    expect(pages).toContain('/');
    expect(pages).toContain('/zh/');
    expect(pages).toContain('/sources/');
    for (const chapter of chapters) expect(pages).toContain(`/zh${chapter}`);
    expect((await readFile(join(served.outDir, '404.html'), 'utf8')).length).toBeGreaterThan(500);
  });

  it('every page reads with JavaScript off: heading, prose, formulas where the page has them, and a note for each widget', async () => {
    const { pages, withoutScript } = site();
    const failures: string[] = [];
    for (const path of pages) {
      const book = await open(withoutScript, path);
      const r = await read(book.page);
      const html = await book.page.content();
      if (!r.h1) failures.push(`${path}: no <h1>`);
      if (r.proseChars < 200) failures.push(`${path}: only ${r.proseChars} characters of prose`);
      if (html.includes('class="katex"') && r.formulas === 0) failures.push(`${path}: formulas not rendered`);
      if (!r.title || r.title === 'Unrolled' || !r.description || r.ogTitle !== r.title) failures.push(`${path}: head tags missing (${JSON.stringify(r)})`);
      if (path.startsWith('/zh/') !== r.lang.startsWith('zh')) failures.push(`${path}: <html lang="${r.lang}">`);
      if (r.placeholders > 0 && !/JavaScript/.test(r.placeholderText)) failures.push(`${path}: widget placeholder says "${r.placeholderText}"`);
      failures.push(...book.problems().map((p) => `${path}: ${p}`));
      await book.page.close();
    }
    expect(failures).toEqual([]);
  });

  it('every chapter opens by its URL with JavaScript on, hydrates without errors, and mounts every widget', async () => {
    const { pages, withScript } = site();
    const failures: string[] = [];
    for (const path of pages.filter((p) => p.includes('/chapters/'))) {
      const book = await open(withScript, path);
      try {
        await book.chapterReady(READY_TIMEOUT);
        // Placeholders give way to the widgets themselves; each says when it is ready.
        await book.page.waitForFunction(() => document.querySelectorAll('[data-widget-placeholder]').length === 0, undefined, { timeout: READY_TIMEOUT });
        await book.widgetsReady(READY_TIMEOUT);
      } catch (error) {
        failures.push(`${path}: ${String(error).split('\n')[0]}; not ready: ${(await book.widgetsNotReady()).join(', ')}`);
      }
      const r = await read(book.page);
      if (r.proseChars < 200) failures.push(`${path}: only ${r.proseChars} characters after hydration`);
      failures.push(...book.problems().map((p) => `${path}: ${p.split('\n')[0]}`));
      await book.page.close();
    }
    expect(failures).toEqual([]);
  });

  it('a chapter opened without the trailing slash, or at a section anchor, lands on that section', async () => {
    const { pages, withScript } = site();
    const path = pages.find((p) => p.startsWith('/chapters/') && p !== '/chapters/welcome/')!;
    const first = await open(withScript, path);
    await first.chapterReady(READY_TIMEOUT);
    const anchors = await first.page.locator('article h2[id]').evaluateAll((hs) => hs.map((h) => h.id));
    expect(anchors.length).toBeGreaterThan(1);
    const target = anchors[1];
    const book = await open(withScript, `${path.replace(/\/$/, '')}#${target}`);
    await book.chapterReady(READY_TIMEOUT);
    await expect.poll(() => book.page.evaluate((id) => document.getElementById(id)!.getBoundingClientRect().top, target)).toBeLessThan(200);
    expect(new URL(book.page.url()).pathname).toBe(new URL(site().served.baseUrl + path).pathname);
    book.expectClean();
  });

  it('an unknown path gets the 404 page, with and without JavaScript, and a way home', async () => {
    const { withScript, withoutScript } = site();
    for (const browser of [withScript, withoutScript]) {
      const book = await open(browser, '/no/such/page');
      await expect.poll(() => book.page.locator('h1').textContent()).toBe('Page not found');
      const home = await book.page.getByRole('link', { name: 'Go to the home page' }).getAttribute('href');
      expect(home).toBe(new URL(site().served.baseUrl + '/').pathname);
      // The one expected problem: the document itself answered 404.
      expect(book.problems().filter((p) => !p.includes('404'))).toEqual([]);
      await book.page.close();
    }
  });

  it('links move between pages in the app without a reload, and every request stays under the base', async () => {
    const { withScript, served } = site();
    const book = await open(withScript, '/');
    await book.page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await book.page.locator('.chapter-list a').first().click();
    await book.chapterReady(READY_TIMEOUT);
    expect(await book.page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(book.page.url().startsWith(`${served.baseUrl}/chapters/`)).toBe(true);
    book.expectClean();
  });
}

describe('the static site at /', () => {
  let withScript: Chromium;
  let withoutScript: Chromium;
  let pages: string[] = [];
  let served: Served;
  beforeAll(async () => {
    if (setup.skip !== undefined) return;
    served = { baseUrl: setup.baseUrl, origin: setup.baseUrl, outDir: setup.outDir, close: async () => {} };
    pages = await builtPages(setup.outDir);
    [withScript, withoutScript] = await Promise.all([launchChromium(), launchChromium({ javaScriptEnabled: false })]);
  });
  afterAll(async () => {
    await Promise.all([withScript?.close(), withoutScript?.close()]);
  });
  siteChecks(() => ({ served, pages, withScript, withoutScript }));
});

describe('the static site under a sub-path (BASE=/unrolled/)', () => {
  let withScript: Chromium;
  let withoutScript: Chromium;
  let pages: string[] = [];
  let served: Served | undefined;
  beforeAll(async () => {
    if (setup.skip !== undefined) return;
    served = await buildAndServe('/unrolled/');
    pages = await builtPages(served.outDir);
    [withScript, withoutScript] = await Promise.all([launchChromium(), launchChromium({ javaScriptEnabled: false })]);
  });
  afterAll(async () => {
    await Promise.all([withScript?.close(), withoutScript?.close(), served?.close()]);
  });
  siteChecks(() => ({ served: served!, pages, withScript, withoutScript }));

  it('serves nothing outside the sub-path', async () => {
    const response = await fetch(`${served!.origin}/chapters/welcome/`);
    expect(response.status).toBe(404);
  });
});
