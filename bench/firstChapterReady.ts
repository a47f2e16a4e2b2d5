/**
 * first_chapter_ready_ms: a cold load of the first chapter linked from the home page, from
 * navigation start until the article and every widget on it say they are ready (and the same for
 * the RNN chapter, whose widgets wait for a tfjs model built in a worker). Each load gets a
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

/** Cold-load figure for one chapter; `path` null means the first chapter the home page links. */
function chapterReadyBench(name: string, path: string | null): Bench {
  return {
    figures: [name],
    async run({ dist, note }) {
      const missing = chromiumMissing();
      if (missing) return [{ name, unavailable: missing }];
      const served = await serveBook(await dist());
      try {
        const chapter = path ?? (await firstChapterPath(served.baseUrl));
        const times: number[] = [];
        for (let i = 0; i < LOADS; i++) times.push(await coldLoad(served.baseUrl + chapter));
        note(`${chapter}: cold loads ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
        return [{ name, value: median(times), unit: 'ms', digits: 0 }];
      } finally {
        await served.close();
      }
    },
  };
}

export const firstChapterReady = chapterReadyBench('first_chapter_ready_ms', null);
/** The first chapter with a tfjs model: tfjs loads in a worker and builds before it is ready. */
export const rnnChapterReady = chapterReadyBench('rnn_chapter_ready_ms', '/chapters/rnn-from-scratch');
