/**
 * The two editions as a reader meets them: each page at its own URL with the right lang and
 * hreflang, a switch on every page that keeps the chapter and the section, a remembered choice
 * (a reload, and opening the English URL again, stay in Chinese), a first visit that follows the
 * browser's language, and Chinese pages that fit a 375 px phone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type Chromium, launchChromium } from './app';
import { openBookPage, useBook } from './harness';

const { openBook, baseUrl } = useBook();
const READY = 45_000;

describe('languages', () => {
  it('has lang and hreflang right on both editions of a chapter', async () => {
    for (const [path, lang] of [['/chapters/gru/', 'en'], ['/zh/chapters/gru/', 'zh-CN']] as const) {
      const book = await openBook(path);
      await book.chapterReady(READY);
      const head = await book.page.evaluate(() => ({
        lang: document.documentElement.lang,
        alternates: Object.fromEntries([...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')])),
      }));
      expect(head.lang).toBe(lang);
      expect(head.alternates).toEqual({ en: '/chapters/gru/', 'zh-CN': '/zh/chapters/gru/', 'x-default': '/chapters/gru/' });
      book.expectClean();
      await book.page.close();
    }
  });

  it('the switch keeps the chapter and the section, and the choice survives a reload and the English URL', async () => {
    const book = await openBook('/chapters/gru/');
    await book.chapterReady(READY);
    const ids = await book.page.locator('article h2[id]').evaluateAll((hs) => hs.map((h) => h.id));
    const section = ids[1];
    await book.page.evaluate((id) => document.getElementById(id)!.scrollIntoView(), section);
    await book.page.getByRole('link', { name: '中文' }).click();
    await expect.poll(() => new URL(book.page.url()).pathname).toBe('/zh/chapters/gru/');
    expect(new URL(book.page.url()).hash).toBe(`#${section}`);
    await book.chapterReady(READY);
    expect(await book.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The same section, now in Chinese, is where the reader is.
    await expect.poll(() => book.page.evaluate((id) => document.getElementById(id)?.getBoundingClientRect().top ?? 9999, section)).toBeLessThan(200);

    await book.page.reload({ waitUntil: 'load' });
    await book.chapterReady(READY);
    expect(new URL(book.page.url()).pathname).toBe('/zh/chapters/gru/');

    // Opening the English address again goes to the remembered edition.
    await book.goto('/chapters/lstm-from-scratch/');
    await expect.poll(() => new URL(book.page.url()).pathname).toBe('/zh/chapters/lstm-from-scratch/');
    await book.chapterReady(READY);

    // And back: the choice of English is remembered just the same.
    await book.page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => new URL(book.page.url()).pathname).toBe('/chapters/lstm-from-scratch/');
    await book.goto('/');
    expect(new URL(book.page.url()).pathname).toBe('/');
    book.expectClean();
    // Forget the choice, so the tests after this one see a reader who has not chosen.
    await book.page.evaluate(() => localStorage.removeItem('unrolled:pref:locale'));
  });

  describe('a first visit from a Chinese browser', () => {
    let zhBrowser: Chromium | undefined;
    afterAll(async () => {
      await zhBrowser?.close();
    });

    it('opens the Chinese edition, home page and table of contents included', async () => {
      zhBrowser = await launchChromium({ locale: 'zh-CN' });
      const book = await openBookPage(zhBrowser.context, baseUrl, '/');
      await expect.poll(() => new URL(book.page.url()).pathname).toBe('/zh/');
      await expect.poll(() => book.page.locator('h2').first().textContent()).toBe('章节');
      const tocLinks = await book.page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(tocLinks.length).toBeGreaterThanOrEqual(18);
      expect(tocLinks.every((href) => href?.startsWith('/zh/chapters/'))).toBe(true);
      book.expectClean();
    });
  });

  it('no Chinese page scrolls sideways at 375 px', async () => {
    const home = await openBook('/zh/', { viewport: { width: 375, height: 740 } });
    const paths = ['/zh/', ...(await home.page.locator('.chapter-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')))];
    await home.page.close();
    const tooWide: string[] = [];
    for (const path of [...paths, '/zh/sources/']) {
      const book = await openBook(path, { viewport: { width: 375, height: 740 } });
      if (path.includes('/chapters/')) await book.chapterReady(READY).catch(() => undefined);
      await book.widgetsReady(READY).catch(() => undefined);
      const width = await book.page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 375) tooWide.push(`${path}: ${width}px`);
      await book.page.close();
    }
    expect(tooWide).toEqual([]);
  });
});
