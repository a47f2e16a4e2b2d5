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
import { type BookPage, useBook } from './harness';
import { trainToy } from './toyLabSteps';

const { openBook } = useBook();
const python = pythonProblem();

/** Opens a widget's "Take this model to Python" panel, downloads its notebook and reads it. */
async function downloadNotebook(book: BookPage, widget: string, fileName: string): Promise<INotebookContent> {
  const panel = book.widget(widget).getByTestId('model-export');
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  const button = panel.getByRole('button', { name: 'Download notebook (.ipynb)' });
  await expect.poll(() => button.isEnabled(), { timeout: 60_000 }).toBe(true);
  const [download] = await Promise.all([book.page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  return JSON.parse(await readFile((await download.path())!, 'utf8')) as INotebookContent;
}

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

  it('the sentiment classifier trained for one epoch downloads with its own prediction', async (context) => {
    if (python && process.env.REQUIRE_BROWSER !== '1') context.skip(`needs python3 with NumPy: ${python}`);
    const book = await openBook('/chapters/rnn-sentiment');
    await book.chapterReady();
    await book.widgetsReady();
    const trainer = book.widget('SentimentTrainer');
    await trainer.getByLabel('Units').fill('4');
    await trainer.getByLabel('Embedding size').fill('4');
    await trainer.getByLabel('Epochs').fill('1');
    await trainer.getByRole('button', { name: 'Train 1 epochs' }).click();
    await expect.poll(() => trainer.locator('[data-testid=epochs-done]').textContent(), { timeout: 150_000 }).toBe('1');
    const notebook = await downloadNotebook(book, 'SentimentTrainer', 'unrolled-sentiment-embedding-rnn-out.ipynb');
    expect(notebookProblems(notebook)).toEqual([]);
    expect(runNotebook(notebook).printedDifference).toBeLessThanOrEqual(1e-5);
    book.expectClean();
  });

  it('the char-LSTM after a few steps downloads with a NumPy sampling loop that runs', async (context) => {
    if (python && process.env.REQUIRE_BROWSER !== '1') context.skip(`needs python3 with NumPy: ${python}`);
    const book = await openBook('/chapters/char-lstm-novel');
    await book.chapterReady(60_000);
    await book.widgetsReady(120_000);
    const training = book.widget('CharLmTraining');
    await training.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await training.getByTestId('train-step').textContent()), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    await training.getByRole('button', { name: 'Pause' }).click();
    await training.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 60_000 });
    const notebook = await downloadNotebook(book, 'CharLmTraining', 'unrolled-char-lstm.ipynb');
    expect(notebookProblems(notebook)).toEqual([]);
    const run = runNotebook(notebook, 'dump["text"] = sample("The ", length=30)');
    expect(run.printedDifference).toBeLessThanOrEqual(1e-5);
    expect(String(run.dumped.text)).toMatch(/^The .{30}$/s);
    book.expectClean();
  });
});
