/**
 * first_chapter_ready_ms: a cold load of the first chapter linked from the home page, from
 * navigation start until the article and every widget on it say they are ready. Each load gets a
 * fresh chromium profile, so nothing is cached; the figure is the median of three.
 */
import { CHAPTER_READY, chapterLinks, chromiumMissing, launchChromium, serveBook } from '../test/browser/app';
import { type Bench, median } from './figure';

const LOADS = 3;
const TIMEOUT = 120_000;

async function firstChapterPath(baseUrl: string): Promise<string> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('a[href^="/chapters/"]', { state: 'attached', timeout: 30_000 });
    const [first] = await chapterLinks(page);
    return first;
  } finally {
    await browser.close();
  }
}

/** ms from navigation start to "chapter and widgets ready", read in the page itself. */
async function coldLoad(url: string): Promise<number> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const readyAt = await page.waitForFunction(
      (chapterReady) =>
        document.querySelector(chapterReady) !== null &&
        [...document.querySelectorAll('[data-widget]')].every((el) => el.getAttribute('data-widget-ready') === 'true') &&
        performance.now(),
      CHAPTER_READY,
      { timeout: TIMEOUT, polling: 10 },
    );
    return (await readyAt.jsonValue()) as number;
  } finally {
    await browser.close();
  }
}

export const firstChapterReady: Bench = {
  figures: ['first_chapter_ready_ms'],
  async run({ dist, note }) {
    const missing = chromiumMissing();
    if (missing) return [{ name: 'first_chapter_ready_ms', unavailable: missing }];
    const served = await serveBook(await dist());
    try {
      const path = await firstChapterPath(served.baseUrl);
      const times: number[] = [];
      for (let i = 0; i < LOADS; i++) times.push(await coldLoad(served.baseUrl + path));
      note(`first chapter ${path}: cold loads ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
      return [{ name: 'first_chapter_ready_ms', value: median(times), unit: 'ms', digits: 0 }];
    } finally {
      await served.close();
    }
  },
};
