/**
 * The live cell diagrams in the chapters that teach a cell: on each, the diagram is present and
 * painted (canvas pixels, not just an empty box), playing runs, dragging a gate bar changes the
 * numbers on the drawing (picking a character, for the trained char-LSTM of chapter 17), a reload
 * keeps the state, and the console stays clean. Chapter 10's prose links open the GRU walks.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig, defaultConfig, encodeConfig } from '../../src/engine/explorerConfig';
import { type BookPage, useBook } from './harness';

const { openBook } = useBook();

/**
 * The diagram's box as painted, with the SVG frame above the canvas hidden, and optionally the
 * canvas too. The canvas is read from the screen because its bitmap may belong to the painting
 * worker (src/viz/canvasPainter.ts), which the page can no longer read back. Null if the box is
 * not on screen.
 */
async function canvasShot(diagram: Locator, withCanvas = true): Promise<string | null> {
  const page = diagram.page();
  const canvas = diagram.locator('canvas');
  const svg = diagram.locator('svg').first();
  const hide = (el: Locator, hidden: boolean) => el.evaluate((e, h) => ((e as HTMLElement).style.visibility = h ? 'hidden' : ''), hidden);
  const box = await canvas.boundingBox();
  const view = page.viewportSize()!;
  if (!box) return null;
  // The page clipped to the canvas: an element screenshot would wait for a hidden canvas to show.
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  const clip = { x, y, width: Math.min(box.x + box.width, view.width) - x, height: Math.min(box.y + box.height, view.height) - y };
  if (clip.width < 1 || clip.height < 1) return null;
  await hide(svg, true);
  if (!withCanvas) await hide(canvas, true);
  const shot = await page.screenshot({ clip });
  await hide(canvas, false);
  await hide(svg, false);
  return shot.toString('base64');
}

/** Pixels that differ between two screenshots of the same box (PNG, base64), counted in the page. */
function differingPixels(page: Page, a: string, b: string): Promise<number> {
  return page.evaluate(async ([first, second]) => {
    const pixels = async (base64: string) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    };
    const [x, y] = [await pixels(first), await pixels(second)];
    if (x.length !== y.length) return Math.max(x.length, y.length) / 4;
    let n = 0;
    for (let i = 0; i < x.length; i += 4) if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2]) n++;
    return n;
  }, [a, b] as const);
}

/** Pixels the diagram's canvas paints: its box with the canvas shown against the box without it. */
async function paintedPixels(diagram: Locator): Promise<number> {
  const shown = await canvasShot(diagram);
  const bare = await canvasShot(diagram, false);
  return shown && bare ? differingPixels(diagram.page(), shown, bare) : 0;
}

const wireValues = (diagram: Locator, wire: string) => diagram.locator(`[data-wire="${wire}"]`).getAttribute('data-values');

/** Whether the element is at least partly inside the viewport. */
const onScreen = (el: Locator) => el.evaluate((e) => {
  const r = e.getBoundingClientRect();
  return r.top < window.innerHeight && r.bottom > 0;
});

async function expectPainted(diagram: Locator): Promise<void> {
  await diagram.waitFor({ state: 'visible', timeout: 60_000 });
  await diagram.scrollIntoViewIfNeeded();
  await expect.poll(() => paintedPixels(diagram), { timeout: 10_000 }).toBeGreaterThan(2_000);
  expect(await diagram.locator('svg path, svg rect').count()).toBeGreaterThan(5);
}

