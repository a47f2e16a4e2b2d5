/**
 * "Copy link to this state" in a real browser: change a widget, copy its link from the shell,
 * open the link in a fresh browser (no shared localStorage, so only the link can carry the state)
 * and find the same state, scrolled to; a garbage link gives the defaults and the shell's note.
 */
import { describe, expect, it } from 'vitest';
import { useBook } from './harness';
import { type LinkCase, linkRoundTrip } from './linkRoundTrip';

const harness = useBook();
const { openBook } = harness;

/** Types into the widget's first text box; reads it back. */
const firstText = (widget: string, chapter: string, param: string, text: string): LinkCase => ({
  widget,
  chapter,
  param,
  change: (shell) => shell.getByRole('textbox').first().fill(text),
  read: (shell) => shell.getByRole('textbox').first().inputValue(),
});

const cases: LinkCase[] = [
  firstText('OrderMatters', '/chapters/why-order-matters', 'order-matters', 'B beats A, 猫 🐈'),
  firstText('GradientFlow', '/chapters/vanishing-gradients', 'gradients-flow', 'short sentence here'),
];

describe('widget links', () => {
  for (const c of cases) {
    it(`${c.widget}: the copied link opens the same state in a fresh browser`, () => linkRoundTrip(harness, c));
  }

  it('OrderMatters: a garbage link gives the defaults and the note', async () => {
    const book = await openBook('/chapters/why-order-matters?order-matters=%25%25%25');
    await book.chapterReady();
    const shell = book.widget('OrderMatters');
    await shell.waitFor({ state: 'visible', timeout: 60_000 });
    await expect(shell.getByRole('status').filter({ hasText: 'could not be read' }).count()).resolves.toBe(1);
    expect(await shell.getByRole('textbox').first().inputValue()).toBe('A is faster than B');
    book.expectClean();
  });
});
