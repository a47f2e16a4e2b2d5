/**
 * Offline after one visit. The shared build is served by a server of this file's own, a reader
 * opens the home page once, the service worker precaches the book, and then the server is shut
 * down and the browser set offline (so neither the page nor the worker can reach anything). Every
 * chapter must still open and hydrate; the toy model must train (chapter 3) and the "hello"
 * model generate text (chapter 15); MNIST, never loaded, must say clearly that it is offline.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { type Chromium, launchChromium } from './app';
import { type BookPage, openBookPage } from './harness';
import { type StaticServer, serveStatic } from './staticServer';
import { trainToy, lossesAndDelta } from './toyLabSteps';

const setup = inject('browserSetup');
const READY = 60_000;

beforeEach((context) => {
  if (setup.skip !== undefined) context.skip(setup.skip);
});

describe('offline after one visit', () => {
  let browser: Chromium;
  let server: StaticServer;
  let baseUrl = '';
  let chapters: string[] = [];

  beforeAll(async () => {
    if (setup.skip !== undefined) return;
    server = await serveStatic(setup.outDir, '/');
    baseUrl = server.origin;
    chapters = (await readdir(join(setup.outDir, 'chapters'))).map((slug) => `/chapters/${slug}/`);
    browser = await launchChromium();
    // The one online visit: the home page, until the service worker has installed and controls it.
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/`, { waitUntil: 'load' });
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
    }, undefined, { timeout: 120_000, polling: 250 });
    await page.close();
    await server.close();
    await browser.context.setOffline(true);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = (path: string): Promise<BookPage> => openBookPage(browser.context, baseUrl, path);
  /** Offline, the page itself may log nothing; the expected "Failed to fetch" of MNIST is checked separately. */
  const realProblems = (book: BookPage) => book.problems();

  it('the server is really gone', async () => {
    await expect(fetch(`${baseUrl}/`)).rejects.toThrow();
  });

  it('every chapter opens, in English and in Chinese, and mounts its widgets', { timeout: 900_000 }, async () => {
    const failures: string[] = [];
    for (const path of [...chapters, ...chapters.map((p) => `/zh${p}`)]) {
      const book = await open(path);
      try {
        await book.chapterReady(READY);
        await book.page.waitForFunction(() => document.querySelectorAll('[data-widget-placeholder]').length === 0, undefined, { timeout: READY });
        await book.widgetsReady(READY);
      } catch (error) {
        failures.push(`${path}: ${String(error).split('\n')[0]}; not ready: ${(await book.widgetsNotReady()).join(', ')}`);
      }
      failures.push(...realProblems(book).map((p) => `${path}: ${p.split('\n')[0]}`));
      await book.page.close();
    }
    expect(failures).toEqual([]);
  });

  it('a chapter URL without the trailing slash still opens (the worker answers with the app)', async () => {
    const book = await open('/chapters/gru');
    await book.chapterReady(READY);
    expect(await book.page.locator('article h1').textContent()).toBeTruthy();
    book.expectClean();
  });

  it('trains the toy RNN (chapter 3) and its hand computation equals predict', async () => {
    const book = await open('/chapters/rnn-from-scratch/');
    await book.chapterReady(READY);
    await book.widgetsReady(READY);
    await trainToy(book, 50, 0.05);
    const { first, last, delta } = await lossesAndDelta(book);
    expect(last).toBeLessThan(first);
    expect(delta).toBeLessThan(1e-5);
    book.expectClean();
  });

  it('trains the "hello" model and generates text with it (chapter 15)', async () => {
    const book = await open('/chapters/char-language-model/');
    await book.chapterReady(READY);
    await book.widgetsReady(READY);
    const hello = book.widget('HelloLm');
    await hello.getByLabel('Epochs').fill('300');
    await hello.getByRole('button', { name: 'Train 300 epochs' }).click();
    await expect.poll(() => hello.getByTestId('hello-epochs').textContent(), { timeout: 60_000 }).toBe('300');
    const sampler = book.widget('HelloSampler');
    for (let i = 0; i < 4; i++) await sampler.getByRole('button', { name: 'Sample next character' }).click();
    expect(await sampler.getByTestId('sampler-text').textContent()).toBe('hello');
    book.expectClean();
  });

  it('the novel chapter has its text offline (Moby-Dick, precached)', async () => {
    const book = await open('/chapters/char-lstm-novel/');
    await book.chapterReady(READY);
    await book.widgetsReady(120_000);
    await expect
      .poll(() => book.widget('CharLmTraining').getByTestId('corpus-line').textContent(), { timeout: 60_000 })
      .toContain('1,190,317 characters');
    book.expectClean();
  });

  it('MNIST, never loaded online, says it is offline instead of failing vaguely', async () => {
    const book = await open('/chapters/mnist-rows/');
    await book.chapterReady(READY);
    await book.widgetsReady(90_000);
    const training = book.widget('MnistTraining');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => training.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/offline/i);
    expect(await training.getByRole('alert').textContent()).toMatch(/mnist-(train|test)\.bin/);
    // The failed downloads themselves are the only problems on the page.
    expect(book.problems().filter((p) => !/mnist-(train|test)\.bin|Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(p))).toEqual([]);
  });
});
