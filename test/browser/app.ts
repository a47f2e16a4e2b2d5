/**
 * The pieces the browser tests and the benchmarks share: find chromium, build the book once into a
 * scratch folder (never dist/), serve that build with `vite preview` on 127.0.0.1, and launch a
 * headless chromium with a throwaway profile. Nothing here knows about vitest.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CONFIG_FILE = join(ROOT, 'vite.config.ts');

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
 * `vite build` into outDir as a production build. Vitest sets NODE_ENV=test, and vite would take
 * that as the build's NODE_ENV (a React development build), so NODE_ENV is production while the
 * build runs and restored afterwards.
 */
export async function buildBook(outDir: string): Promise<string> {
  const { build } = await import('vite');
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: CONFIG_FILE,
      root: ROOT,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
  return outDir;
}

export interface Served {
  /** e.g. http://127.0.0.1:41234, without a trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

/** `vite preview` of a build, on 127.0.0.1 and a port the system picks. */
export async function serveBook(outDir: string): Promise<Served> {
  const { preview } = await import('vite');
  const server = await preview({
    configFile: CONFIG_FILE,
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address || typeof address === 'string') {
    await server.close();
    throw new Error('vite preview did not report the port it listens on.');
  }
  return { baseUrl: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** Builds into a fresh scratch folder and serves it; close() stops the server and removes the folder. */
export async function buildAndServe(): Promise<Served> {
  const outDir = await mkdtemp(join(tmpdir(), 'unrolled-dist-'));
  try {
    await buildBook(outDir);
    const served = await serveBook(outDir);
    return {
      baseUrl: served.baseUrl,
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

/** A headless chromium with a fresh profile in the system temp folder. */
export async function launchChromium(): Promise<Chromium> {
  const missing = chromiumMissing();
  if (missing) throw new Error(`Cannot launch chromium: ${missing}.`);
  const profile = await mkdtemp(join(tmpdir(), 'unrolled-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: CHROMIUM_ARGS,
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
