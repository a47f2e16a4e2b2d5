/**
 * "Copy link to this state" for the cell widgets: the lanes of chapter 10 (sentence, time cursor
 * and a bias nudged on the diagram), chapter 5's backwards cell (sentence, cell and step) and
 * chapter 17's unit inspector (layer state, unit, property and the character picked for its cell
 * diagram). Each is changed, its link copied and opened in a fresh browser (linkRoundTrip.ts),
 * where the same state and the same numbers on the drawing must appear.
 */
import type { Locator } from 'playwright-core';
import { describe, it } from 'vitest';
import { useBook } from './harness';
import { type LinkCase, linkRoundTrip } from './linkRoundTrip';

const harness = useBook();

const wire = (root: Locator, id: string) => root.locator(`[data-wire="${id}"]`).first().getAttribute('data-values');

const cases: LinkCase[] = [
  {
    widget: 'CellLanes',
    chapter: '/chapters/gru',
    param: 'cell-lanes-ch10-lanes',
    change: async (shell, page) => {
      await shell.getByLabel('Sentence', { exact: true }).fill('a small dog ran home');
      await shell.getByRole('button', { name: 'Step forward' }).click();
      await shell.getByRole('button', { name: 'Step forward' }).click();
      const handle = shell.locator('[data-lane="resetAfter"] [data-node="gate.z"] [data-bias-index]').first();
      await handle.focus();
      await page.keyboard.press('Shift+ArrowUp');
      // Leaving the handle clears the numbers under the drawing, and the page below it moves up:
      // let that happen before the helper clicks the link button.
      await handle.evaluate((el) => (el as SVGElement).blur());
    },
    read: async (shell) => ({
      sentence: await shell.getByLabel('Sentence', { exact: true }).inputValue(),
      time: await shell.locator('[data-time]').first().getAttribute('data-time'),
      h: await wire(shell.locator('[data-lane="resetAfter"]'), 'out.h'),
    }),
  },
  {
    widget: 'GradientCell',
    chapter: '/chapters/vanishing-gradients',
    param: 'gradients-cell',
    change: async (shell, page) => {
      await shell.getByLabel('Sentence', { exact: true }).fill('the cat the dog chased ran away');
      await shell.getByLabel('Cell', { exact: true }).selectOption('gru');
      await shell.getByRole('slider', { name: 'Step' }).focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowRight');
    },
    read: async (shell) => ({
      sentence: await shell.getByLabel('Sentence', { exact: true }).inputValue(),
      cell: await shell.getByLabel('Cell', { exact: true }).inputValue(),
      step: await shell.getByRole('slider', { name: 'Step' }).inputValue(),
      dh: await wire(shell.locator('[data-cell-diagram]'), 'out.h'),
    }),
  },
  {
    widget: 'CharLmUnits',
    chapter: '/chapters/char-lstm-novel',
    param: 'char-lm-units',
    change: async (shell, page) => {
      await shell.getByTestId('char-lm-cell').waitFor({ state: 'visible', timeout: 120_000 });
      await shell.getByLabel('Values').selectOption('h');
      await shell.getByLabel('Find units that fire on').selectOption('lineEnd');
      const heatmap = shell.getByRole('slider', { name: /over the text/ });
      await heatmap.focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await shell.getByTestId('char-lm-cell').getByRole('button', { name: 'unit 2' }).click();
    },
    read: async (shell) => {
      const cell = shell.getByTestId('char-lm-cell');
      return {
        kind: await shell.getByLabel('Values').inputValue(),
        property: await shell.getByLabel('Find units that fire on').inputValue(),
        unit: await shell.getByLabel('Unit', { exact: true }).inputValue(),
        at: await cell.getAttribute('data-at'),
        pressed: await cell.getByRole('button', { pressed: true }).textContent(),
      };
    },
  },
];

describe('cell widget links', () => {
  for (const c of cases) {
    it(`${c.widget}: the copied link opens the same state in a fresh browser`, () => linkRoundTrip(harness, c));
  }
});
