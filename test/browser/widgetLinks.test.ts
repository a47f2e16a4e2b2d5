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

/** Sets a number field (committed when it loses focus); reads it back. */
const numberField = (widget: string, chapter: string, param: string, label: string, value: string): LinkCase => ({
  widget,
  chapter,
  param,
  change: async (shell) => {
    const field = shell.getByLabel(label, { exact: true });
    await field.fill(value);
    await field.press('Tab');
  },
  read: (shell) => shell.getByLabel(label, { exact: true }).inputValue(),
});

const cases: LinkCase[] = [
  firstText('OrderMatters', '/chapters/why-order-matters', 'order-matters', 'B beats A, 猫 🐈'),
  firstText('GradientFlow', '/chapters/vanishing-gradients', 'gradients-flow', 'short sentence here'),
  firstText('CellExplorer', '/chapters/lstm-from-scratch', 'lstm-explorer', 'a link opened in a fresh browser'),
  {
    widget: 'RecurrenceShapes',
    chapter: '/chapters/shapes-of-recurrence',
    param: 'recurrence-shapes',
    change: (shell) => shell.locator('input[type="radio"]:not(:checked)').last().check(),
    read: (shell) => shell.locator('input[type="radio"]:checked').getAttribute('value'),
  },
  numberField('ClippingDemo', '/chapters/vanishing-gradients', 'gradients-clipping', 'Clip norm', '2.5'),
  numberField('PowerExpansion', '/chapters/vanishing-gradients', 'gradients-power-expansion', 'Input weight W', '1.7'),
  numberField('NumpyToyRnn', '/chapters/rnn-from-scratch', 'numpy-toy-rnn', 'Random seed', '77'),
  numberField('CharBatches', '/chapters/char-minibatches', 'char-batches', 'N (sequences per batch)', '3'),
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
