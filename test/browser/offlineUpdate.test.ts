/**
 * The service worker after the first visit, in two situations the offline test does not cover:
 *
 * - A new version is deployed: the site's sw.js changes on the server. The open page is told
 *   ("A new version of the book is available") and keeps running the version it started with
 *   until the reader presses Reload, which switches to the new worker and reloads.
 * - MNIST, used once online, is cached on that first use: offline afterwards, the chapter trains
 *   on the cached digits.
 *
 * Each test serves its own copy of the shared build (so changing sw.js touches nothing else).
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { type Chromium, launchChromium } from './app';
import { openBookPage } from './harness';
import { type StaticServer, serveStatic } from './staticServer';

const setup = inject('browserSetup');

beforeEach((context) => {
  if (setup.skip !== undefined) context.skip(setup.skip);
});

async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    },
    undefined,
    { timeout: 120_000, polling: 250 },
  );
}

describe('the service worker after the first visit', () => {
  let site = '';
  let server: StaticServer | null = null;
  let browser: Chromium | null = null;

  beforeEach(async () => {
    if (setup.skip !== undefined) return;
    site = await mkdtemp(join(tmpdir(), 'unrolled-site-'));
    await cp(setup.outDir, site, { recursive: true });
    server = await serveStatic(site, '/');
    browser = await launchChromium();
  });
  afterEach(async () => {
    await browser?.close();
    await server?.close();
    if (site) await rm(site, { recursive: true, force: true });
  });

  it('a new deployment is announced, and Reload switches to it', { timeout: 300_000 }, async () => {
    const book = await openBookPage(browser!.context, server!.origin, '/chapters/gru/');
    await book.chapterReady();
    await controlled(book.page);
    const first = await book.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(await book.page.getByRole('status').filter({ hasText: 'A new version of the book is available.' }).count()).toBe(0);

    // "Deploy" a new version: the worker script changes on the server (as every build with new files does).
    await appendFile(join(site, 'sw.js'), '\n// a new version\n');
    await book.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const notice = book.page.getByRole('status').filter({ hasText: 'A new version of the book is available.' });
    await notice.waitFor({ timeout: 120_000 });
    // Until the reader says so, the page stays with the worker it started with.
    expect(await book.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(first);
    const waiting = await book.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state ?? null);
    expect(waiting).toBe('installed');

    await Promise.all([book.page.waitForEvent('load', { timeout: 60_000 }), notice.getByRole('button', { name: 'Reload' }).click()]);
    await book.chapterReady();
    // The new worker controls the reloaded page, and there is nothing left to announce.
    await expect.poll(() => book.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null), { timeout: 30_000 }).toBeNull();
    expect(await book.page.getByRole('status').filter({ hasText: 'A new version of the book is available.' }).count()).toBe(0);
    book.expectClean();
  });

  it('MNIST used once online trains offline from the cache', { timeout: 400_000 }, async () => {
    const origin = server!.origin;
    const online = await openBookPage(browser!.context, origin, '/chapters/mnist-rows/');
    await online.chapterReady();
    await controlled(online.page);
    await online.widgetsReady(90_000);
    const training = online.widget('MnistTraining');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await training.getByTestId('mnist-steps').textContent()), { timeout: 180_000 }).toBeGreaterThanOrEqual(3);
    await training.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => training.getByRole('button', { name: 'Train', exact: true }).isEnabled(), { timeout: 60_000 }).toBe(true);
    const steps = Number(await training.getByTestId('mnist-steps').textContent());
    online.expectClean();
    await online.page.close();

    await server!.close();
    server = null;
    await browser!.context.setOffline(true);

    const offline = await openBookPage(browser!.context, origin, '/chapters/mnist-rows/');
    await offline.chapterReady();
    await offline.widgetsReady(90_000);
    const again = offline.widget('MnistTraining');
    // The saved weights came back, and training goes on with the cached digits.
    await expect.poll(async () => Number(await again.getByTestId('mnist-steps').textContent()), { timeout: 60_000 }).toBe(steps);
    await again.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await again.getByTestId('mnist-steps').textContent()), { timeout: 180_000 }).toBeGreaterThanOrEqual(steps + 3);
    await again.getByRole('button', { name: 'Stop' }).click();
    expect(await again.getByRole('alert').count()).toBe(0);
    offline.expectClean();
  });
});
