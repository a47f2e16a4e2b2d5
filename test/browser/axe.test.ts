/**
 * axe-core (WCAG 2 A/AA rules and axe's best practices) on the home page and every chapter, in
 * both editions, in light and dark: first as the page opens, then (English edition) after the
 * chapter's main widget has been used — trained, dragged, generated — since a trained model
 * brings new tables, charts and messages. Any violation fails with a readable list.
 *
 * Dark mode is the operating system's: the book follows prefers-color-scheme live while the
 * reader has not picked a theme, so emulateMedia switches the loaded page without a reload.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './app';
import { type BookPage, useBook } from './harness';
import { trainToy } from './toyLabSteps';

const { openBook } = useBook();
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const THEMES = ['light', 'dark'] as const;
const SLOW = 120_000;

interface Violation {
  rule: string;
  impact: string;
  help: string;
  nodes: { target: string; html: string }[];
}

/**
 * Waits until the page has settled what axe looks at: fonts loaded, and no pending pass of the
 * chapter's scroll-region marking (src/book/scrollRegions.ts flags it on the chapter body).
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForFunction(() => document.querySelector('[data-scroll-regions-pending]') === null, undefined, { polling: 'raf' });
}

async function axeViolations(page: Page): Promise<Violation[]> {
  await settled(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? '?',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160) })),
    }));
  });
}

async function setTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.waitForFunction((want) => document.documentElement.dataset.theme === want, theme);
}

/** Scans the page in both themes; returns one line per violating node, tagged with where and when. */
async function scan(book: BookPage, when: string): Promise<string[]> {
  const lines: string[] = [];
  const path = new URL(book.page.url()).pathname;
  for (const theme of THEMES) {
    await setTheme(book.page, theme);
    for (const v of await axeViolations(book.page)) {
      for (const node of v.nodes) lines.push(`${path} [${theme}, ${when}] ${v.rule} (${v.impact}: ${v.help}) at ${node.target}\n      ${node.html}`);
    }
  }
  return lines;
}

function expectNoViolations(lines: string[]): void {
  expect(lines, `${lines.length} axe violation(s):\n  ${lines.join('\n  ')}`).toEqual([]);
}

async function open(path: string): Promise<BookPage> {
  const book = await openBook(path);
  if (path.includes('/chapters/')) {
    await book.chapterReady(SLOW);
    await book.widgetsReady(SLOW);
  }
  return book;
}

