/**
 * The whole book in a real browser: the home page lists the chapters, every chapter renders with
 * no console errors and no request off the site, a reload keeps the reader where they were, and a
 * phone-sized screen never scrolls sideways.
 */
import { describe, expect, it } from 'vitest';
import { type BookPage, useBook } from './harness';

const { openBook } = useBook();

async function homeChapters(): Promise<string[]> {
  const home = await openBook('/');
  await expect
    .poll(() => home.chapterLinks(), { timeout: 30_000, message: 'the home page links no chapter (a[href^="/chapters/"])' })
    .not.toEqual([]);
  return home.chapterLinks();
}

/** Longer than a cold chapter takes here, short enough that a broken one does not stall the run. */
const READY_TIMEOUT = 30_000;

async function scrollWidth(book: BookPage): Promise<number> {
  return book.page.evaluate(() => document.documentElement.scrollWidth);
}

describe('home page', () => {
  it('loads with a chapter list and no problems', async () => {
    const home = await openBook('/');
    await expect.poll(() => home.chapterLinks(), { timeout: 30_000 }).not.toEqual([]);
    home.expectClean();
  });
});

/** Opens a chapter and waits for it and its widgets; on failure says why, with what went wrong on the page. */
async function readyChapter(path: string, viewport?: { width: number; height: number }): Promise<{ book: BookPage; notReady?: string }> {
  const book = await openBook(path, { viewport });
  try {
    await book.chapterReady(READY_TIMEOUT);
    await book.widgetsReady(READY_TIMEOUT);
    return { book };
  } catch (error) {
    const waiting = await book.widgetsNotReady();
    const seen = book.problems();
    const notReady = [
      `${path} did not become ready: ${String(error).split('\n')[0]}`,
      `widgets not ready: ${waiting.join(', ') || 'none'}`,
      ...(seen.length ? ['problems on the page:', ...seen.map((p) => `  ${p.split('\n')[0]}`)] : []),
    ].join('\n');
    return { book, notReady };
  }
}

describe('chapters', () => {
  it('every chapter on the home page loads, gets ready, with no console errors or foreign requests', async () => {
    const chapters = await homeChapters();
    const failures: string[] = [];
    for (const path of chapters) {
      const { book, notReady } = await readyChapter(path);
      if (notReady) failures.push(notReady);
      else failures.push(...book.problems().map((p) => `${path}: ${p}`));
      await book.page.close();
    }
    expect(failures, `${failures.length} problem(s) in ${chapters.length} chapter(s)`).toEqual([]);
  });

  it('a reload keeps the same chapter', async () => {
    const [first] = await homeChapters();
    const book = await openBook(first);
    await book.chapterReady(READY_TIMEOUT);
    const heading = await book.page.locator('article h1').first().textContent();
    await book.page.reload({ waitUntil: 'load' });
    await book.chapterReady(READY_TIMEOUT);
    expect(new URL(book.page.url()).pathname).toBe(first);
    expect(await book.page.locator('article h1').first().textContent()).toBe(heading);
    book.expectClean();
  });

  it('no horizontal scroll at 375px, on the home page and every chapter', async () => {
    const chapters = await homeChapters();
    const phone = { width: 375, height: 740 };
    const home = await openBook('/', { viewport: phone });
    await expect.poll(() => home.chapterLinks()).not.toEqual([]);
    const widths: Record<string, number> = { '/': await scrollWidth(home) };
    for (const path of chapters) {
      // A chapter that never gets ready fails the test above; its width is still worth checking.
      const { book } = await readyChapter(path, phone);
      widths[path] = await scrollWidth(book);
      await book.page.close();
    }
    const tooWide = Object.entries(widths).filter(([, width]) => width > phone.width);
    expect(tooWide.map(([path, width]) => `${path}: scrollWidth ${width}px`), 'pages wider than 375px').toEqual([]);
  });
});
