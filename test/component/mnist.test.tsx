import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import type { MnistCalls } from '../../src/tf/mnistCalls';
import { createMnistHandlers } from '../../src/tf/mnistTrainer';
import { memoryCheckpoints } from '../../src/tf/training';
import type { RpcClient } from '../../src/tf/workerRpc';

const generated = join(import.meta.dirname, '..', '..', 'public', 'generated');
const readGenerated = async (url: string, onProgress: (loaded: number, total: number) => void) => {
  const bytes = new Uint8Array(readFileSync(join(generated, url.replace('/generated/', ''))));
  onProgress(bytes.length, bytes.length);
  return bytes;
};

/** The worker's handlers run in-process on tfjs' cpu backend. */
function inProcessMnistWorker(): RpcClient<MnistCalls> {
  const { handlers, cancel } = createMnistHandlers({
    tf,
    checkpoints: memoryCheckpoints(),
    startBackend: async () => {
      await tf.setBackend('cpu');
      return 'cpu';
    },
    fetchBytes: readGenerated,
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, 0)),
  });
  return {
    call: async (call, args, onProgress) => (handlers[call] as (a: unknown, p: unknown) => never)(args, onProgress ?? (() => {})),
    cancel,
    pause: () => undefined,
    resume: () => undefined,
    crashed: false,
    dispose: () => {},
  };
}

vi.mock('../../src/tf/mnistClient', () => ({ createMnistWorker: inProcessMnistWorker }));
vi.mock('../../src/tf/fetchBytes', () => ({ fetchBytes: readGenerated }));

const { default: MnistLab } = await import('../../src/widgets/mnist/MnistLab');
const { default: MnistReader } = await import('../../src/widgets/mnist/MnistReader');
const { default: MnistTraining } = await import('../../src/widgets/mnist/MnistTraining');

const CELL = 12;

function renderLab() {
  render(
    <MnistLab>
      <MnistTraining />
      <MnistReader />
    </MnistLab>,
  );
  return within(document.querySelector('[data-widget="MnistReader"]') as HTMLElement);
}

const ink = () => Number(screen.getByTestId('mnist-pad').dataset.ink);

async function readerReady() {
  await waitFor(() => expect(document.querySelector('[data-widget="MnistReader"]')?.getAttribute('data-widget-ready')).toBe('true'), { timeout: 30_000 });
}

/** The final probabilities the engine shows, once the worker's check agrees with them. */
async function checkedPrediction() {
  await waitFor(
    () => {
      const value = screen.getByTestId('mnist-check').dataset.value;
      expect(value).toMatch(/\d/);
      expect(Number(value)).toBeLessThan(1e-5);
    },
    { timeout: 20_000 },
  );
  const probs = JSON.parse(screen.getByTestId('mnist-prediction').dataset.probs ?? '[]') as number[];
  expect(probs).toHaveLength(10);
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  return probs;
}

describe('MNIST reader (recipe 14)', () => {
  it('drawing with pointer events deposits ink, and the model reads the drawing', async () => {
    const reader = renderLab();
    await readerReady();
    expect(ink()).toBe(0);
    expect(reader.getByTestId('mnist-source').textContent).toMatch(/Draw a digit/);
    const blank = await checkedPrediction();

    const pad = screen.getByTestId('mnist-pad');
    // A vertical stroke down column 14, like a 1 (happy-dom has no layout: one cell = 12 px).
    await act(async () => {
      fireEvent.pointerDown(pad, { pointerId: 1, clientX: 14 * CELL, clientY: 4 * CELL });
      for (let row = 5; row <= 23; row++) fireEvent.pointerMove(pad, { pointerId: 1, clientX: 14 * CELL, clientY: row * CELL });
      fireEvent.pointerUp(pad, { pointerId: 1 });
    });
    expect(ink()).toBeGreaterThan(20);
    expect(reader.getByTestId('mnist-source').textContent).toBe('Your drawing.');
    // Moving without a pressed pointer draws nothing.
    const before = ink();
    fireEvent.pointerMove(pad, { pointerId: 1, clientX: 3 * CELL, clientY: 3 * CELL });
    expect(ink()).toBe(before);
    const drawn = await checkedPrediction();
    expect(drawn).not.toEqual(blank);
  });

  it("the reader's link carries the drawn digit and the time step, byte for byte, over what this browser saved", async () => {
    const first = renderLab();
    await readerReady();
    const pad = screen.getByTestId('mnist-pad');
    await act(async () => {
      fireEvent.pointerDown(pad, { pointerId: 1, clientX: 10 * CELL, clientY: 6 * CELL });
      for (let col = 11; col <= 18; col++) fireEvent.pointerMove(pad, { pointerId: 1, clientX: col * CELL, clientY: (col - 4) * CELL });
      fireEvent.pointerUp(pad, { pointerId: 1 });
    });
    fireEvent.change(first.getByLabelText('Rows read'), { target: { value: '9' } });
    const drawn = ink();
    fireEvent.click(first.getByRole('button', { name: 'Copy link to this state' }));
    const link = new URL((first.getByTestId('widget-link') as HTMLInputElement).value);
    expect(link.hash).toBe('#mnist-reader');
    fireEvent.click(first.getByRole('button', { name: 'Clear' })); // the saved copy is now a blank pad
    cleanup();
    try {
      window.history.replaceState(null, '', link.pathname + link.search);
      const again = renderLab();
      await readerReady();
      expect(ink()).toBe(drawn);
      expect(again.getByTestId('mnist-now').dataset.rows).toBe('9');
      expect(again.getByTestId('mnist-source').textContent).toBe('Your drawing.');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('picks a held-out digit of the chosen class, steps the time cursor, and clears', async () => {
    const reader = renderLab();
    await readerReady();
    fireEvent.change(reader.getByLabelText('Held-out digit of class'), { target: { value: '3' } });
    await act(async () => {
      fireEvent.click(reader.getByRole('button', { name: 'Pick a held-out digit' }));
    });
    await waitFor(() => expect(reader.getByTestId('mnist-source').textContent).toMatch(/labelled 3\./), { timeout: 20_000 });
    expect(ink()).toBeGreaterThan(50);
    await checkedPrediction();

    // After 0 rows nothing is read; after 14 the bars show row 14's probabilities.
    fireEvent.change(reader.getByLabelText('Rows read'), { target: { value: '0' } });
    expect(reader.getByTestId('mnist-now').textContent).toBe('Nothing read yet.');
    fireEvent.change(reader.getByLabelText('Rows read'), { target: { value: '14' } });
    expect(reader.getByTestId('mnist-now').textContent).toMatch(/^After 14 rows the model says \d/);
    expect(reader.getAllByRole('listitem')).toHaveLength(10);

    fireEvent.click(reader.getByRole('button', { name: 'Clear' }));
    expect(ink()).toBe(0);
    expect(reader.getByTestId('mnist-source').textContent).toMatch(/Draw a digit/);
  });

  it('the training panel shows the browser model, counted by us and by tfjs', async () => {
    renderLab();
    const training = within(document.querySelector('[data-widget="MnistTraining"]') as HTMLElement);
    await waitFor(() => expect(training.getByText('8,138')).toBeTruthy(), { timeout: 30_000 });
    expect(training.getByTestId('mnist-param-table').querySelectorAll('tbody [data-match=yes]')).toHaveLength(2);
    expect(training.getByTestId('mnist-param-table').textContent).toContain('28·128 + 32·128 + 128 = 7,808');
    expect(training.getByRole('button', { name: 'Train' })).toBeTruthy();
  });
});