/** Drags the first bias handle of a gate block upwards and returns the h values before and after. */
async function dragBias(page: Page, diagram: Locator, node: string): Promise<{ before: string | null; after: string | null }> {
  const before = await wireValues(diagram, 'out.h');
  const handle = diagram.locator(`[data-node="${node}"] [data-bias-index]`).first();
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  if (!box) throw new Error(`no bias handle on ${node}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 12 * k);
  await page.mouse.up();
  await expect.poll(() => wireValues(diagram, 'out.h')).not.toBe(before);
  return { before, after: await wireValues(diagram, 'out.h') };
}

/** "Play one step" runs through the stages of the step. */
async function playOneStep(root: Locator): Promise<void> {
  const figure = root.locator('figure.live-cell').first();
  await root.getByRole('button', { name: 'Play one step' }).first().click();
  await expect.poll(() => figure.getAttribute('data-stage'), { timeout: 5_000 }).not.toBe('all');
  await expect.poll(() => figure.getAttribute('data-stage'), { timeout: 15_000 }).toBe('all');
}

/** Play over the sentence advances the time cursor. */
async function playSentence(root: Locator): Promise<void> {
  const time = root.locator('[data-time]').first();
  const start = Number(await time.getAttribute('data-time'));
  await root.getByRole('button', { name: 'Play', exact: true }).first().click();
  await expect.poll(async () => Number(await time.getAttribute('data-time')), { timeout: 10_000 }).toBeGreaterThan(start);
  await root.getByRole('button', { name: 'Pause', exact: true }).first().click();
}

async function lanesChapter(book: BookPage, path: string, lane: string, node: string): Promise<void> {
  await book.goto(path);
  await book.chapterReady();
  const widget = book.widget('CellLanes');
  const diagram = widget.locator(`[data-lane="${lane}"] [data-cell-diagram]`);
  await expectPainted(diagram);
  await playSentence(widget);
  await playOneStep(widget);
  const { after } = await dragBias(book.page, diagram, node);
  // The bias edit and the time are saved; a reload draws the same numbers.
  await book.page.waitForTimeout(300);
  await book.page.reload();
  await book.chapterReady();
  const again = book.widget('CellLanes').locator(`[data-lane="${lane}"] [data-cell-diagram]`);
  await expectPainted(again);
  await expect.poll(() => wireValues(again, 'out.h')).toBe(after);
  book.expectClean();
}

describe('live cell diagrams', () => {
  it('chapter 3: the trained toy SimpleRNN drawn next to the hand computation; a reload keeps the document and step', async () => {
    const book = await openBook('/chapters/rnn-from-scratch');
    await book.chapterReady();
    const check = book.widget('ToyForwardCheck');
    const diagram = check.locator('[data-cell-diagram="simpleRNN"]');
    await expectPainted(diagram);
    // The drawing's h is the hand computation's last h (the toy has one unit).
    const lines = await check.locator('ol.steps li').allTextContents();
    const lastH = lines.filter((l) => /^h\d+ = tanh/.test(l)).pop()!;
    const shown = Number(await wireValues(diagram, 'out.h'));
    expect(Number(lastH.split('=').pop())).toBeCloseTo(shown, 5);
    await playOneStep(check);
    // A non-editable block shows its numbers on keyboard focus too.
    await diagram.locator('[data-node="gate.h"]').focus();
    await expect.poll(() => diagram.locator('.cell-readout').textContent()).toMatch(/= \[/);

    // Another document, an earlier step: both survive a reload, and so do the numbers drawn.
    await check.getByLabel('Document').selectOption({ index: 1 });
    const step = check.getByRole('slider', { name: /^Step drawn as the cell/ });
    await step.focus();
    await book.page.keyboard.press('Home');
    await book.page.keyboard.press('ArrowRight');
    const picked = { doc: await check.getByLabel('Document').inputValue(), step: await step.inputValue(), h: await wireValues(diagram, 'out.h') };
    expect(picked.step).toBe('1');
    await book.page.waitForTimeout(300);
    await book.page.reload();
    await book.chapterReady();
    const again = book.widget('ToyForwardCheck');
    await expectPainted(again.locator('[data-cell-diagram="simpleRNN"]'));
    await expect
      .poll(async () => ({
        doc: await again.getByLabel('Document').inputValue(),
        step: await again.getByRole('slider', { name: /^Step drawn as the cell/ }).inputValue(),
        h: await wireValues(again.locator('[data-cell-diagram="simpleRNN"]'), 'out.h'),
      }))
      .toEqual(picked);
    book.expectClean();
  });

  it('chapter 5: the LSTM run backwards with the gradient through each gate', async () => {
    const book = await openBook('/chapters/vanishing-gradients');
    await book.chapterReady();
    const widget = book.widget('GradientCell');
    const diagram = widget.locator('[data-cell-diagram="lstm"][data-mode="gradient"]');
    await expectPainted(diagram);
    // Play runs back through time from the last word, as backpropagation does.
    const time = widget.locator('[data-time]');
    const end = Number(await time.getAttribute('data-time'));
    const atEnd = await wireValues(diagram, 'out.h');
    await widget.getByRole('button', { name: 'Play back through time' }).click();
    await expect.poll(async () => Number(await time.getAttribute('data-time')), { timeout: 10_000 }).toBeLessThan(end);
    await expect.poll(() => wireValues(diagram, 'out.h')).not.toBe(atEnd);
    await widget.getByRole('button', { name: 'Pause' }).click();
    // Step back from wherever play stopped: the gradient reaching h changes.
    const before = await wireValues(diagram, 'out.h');
    const step = widget.getByRole('slider', { name: 'Step' });
    await step.focus();
    await book.page.keyboard.press('Home');
    await expect.poll(() => wireValues(diagram, 'out.h')).not.toBe(before);
    const first = await wireValues(diagram, 'out.h');
    // Dragging the recurrent scale changes every gradient.
    const scale = widget.getByRole('slider', { name: 'Recurrent weight scale' });
    // A click at 90 % of the track; Playwright scrolls it out from under the sticky header first.
    const box = (await scale.boundingBox())!;
    await scale.click({ position: { x: box.width * 0.9, y: box.height / 2 } });
    await expect.poll(() => wireValues(diagram, 'out.h')).not.toBe(first);
    const after = await wireValues(diagram, 'out.h');
    await book.page.waitForTimeout(300);
    await book.page.reload();
    await book.chapterReady();
    const again = book.widget('GradientCell').locator('[data-cell-diagram="lstm"]');
    await expectPainted(again);
    await expect.poll(() => wireValues(again, 'out.h')).toBe(after);
    book.expectClean();
  });

  it('chapter 6: the LSTM explorer plays, drags from the diagram and keeps it in the link', async () => {
    const book = await openBook('/chapters/lstm-from-scratch');
    await book.chapterReady();
    const explorer = book.page.locator('#lstm-explorer');
    const diagram = explorer.locator('[data-cell-diagram="lstm"]');
    await expectPainted(diagram);
    await playSentence(explorer);
    await playOneStep(explorer);
    await explorer.locator('.explorer-time-region').focus();
    await book.page.keyboard.press('ArrowRight');
    // In Chromium the chain and the cell are painted by the painting worker: the page gave up
    // their bitmaps, and a drag still repaints the drawing on screen, not just its numbers.
    const handedOver = (canvas: Locator) => canvas.evaluate((c: HTMLCanvasElement) => {
      try {
        return c.getContext('2d') === null;
      } catch {
        return true;
      }
    });
    expect(await handedOver(diagram.locator('canvas'))).toBe(true);
    expect(await handedOver(explorer.locator('canvas.unrolled-bars'))).toBe(true);
    await diagram.scrollIntoViewIfNeeded();
    const before = await canvasShot(diagram);
    const { after } = await dragBias(book.page, diagram, 'gate.o');
    await expect.poll(async () => differingPixels(book.page, before!, (await canvasShot(diagram))!), { timeout: 10_000 }).toBeGreaterThan(50);
    await expect.poll(() => new URL(book.page.url()).searchParams.get('lstm-explorer')).not.toBeNull();
    await book.page.reload();
    await book.chapterReady();
    const again = book.page.locator('#lstm-explorer [data-cell-diagram="lstm"]');
    await expectPainted(again);
    await expect.poll(() => wireValues(again, 'out.h')).toBe(after);
    // The toy LSTM is drawn beside its hand computation too.
    await expectPainted(book.widget('ToyForwardCheck').locator('[data-cell-diagram="lstm"]'));
    book.expectClean();
  });

  it('chapter 6: a 40-token chain paints the tokens its scroll box shows, wherever it is scrolled', async () => {
    const sentence = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const config = encodeConfig({ ...defaultConfig({ cell: 'lstm', units: 4, inputDim: 3, sentence }), time: 0 });
    expect(decodeConfig(config).config?.sentence).toBe(sentence);
    const book = await openBook(`/chapters/lstm-from-scratch?lstm-explorer=${config}`);
    await book.chapterReady();
    const strip = book.page.locator('#lstm-explorer .unrolled-diagram-wrap').first();
    await strip.waitFor({ state: 'visible', timeout: 60_000 });
    await strip.scrollIntoViewIfNeeded();
    // The canvas is only as wide as the tokens in view and one either side, and covers the box.
    const covers = () => strip.evaluate((wrap) => {
      let box = wrap.parentElement!;
      while (getComputedStyle(box).overflowX !== 'auto') box = box.parentElement!;
      const canvas = wrap.querySelector('canvas')!;
      const [b, c] = [box.getBoundingClientRect(), canvas.getBoundingClientRect()];
      return c.left <= b.left && c.right >= b.right && c.width < wrap.scrollWidth && getComputedStyle(canvas).visibility === 'visible';
    });
    for (const to of ['middle', 'end', 'start'] as const) {
      await strip.evaluate((wrap, where) => {
        let box = wrap.parentElement!;
        while (getComputedStyle(box).overflowX !== 'auto') box = box.parentElement!;
        const max = box.scrollWidth - box.clientWidth;
        box.scrollLeft = where === 'middle' ? max / 2 : where === 'end' ? max : 0;
      }, to);
      await expect.poll(covers, { timeout: 5_000 }).toBe(true);
      await expect.poll(() => paintedPixels(strip), { timeout: 10_000 }).toBeGreaterThan(2_000);
    }
    book.expectClean();
  });

  it('chapter 8: two stacked LSTMs', async () => {
    const book = await openBook('/chapters/stacked-lstm');
    await lanesChapter(book, '/chapters/stacked-lstm', 'lower', 'gate.f');
  });

  it('chapter 10: the GRU with the reset gate before and after', async () => {
    const book = await openBook('/chapters/gru');
    await lanesChapter(book, '/chapters/gru', 'resetAfter', 'gate.z');
    await expectPainted(book.page.locator('#gru-explorer [data-cell-diagram="gru"]'));
  });

  it('chapter 10: the prose links open the GRU walks, on load and when followed', async () => {
    const book = await openBook('/chapters/gru#cell-lanes-ch10-lanes-resetBefore-walk');
    await book.chapterReady();
    const walk = (lane: string) => book.page.locator(`#cell-lanes-ch10-lanes-${lane}-walk-panel`);
    await expect.poll(() => walk('resetBefore').getAttribute('data-walk'), { timeout: 60_000 }).toBe('open');
    await expect.poll(() => onScreen(walk('resetBefore'))).toBe(true);
    expect(await walk('resetBefore').textContent()).toContain('Stage 1 of');
    // The link in the prose to the other cell's walk.
    await book.page.getByRole('link', { name: /reset_after=True.* cell/ }).click();
    await expect.poll(() => walk('resetAfter').getAttribute('data-walk')).toBe('open');
    await expect.poll(() => onScreen(walk('resetAfter'))).toBe(true);
    book.expectClean();
  });

  it('chapter 17: the trained char-LSTM’s first layer at the character picked in the unit heatmap', async () => {
    const book = await openBook('/chapters/char-lstm-novel');
    await book.chapterReady();
    const widget = book.widget('CharLmUnits');
    const cell = widget.getByTestId('char-lm-cell');
    await cell.waitFor({ state: 'visible', timeout: 120_000 });
    const diagram = cell.locator('[data-cell-diagram="lstm"]');
    await expectPainted(diagram);
    expect(await cell.getAttribute('data-at')).toBe('0');
    const before = { h: await wireValues(diagram, 'out.h'), f: await diagram.locator('[data-node="gate.f"]').getAttribute('data-values') };
    // Pick a character with the keyboard, then another with the mouse: the drawing shows that step.
    const heatmap = widget.getByRole('slider', { name: /over the text/ });
    await heatmap.focus();
    for (let i = 0; i < 3; i++) await book.page.keyboard.press('ArrowRight');
    await expect.poll(() => cell.getAttribute('data-at'), { timeout: 30_000 }).toBe('3');
    await expect.poll(() => wireValues(diagram, 'out.h')).not.toBe(before.h);
    expect(await diagram.locator('[data-node="gate.f"]').getAttribute('data-values')).not.toBe(before.f);
    await heatmap.locator('[data-i="9"]').click();
    await expect.poll(() => cell.getAttribute('data-at'), { timeout: 30_000 }).toBe('9');
    // Eight units of the layer are drawn; picking one on the drawing shows it in the heatmap.
    expect(await cell.getByRole('button', { name: /^unit \d+$/ }).count()).toBe(8);
    await cell.getByRole('button', { name: 'unit 5' }).click();
    await expect.poll(() => widget.getByLabel('Unit', { exact: true }).inputValue()).toBe('5');
    await expect.poll(() => cell.getByRole('button', { name: 'unit 5' }).getAttribute('aria-pressed')).toBe('true');
    book.expectClean();
  });

  it('chapter 13: forward and backward chains and their concatenation', async () => {
    const book = await openBook('/chapters/bidirectional');
    await lanesChapter(book, '/chapters/bidirectional', 'backward', 'gate.i');
    expect(await book.widget('CellLanes').getByTestId('concat').locator('table').count()).toBe(2);
  });
});
