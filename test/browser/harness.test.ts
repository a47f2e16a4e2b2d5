/**
 * The harness itself: a page that misbehaves in each way a book page must not is caught, each
 * time exactly once, and a well-behaved page is clean.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';

const { openBook } = useBook();

describe('harness', () => {
  it('a page that does nothing wrong is clean', async () => {
    const book = await openBook('/');
    await book.page.evaluate(() => console.log('just a log'));
    book.expectClean();
  });

  it('records console errors, page errors, worker console errors and foreign requests', async () => {
    const book = await openBook('/');
    await book.page.evaluate(async () => {
      console.error('boom in the page');
      setTimeout(() => {
        throw new Error('uncaught in the page');
      });
      await fetch('https://example.invalid/tracker.js').catch(() => undefined);
      await fetch('data:text/plain,fine').catch(() => undefined);
      const source = "console.error('boom in a worker'); postMessage('done');";
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      await new Promise((resolve) => worker.addEventListener('message', resolve, { once: true }));
    });
    await expect.poll(() => book.problems().length).toBeGreaterThanOrEqual(4);
    await book.page.waitForTimeout(200);
    const problems = book.problems();
    expect(problems.filter((p) => p.includes('boom in the page'))).toHaveLength(1);
    expect(problems.filter((p) => p.includes('boom in a worker'))).toHaveLength(1);
    expect(problems.filter((p) => p.startsWith('page error:') && p.includes('uncaught in the page'))).toHaveLength(1);
    expect(problems.filter((p) => p === 'foreign request: GET https://example.invalid/tracker.js')).toHaveLength(1);
    expect(problems).toHaveLength(4);
    expect(() => book.expectClean()).toThrow(/tracker\.js/);
  });

  it('waits for a widget to say it is ready', async () => {
    const book = await openBook('/');
    await book.page.evaluate(() => {
      const section = document.createElement('section');
      section.dataset.widget = 'fake';
      section.dataset.widgetReady = 'false';
      document.body.append(section);
      setTimeout(() => (section.dataset.widgetReady = 'true'), 300);
    });
    expect(await book.widgetsNotReady()).toEqual(['fake']);
    await book.widgetsReady(5_000);
    expect(await book.widget('fake').getAttribute('data-widget-ready')).toBe('true');
  });
});
