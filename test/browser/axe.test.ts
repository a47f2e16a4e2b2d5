/**
 * axe-core (WCAG 2 A/AA rules and axe's best practices) on the home page and every chapter, in
 * both editions, in light and dark: first as the page opens, then (English edition) after the
 * chapter's main widget has been used as ./mainWidgetActions.ts says — trained, dragged, drawn on,
 * generated — since a trained model brings new tables, charts and messages. Any violation fails
 * with a readable list.
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
import { MAIN_WIDGET_ACTIONS, useMainWidget } from './mainWidgetActions';

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

  it('knows every chapter the home page links to, and what using the main widget of each means', async () => {
    const home = await open('/');
    const linked = await home.chapterLinks();
    expect(linked.sort()).toEqual(slugs.map((slug) => `/chapters/${slug}/`).sort());
    for (const slug of slugs) expect(MAIN_WIDGET_ACTIONS[slug], `mainWidgetActions.ts has no entry for ${slug}`).not.toBeUndefined();
  });

  for (const slug of slugs) {
    const used = MAIN_WIDGET_ACTIONS[slug] ? ' and (en) after using its main widget' : '';
    it(`chapter ${slug}: en and zh, light and dark, first state${used}`, async () => {
      const lines: string[] = [];
      const problems: string[] = [];
      for (const path of [`/chapters/${slug}/`, `/zh/chapters/${slug}/`]) {
        const book = await open(path);
        lines.push(...(await scan(book, 'first state')));
        if (!path.startsWith('/zh/')) {
          await setTheme(book.page, 'light');
          // Trained, dragged, typed into, generated from: the tables, charts and messages a used widget brings.
          if (await useMainWidget(book, slug, 'en')) lines.push(...(await scan(book, 'after use')));
        }
        problems.push(...book.problems());
        await book.page.close();
      }
      expectNoViolations(lines);
      expect(problems, `console errors or foreign requests:\n  ${problems.join('\n  ')}`).toEqual([]);
    }, 300_000);
  }
});
