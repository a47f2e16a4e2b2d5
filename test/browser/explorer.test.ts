/**
 * The cell explorer in a real browser, on the LSTM chapter: drag a weight with the mouse and with
 * a finger, step through time with the keyboard, reload a shared link, survive a garbage link, and
 * leave no listener or DOM node behind after 100 drags.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/engine/explorerConfig';
import { type BookPage, useBook } from './harness';

const { openBook } = useBook();
const CHAPTER = '/chapters/lstm-from-scratch';
const ID = 'lstm-explorer';

async function openExplorer(query = ''): Promise<{ book: BookPage; explorer: Locator }> {
  const book = await openBook(CHAPTER + query);
  await book.chapterReady();
  const explorer = book.page.locator(`#${ID}`);
  await explorer.waitFor({ state: 'visible', timeout: 60_000 });
  await expect.poll(() => explorer.getAttribute('data-widget-ready'), { timeout: 60_000 }).toBe('true');
  return { book, explorer };
}

const forgetWeight = (explorer: Locator) => explorer.getByRole('slider', { name: /^kernel row 0 col 2 \(forget gate, unit 0\): / });

/** The LSTM gate table's text: every gate value at the cursor. */
const tableText = (explorer: Locator) => explorer.getByRole('table', { name: /^LSTM at step/ }).innerText();

const time = (explorer: Locator) => explorer.locator('[data-time]').getAttribute('data-time');

async function drag(page: Page, target: Locator, dy: number, steps = 5): Promise<void> {
  const box = (await target.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + dy, { steps });
  await page.mouse.up();
}

const linkParam = (page: Page) => new URL(page.url()).searchParams.get(ID);