/** What "using the main widget" means in each chapter: short, but through the real paths. */
const USE: Record<string, (book: BookPage) => Promise<void>> = {
  'shapes-of-recurrence': async (book) => {
    await book.widget('RecurrenceShapes').getByRole('radio', { name: 'many-to-many (encoder–decoder)' }).check();
  },
  'why-order-matters': async (book) => {
    await book.widget('OrderMatters').getByRole('button', { name: 'Synonym' }).click();
  },
  'rnn-from-scratch': (book) => trainToy(book, 5, 0.05),
  'rnn-sentiment': async (book) => {
    const trainer = book.widget('SentimentTrainer');
    await trainer.getByLabel('Units', { exact: true }).fill('3');
    await trainer.getByLabel('Embedding size', { exact: true }).fill('3');
    await trainer.getByLabel('Epochs', { exact: true }).fill('1');
    await trainer.getByRole('button', { name: 'Train 1 epochs' }).click();
    await expect.poll(() => trainer.getByTestId('epochs-done').textContent(), { timeout: SLOW }).toBe('1');
  },
  'vanishing-gradients': async (book) => {
    await book.widget('GradientFlow').getByRole('button', { name: /Exploding/ }).click();
    await book.widget('ClippingDemo').getByLabel('Clip norm').fill('2');
  },
  'lstm-from-scratch': async (book) => {
    await trainToy(book, 5, 0.05);
    const slider = book.page.locator('#lstm-explorer').getByRole('slider').first();
    await slider.focus();
    for (let i = 0; i < 3; i++) await book.page.keyboard.press('ArrowUp');
  },
  'layer-arguments': async (book) => {
    const pg = book.widget('LayerPlayground');
    await pg.getByLabel('Layer type').selectOption('lstm');
    await pg.getByLabel('return_sequences').check();
    await expect.poll(() => pg.getByTestId('total-tfjs').textContent(), { timeout: SLOW }).toMatch(/✓/);
  },
  gru: async (book) => {
    const slider = book.widget('CellExplorer').getByRole('slider').first();
    await slider.focus();
    for (let i = 0; i < 3; i++) await book.page.keyboard.press('ArrowUp');
  },
  bidirectional: async (book) => {
    const steps = book.widget('BidirectionalSteps');
    await steps.getByLabel('A short sentence').fill('the food was great');
    await expect.poll(() => steps.locator('[data-testid=bidi-merged] tbody tr').first().getAttribute('data-token')).toBe('the');
  },
  'char-language-model': async (book) => {
    const hello = book.widget('HelloLm');
    await hello.getByLabel('Epochs').fill('50');
    await hello.getByRole('button', { name: 'Train 50 epochs' }).click();
    await expect.poll(() => hello.getByTestId('hello-epochs').textContent(), { timeout: SLOW }).toBe('50');
    const sampler = book.widget('HelloSampler');
    for (let i = 0; i < 3; i++) await sampler.getByRole('button', { name: 'Sample next character' }).click();
  },
  'char-minibatches': async (book) => {
    const widget = book.widget('CharBatches');
    await widget.getByLabel('N (sequences per batch)').fill('3');
    await widget.getByLabel('M (steps per sequence)').fill('5');
    await expect.poll(() => widget.getByTestId('batch-x').locator('.char-row').count()).toBe(3);
  },
  'char-lstm-novel': async (book) => {
    const training = book.widget('CharLmTraining');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await training.getByTestId('train-step').textContent()), { timeout: SLOW }).toBeGreaterThanOrEqual(1);
    await training.getByRole('button', { name: 'Pause' }).click();
    await training.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: SLOW });
    const gen = book.widget('CharLmGenerate');
    await gen.getByLabel('Length').fill('20');
    await gen.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => gen.getByTestId('generated').locator('button').count(), { timeout: SLOW }).toBe(20);
  },
};

describe('axe: zero violations', () => {
  it('on the home pages, en and zh, light and dark', async () => {
    const book = await open('/');
    const lines = await scan(book, 'first state');
    await book.goto('/zh/');
    lines.push(...(await scan(book, 'first state')));
    expectNoViolations(lines);
    book.expectClean();
  });

  // The chapter list is the book's own (src/book/chapterIndexPlugin reads content/); one test per
  // chapter keeps each under the browser project's timeout and names the chapter that fails.
  const slugs = readdirSync(join(ROOT, 'content'))
    .map((file) => /^\d+-(.+?)\.mdx$/.exec(file)?.[1])
    .filter((slug): slug is string => slug !== undefined && !slug.includes('.'));

  it('knows every chapter the home page links to, and every chapter USE names', async () => {
    const home = await open('/');
    const linked = await home.chapterLinks();
    expect(linked.sort()).toEqual(slugs.map((slug) => `/chapters/${slug}/`).sort());
    for (const slug of Object.keys(USE)) expect(slugs, `USE names a chapter that is not in the book: ${slug}`).toContain(slug);
  });

  for (const slug of slugs) {
    it(`chapter ${slug}: en and zh, light and dark, first state${USE[slug] ? ' and (en) after using its main widget' : ''}`, async () => {
      const lines: string[] = [];
      const problems: string[] = [];
      for (const path of [`/chapters/${slug}/`, `/zh/chapters/${slug}/`]) {
        const book = await open(path);
        lines.push(...(await scan(book, 'first state')));
        const use = USE[slug];
        if (use && !path.startsWith('/zh/')) {
          await setTheme(book.page, 'light');
          await use(book);
          lines.push(...(await scan(book, 'after use')));
        }
        problems.push(...book.problems());
        await book.page.close();
      }
      expectNoViolations(lines);
      expect(problems, `console errors or foreign requests:\n  ${problems.join('\n  ')}`).toEqual([]);
    }, 300_000);
  }
});
