/**
 * The notebook from a real widget: train the chapter 3 toy model in the browser, press
 * "Download notebook (.ipynb)", and check the file the browser saved: a valid nbformat 4.5
 * notebook whose Keras cell is the "Copy as Keras" listing, whose code cells all compile, and
 * whose NumPy cells, run with python3, reproduce the browser's own prediction within 1e-5.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { INotebookContent } from '@jupyterlab/nbformat';
import { cellSource, notebookProblems, pythonProblem, runNotebook } from '../unit/notebookCheck';
import { useBook } from './harness';
import { trainToy } from './toyLabSteps';

const { openBook } = useBook();
const python = pythonProblem();

describe('notebook download', () => {
  it('the trained toy RNN downloads as a notebook whose NumPy pass reproduces the browser', async (context) => {
    if (python && process.env.REQUIRE_BROWSER !== '1') context.skip(`needs python3 with NumPy: ${python}`);
    expect(python).toBeNull();
    const book = await openBook('/chapters/rnn-from-scratch');
    await book.chapterReady();
    await book.widgetsReady();
    await trainToy(book, 20, 0.05);

    const training = book.widget('ToyTraining');
    const panel = training.getByTestId('model-export');
    await panel.locator('summary').click();
    const [download] = await Promise.all([book.page.waitForEvent('download'), panel.getByRole('button', { name: 'Download notebook (.ipynb)' }).click()]);
    expect(download.suggestedFilename()).toBe('unrolled-toy-rnn.ipynb');
    await expect.poll(() => panel.getByRole('status').first().textContent()).toContain('unrolled-toy-rnn.ipynb');
    const notebook = JSON.parse(await readFile((await download.path())!, 'utf8')) as INotebookContent;

    expect(notebookProblems(notebook)).toEqual([]);
    const keras = notebook.cells.find((c) => c.id === 'keras-build')!;
    expect(cellSource(keras)).toBe(await panel.getByTestId('code-python').locator('code').textContent());
    expect(cellSource(keras)).toContain('layers.SimpleRNN(1, recurrent_initializer="zeros", name="rnn")');
    expect(cellSource(notebook.cells[0])).toContain('20 epochs');

    const run = runNotebook(notebook);
    expect(run.printedDifference).toBeLessThanOrEqual(1e-5);
    book.expectClean();
  });

  it("the layer playground's model (untrained, functional API) downloads and runs too", async (context) => {
    if (python && process.env.REQUIRE_BROWSER !== '1') context.skip(`needs python3 with NumPy: ${python}`);
    const book = await openBook('/chapters/layer-arguments');
    await book.chapterReady();
    await book.widgetsReady();
    const panel = book.widget('LayerPlayground').getByTestId('model-export');
    const [download] = await Promise.all([book.page.waitForEvent('download'), panel.getByRole('button', { name: 'Download notebook (.ipynb)' }).click()]);
    expect(download.suggestedFilename()).toBe('unrolled-layer-playground.ipynb');
    const notebook = JSON.parse(await readFile((await download.path())!, 'utf8')) as INotebookContent;
    expect(notebookProblems(notebook)).toEqual([]);
    expect(cellSource(notebook.cells.find((c) => c.id === 'keras-build')!)).toContain('layers.SimpleRNN(128, name="simple_rnn")');
    expect(runNotebook(notebook).printedDifference).toBeLessThanOrEqual(1e-5);
    book.expectClean();
  });
});