describe('cell explorer', () => {
  it('dragging a weight with the mouse changes the gate values and the link', async () => {
    const { book, explorer } = await openExplorer();
    const before = await tableText(explorer);
    const weight = forgetWeight(explorer);
    const start = Number(await weight.getAttribute('aria-valuenow'));
    await weight.scrollIntoViewIfNeeded();
    await drag(book.page, weight, -60);
    const moved = Number(await forgetWeight(explorer).getAttribute('aria-valuenow'));
    // 60 px up at 0.02 per pixel.
    expect(moved - start).toBeCloseTo(1.2, 1);
    expect(await tableText(explorer)).not.toBe(before);
    await expect.poll(() => linkParam(book.page)).not.toBeNull();
    expect(decodeConfig(linkParam(book.page)!).config?.weights.lstm.kernel[2]).toBeCloseTo(moved, 5);
    book.expectClean();
  });

  it('a finger dragged up a weight moves the weight, not the page', async () => {
    const { book, explorer } = await openExplorer();
    const page = book.page;
    // A phone: touch input, and a reload so the drag behaviour is set up for touch events too.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    await page.reload({ waitUntil: 'load' });
    // Every widget, not only this one: one that finishes above it later changes the page's height.
    await book.chapterReady();
    await book.widgetsReady();
    const weight = forgetWeight(explorer);
    await weight.scrollIntoViewIfNeeded();
    const start = Number(await weight.getAttribute('aria-valuenow'));
    const box = (await weight.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const touchAt = (type: 'touchStart' | 'touchMove', dy: number) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: [{ x, y: y + dy }] });
    await touchAt('touchStart', 0);
    for (let dy = -10; dy >= -60; dy -= 10) await touchAt('touchMove', dy);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const moved = Number(await forgetWeight(explorer).getAttribute('aria-valuenow'));
    // 60 px up at 0.02 per pixel, as with the mouse; a page that panned instead would leave it.
    expect(moved - start).toBeCloseTo(1.2, 1);
    // And the weight is where the finger found it: a pan would have carried it tens of pixels up
    // the screen (a late change of the page's height may still nudge it by a fraction of one).
    expect(Math.abs((await weight.boundingBox())!.y - box.y)).toBeLessThan(5);
    book.expectClean();
  });

  it('steps through time with the keyboard', async () => {
    const { book, explorer } = await openExplorer();
    const region = explorer.getByRole('group', { name: /Unrolled cells/ });
    await region.focus();
    expect(await time(explorer)).toBe('0');
    await book.page.keyboard.press('ArrowRight');
    await book.page.keyboard.press('ArrowRight');
    expect(await time(explorer)).toBe('2');
    const caption = explorer.getByRole('table', { name: /^LSTM at step 3 / });
    await caption.waitFor();
    await book.page.keyboard.press('End');
    const last = Number(await time(explorer));
    expect(last).toBeGreaterThan(2);
    await book.page.keyboard.press('ArrowLeft');
    expect(await time(explorer)).toBe(String(last - 1));
    await book.page.keyboard.press('Home');
    expect(await time(explorer)).toBe('0');
    await book.page.keyboard.press('Space');
    await expect.poll(() => time(explorer), { timeout: 5_000 }).toBe('1');
    await book.page.keyboard.press('Space');
    await expect.poll(() => explorer.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    book.expectClean();
  });

  it('a reload of the shared link shows the same state', async () => {
    const { book, explorer } = await openExplorer();
    await explorer.getByLabel('Sentence (any language, emoji welcome)').fill('猫 sat on the mat, 🐈 purring.');
    await explorer.getByRole('button', { name: 'Remember the first word' }).click();
    await explorer.getByRole('group', { name: /Unrolled cells/ }).focus();
    await book.page.keyboard.press('End');
    await book.page.keyboard.press('ArrowLeft');
    const weight = explorer.getByRole('slider', { name: /^bias row 0 col 0 / });
    await weight.focus();
    await book.page.keyboard.press('Shift+ArrowUp');
    const table = await tableText(explorer);
    const timeBefore = await time(explorer);
    const bias = await explorer.getByRole('slider', { name: /^bias row 0 col 0 / }).getAttribute('aria-valuetext');
    await expect.poll(() => linkParam(book.page) && decodeConfig(linkParam(book.page)!).config?.time).toBe(Number(timeBefore));

    const shared = book.page.url();
    await book.page.reload({ waitUntil: 'load' });
    await expect.poll(() => explorer.getAttribute('data-widget-ready'), { timeout: 60_000 }).toBe('true');
    expect(book.page.url()).toBe(shared);
    expect(await tableText(explorer)).toBe(table);
    expect(await time(explorer)).toBe(timeBefore);
    expect(await explorer.getByRole('slider', { name: /^bias row 0 col 0 / }).getAttribute('aria-valuetext')).toBe(bias);
    expect(await explorer.getByLabel('Sentence (any language, emoji welcome)').inputValue()).toBe('猫 sat on the mat, 🐈 purring.');

    // The same link in a new tab is the same view.
    const { explorer: again } = await openExplorer(new URL(shared).search);
    expect(await tableText(again)).toBe(table);
    book.expectClean();
  });

  it('a garbage link gives the defaults and a visible note, not a blank page', async () => {
    const { book: fresh, explorer: defaults } = await openExplorer();
    const defaultTable = await tableText(defaults);
    for (const garbage of ['%%%', 'eyJ2IjoxfQ', 'bm90IGpzb24', 'A'.repeat(12_000)]) {
      const { book, explorer } = await openExplorer(`?${ID}=${garbage}`);
      await expect(explorer.getByRole('status').filter({ hasText: 'could not be read' }).count()).resolves.toBe(1);
      expect(await tableText(explorer)).toBe(defaultTable);
      book.expectClean();
      await book.page.close();
    }
    fresh.expectClean();
  });

  it('100 drags leave no listener and no DOM node behind', async () => {
    const { book, explorer } = await openExplorer();
    const page = book.page;
    const cdp = await page.context().newCDPSession(page);
    const listeners = async (): Promise<number> => {
      let total = 0;
      for (const expression of ['window', 'document', `document.getElementById(${JSON.stringify(ID)})`]) {
        const { result } = await cdp.send('Runtime.evaluate', { expression });
        const subtree = expression.startsWith('document.get');
        const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId!, depth: subtree ? -1 : 0, pierce: true });
        total += found.length;
      }
      return total;
    };
    // Other widgets of the chapter may still be settling; count only what the explorer owns.
    await book.widgetsReady();
    const nodes = () => page.evaluate((id) => document.getElementById(id)!.getElementsByTagName('*').length, ID);
    const weight = forgetWeight(explorer);
    await weight.scrollIntoViewIfNeeded();
    await drag(page, weight, 10, 1);
    const before = { listeners: await listeners(), nodes: await nodes() };
    for (let i = 0; i < 100; i++) await drag(page, forgetWeight(explorer), i % 2 ? 12 : -12, 2);
    expect({ listeners: await listeners(), nodes: await nodes() }).toEqual(before);
    expect(before.listeners).toBeGreaterThan(0);
    book.expectClean();
  });
});
