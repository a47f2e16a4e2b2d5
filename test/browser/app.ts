/**
 * The pieces the browser tests and the benchmarks share: find chromium, build the book once into a
 * scratch folder (never dist/) with the real build (scripts/build.ts: prerendered pages and the
 * service worker), serve it with a plain static file server (./staticServer.ts: no SPA fallback,
 * as on any static host) on 127.0.0.1, and launch a headless chromium with a throwaway profile.
 * Nothing here knows about vitest.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { serveStatic } from './staticServer';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags measured to work here; no GPU and no swiftshader, no network beyond the page. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** Why chromium cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  const path = chromiumPath();
  return existsSync(path) ? null : `no chromium at ${path} (install it, or set CHROMIUM_PATH)`;
}

/**
 * The production build (`npm run build`'s buildSite) into outDir, for the site at `base`. Vitest
 * sets NODE_ENV=test, and vite would take that as the build's NODE_ENV (a React development
 * build), so NODE_ENV is production while the build runs and restored afterwards.
 */
export async function buildBook(outDir: string, base = '/'): Promise<string> {
  const { buildSite } = await import('../../scripts/build.ts');
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildSite({ outDir, base, logLevel: 'warn' });
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
  return outDir;
}

export interface Served {
  /** Where the site is, e.g. http://127.0.0.1:41234 or http://127.0.0.1:41234/unrolled, without a trailing slash. */
  baseUrl: string;
  /** The server's origin, whatever the base. */
  origin: string;
  /** The output folder being served. */
  outDir: string;
  close(): Promise<void>;
}

/** A plain static file server for a build, on 127.0.0.1 and a port the system picks. */
export async function serveBook(outDir: string, base = '/'): Promise<Served> {
  const served = await serveStatic(outDir, base);
  return { baseUrl: served.origin + base.replace(/\/$/, ''), origin: served.origin, outDir, close: served.close };
}

/** Builds into a fresh scratch folder and serves it; close() stops the server and removes the folder. */
export async function buildAndServe(base = '/'): Promise<Served> {
  const outDir = await mkdtemp(join(tmpdir(), 'unrolled-dist-'));
  try {
    await buildBook(outDir, base);
    const served = await serveBook(outDir, base);
    return {
      ...served,
      close: async () => {
        await served.close();
        await rm(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
}

export interface Chromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** False opens pages with JavaScript off, as some readers (and crawlers) do. */
  javaScriptEnabled?: boolean;
  /** The browser's language (navigator.language), e.g. "zh-CN". */
  locale?: string;
  /** More command-line flags (the bench's --enable-unsafe-webgpu, so tfjs' webgpu backend is timed too). */
  extraArgs?: string[];
}

/** A headless chromium with a fresh profile in the system temp folder. */
export async function launchChromium({ javaScriptEnabled = true, locale, extraArgs = [] }: LaunchOptions = {}): Promise<Chromium> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`Cannot launch chromium: ${missing}.`);
  const profile = await mkdtemp(join(tmpdir(), 'unrolled-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: [...CHROMIUM_ARGS, ...(locale ? [`--lang=${locale}`] : []), ...extraArgs],
      javaScriptEnabled,
      ...(locale ? { locale } : {}),
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The contract the app keeps with its tests: see the selectors below. */
export const CHAPTER_LINKS = 'a[href^="/chapters/"]';
export const CHAPTER_READY = 'article[data-chapter-ready="true"]';

/** Chapter paths linked from the page now open, in page order, without repeats. */
export async function chapterLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator(CHAPTER_LINKS).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter(Boolean))];
}

/** Waits until the chapter article says it has rendered. */
export async function waitForChapterReady(page: Page, timeout = 60_000): Promise<void> {
  await page.locator(CHAPTER_READY).waitFor({ state: 'attached', timeout });
}

/** Waits until every widget on the page (each `[data-widget]` shell) has mounted its content. */
export async function waitForWidgetsReady(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-widget]')].every((el) => el.getAttribute('data-widget-ready') === 'true'),
    undefined,
    { timeout, polling: 50 },
  );
}

/** Names of the widgets on the page that have not said they are ready. */
export async function widgetsNotReady(page: Page): Promise<string[]> {
  return page
    .locator('[data-widget]:not([data-widget-ready="true"])')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-widget') ?? '?'));
}
