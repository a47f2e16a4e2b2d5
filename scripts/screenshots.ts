/**
 * `npx tsx scripts/screenshots.ts [outDir]`: builds the book, opens the chapters that teach a cell
 * in headless chromium at 1280 px and 375 px, light and dark, and writes one PNG per chapter,
 * width and theme of its first live cell diagram (with the widget around it), for a visual check.
 * With --readme it also writes public/screenshot.png: the LSTM explorer of chapter 6 at 1280 px,
 * light, after a few steps of the sentence, as the README shows it.
 *
 * SCREENSHOT_DIST=<folder> reuses an existing production build instead of building again.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, buildBook, launchChromium, serveBook, waitForChapterReady } from '../test/browser/app';

const CHAPTERS = [
  ['03', '/chapters/rnn-from-scratch'],
  ['05', '/chapters/vanishing-gradients'],
  ['06', '/chapters/lstm-from-scratch'],
  ['08', '/chapters/stacked-lstm'],
  ['10', '/chapters/gru'],
  ['13', '/chapters/bidirectional'],
  ['17', '/chapters/char-lstm-novel'],
] as const;
const WIDTHS = [1280, 375] as const;
const THEMES = ['light', 'dark'] as const;

async function firstDiagram(page: Page) {
  const diagram = page.locator('[data-cell-diagram]').first();
  await diagram.waitFor({ state: 'visible', timeout: 30_000 });
  // The widget around the drawing (controls, walk, table) is part of what a reader sees.
  const widget = diagram.locator('xpath=ancestor::*[@data-widget][1]');
  return (await widget.count()) ? widget : diagram;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const readme = args.includes('--readme');
  const outDir = resolve(args.find((a) => !a.startsWith('--')) ?? join(tmpdir(), 'unrolled-screenshots'));
  await mkdir(outDir, { recursive: true });
  const reuse = process.env.SCREENSHOT_DIST;
  const dist = reuse ?? (await mkdtemp(join(tmpdir(), 'unrolled-shots-dist-')));
  if (!reuse) await buildBook(dist);
  const served = await serveBook(dist);
  const browser = await launchChromium();
  try {
    for (const theme of THEMES) {
      for (const width of WIDTHS) {
        const page = await browser.context.newPage();
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        await page.setViewportSize({ width, height: 900 });
        for (const [number, path] of CHAPTERS) {
          await page.goto(served.baseUrl + path, { waitUntil: 'load' });
          await waitForChapterReady(page);
          const target = await firstDiagram(page).catch(() => null);
          const file = join(outDir, `chapter-${number}-${width}-${theme}.png`);
          if (!target) {
            console.log(`no cell diagram on ${path}`);
            continue;
          }
          await target.scrollIntoViewIfNeeded();
          await target.screenshot({ path: file });
          console.log(file);
        }
        await page.close();
      }
    }
    if (readme) {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${served.baseUrl}/chapters/lstm-from-scratch`, { waitUntil: 'load' });
      await waitForChapterReady(page);
      const explorer = page.locator('#lstm-explorer');
      await explorer.waitFor({ state: 'visible', timeout: 60_000 });
      const region = explorer.locator('.explorer-time-region');
      await region.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      const panel = explorer.locator('.explorer-panel').first();
      await panel.scrollIntoViewIfNeeded();
      const file = join(ROOT, 'public', 'screenshot.png');
      await panel.locator('.live-cell').first().screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  } finally {
    await browser.close();
    await served.close();
    if (!reuse) await rm(dist, { recursive: true, force: true });
  }
}

await main();
