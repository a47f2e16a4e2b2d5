/**
 * The sentiment lab's widgets with the worker's real handlers run in-process (tfjs cpu,
 * checkpoints in IndexedDB on fake-indexeddb): the shipped sentences are preprocessed, a tiny
 * model trains through the one loop (the engine shown), Inspect's hand computation equals tfjs,
 * the checkpoint restores it in a new lab, a cancelled run continues, a learning rate of 10
 * stops with the way back to the last good weights, a crashed worker is restarted from the
 * checkpoint, export and import round-trip through model.json + weights, and the CSV importer
 * refuses a binary file.
 */
import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sentimentSpec } from '../../src/engine/sentimentModels';
import type { SentimentWorkerApi } from '../../src/tf/sentimentClient';
import { createSentimentHandlers } from '../../src/tf/sentimentHandlers';
import { memoryCheckpoints } from '../../src/tf/training';
import { WorkerCrashedError } from '../../src/tf/workerRpc';
import { inProcessSentimentWorker, serveShippedSentences } from './inProcessSentiment';

/** Set to make the next worker crash on its next training call, as a worker out of memory would. */
const crash = { next: false };

function crashable(): SentimentWorkerApi {
  const worker = inProcessSentimentWorker();
  let crashed = false;
  return {
    ...worker,
    call(call, args, onProgress) {
      if (crashed || (call === 'train' && crash.next)) {
        crash.next = false;
        crashed = true;
        return Promise.reject(new WorkerCrashedError('worker.crashed', 'The sentiment worker stopped unexpectedly (out of memory).', { worker: 'sentiment', detail: 'out of memory' }));
      }
      return worker.call(call, args, onProgress);
    },
  };
}

vi.mock('../../src/tf/sentimentClient', () => ({ createSentimentWorker: () => crashable() }));

const { SentimentLab } = await import('../../src/widgets/sentiment/SentimentLab');
const { default: SentimentData } = await import('../../src/widgets/sentiment/SentimentData');
const { default: SentimentTrainer } = await import('../../src/widgets/sentiment/SentimentTrainer');
const { default: SentimentInspect } = await import('../../src/widgets/sentiment/SentimentInspect');

beforeAll(serveShippedSentences);

function renderLab(storageKey: string) {
  return render(
    <SentimentLab storageKey={storageKey} units={4} embeddingDim={4} epochs={1} padding="pre" maxlen={12}>
      <SentimentData />
      <SentimentTrainer />
      <SentimentInspect />
    </SentimentLab>,
  );
}

describe('sentiment lab', () => {
  it("the data widget's link carries the preprocessing over the saved copy; a bad one starts from the chapter's", async () => {
    const data = () => within(document.querySelector('[data-widget="SentimentData"]') as HTMLElement);
    const loaded = () => waitFor(() => expect(screen.getByTestId('text-count').textContent).toBe('2,997'), { timeout: 10_000 });
    const prep = () => [data().getByLabelText('Padding'), data().getByLabelText('Length (0 = longest)')].map((el) => (el as HTMLInputElement).value);
    const first = renderLab('t-link');
    await loaded();
    fireEvent.change(data().getByLabelText('Padding'), { target: { value: 'post' } });
    fireEvent.change(data().getByLabelText('Length (0 = longest)'), { target: { value: '9' } });
    fireEvent.click(data().getByRole('button', { name: 'Copy link to this state' }));
    const link = new URL((data().getByTestId('widget-link') as HTMLInputElement).value);
    expect(link.hash).toBe('#sentiment-data-t-link');
    expect(data().getByText(/Files you open here stay in this browser/)).toBeTruthy();
    fireEvent.change(data().getByLabelText('Length (0 = longest)'), { target: { value: '15' } }); // saved, not in the link
    first.unmount();
    try {
      window.history.replaceState(null, '', link.pathname + link.search);
      const linked = renderLab('t-link');
      await loaded();
      expect(prep()).toEqual(['post', '9']);
      linked.unmount();
      window.history.replaceState(null, '', '/?sentiment-data-t-link=garbage');
      renderLab('t-link');
      await loaded();
      expect(prep()).toEqual(['pre', '12']);
      expect(data().getByRole('status').textContent).toContain('could not be read');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('preprocesses the shipped sentences', async () => {
    renderLab('t1');
    await waitFor(() => expect(screen.getByTestId('text-count').textContent).toBe('2,997'), { timeout: 10_000 });
    expect(screen.getByTestId('split').textContent).toBe('2,098 / 899');
    expect(screen.getByTestId('maxlen').textContent).toBe('12');
    // Pre-padding: zeros come first in a short sentence's ids.
    expect(screen.getByTestId('samples').textContent).toMatch(/\[0, 0, /);
    fireEvent.change(screen.getByLabelText('Padding'), { target: { value: 'post' } });
    expect(screen.getByTestId('samples').textContent).toMatch(/, 0\]/);
  });

  it('trains, inspects by hand equal to tfjs, and restores the saved model in a new lab', { timeout: 120_000 }, async () => {
    const { unmount } = renderLab('t2');
    await waitFor(() => expect(screen.getByTestId('text-count').textContent).toBe('2,997'), { timeout: 10_000 });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Train 1 epochs' }));
    });
    await waitFor(() => expect(screen.getByTestId('epochs-done').textContent).toBe('1'), { timeout: 60_000 });
    // In node the probe finds only our kernel (no wasm, webgl or webgpu backend here).
    expect(screen.getByTestId('engine-choice').dataset.engine).toBe('kernel');
    await waitFor(() => expect(screen.getByTestId('saved-status').dataset.saved).toBe('yes'), { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId('inspect-delta').dataset.value).toMatch(/\d/), { timeout: 10_000 });
    expect(Number(screen.getByTestId('inspect-delta').dataset.value)).toBeLessThan(1e-5);
    const steps = within(screen.getByTestId('inspect-steps'));
    expect(steps.getByText('food')).toBeTruthy();
    expect(steps.getByText('worse')).toBeTruthy();
    const valAcc = screen.getByTestId('val-acc').dataset.value;
    unmount();

    renderLab('t2');
    await waitFor(() => expect(screen.getByTestId('epochs-done').textContent).toBe('1'), { timeout: 20_000 });
    expect(screen.getByTestId('val-acc').dataset.value).toBe(valAcc);
    await waitFor(() => expect(screen.getByTestId('inspect-delta').dataset.value).toMatch(/\d/), { timeout: 10_000 });
    expect(Number(screen.getByTestId('inspect-delta').dataset.value)).toBeLessThan(1e-5);
  });

  it('continues a cancelled run, and restarts a crashed worker from the checkpoint', { timeout: 120_000 }, async () => {
    renderLab('t4');
    await waitFor(() => expect(screen.getByTestId('text-count').textContent).toBe('2,997'), { timeout: 10_000 });
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '6' } });
    fireEvent.change(screen.getByLabelText('Early stopping patience (0 = off)'), { target: { value: '0' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Train 6 epochs' }));
    });
    await waitFor(() => expect(screen.getByRole('progressbar')).toBeTruthy(), { timeout: 30_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByTestId('stop-reason').dataset.reason).toBe('cancelled'), { timeout: 30_000 });
    const cancelledAt = Number(screen.getByTestId('epochs-done').textContent);
    expect(cancelledAt).toBeLessThan(6);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Continue training to epoch 6' }));
    });
    await waitFor(() => expect(screen.getByTestId('stop-reason').dataset.reason).toBe('done'), { timeout: 90_000 });
    expect(screen.getByTestId('epochs-done').textContent).toBe('6');
    expect(screen.queryByRole('button', { name: /Continue training/ })).toBeNull();
    await waitFor(() => expect(screen.getByTestId('saved-status').dataset.saved).toBe('yes'));

    crash.next = true;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Train 6 epochs' }));
    });
    const crashed = await screen.findByTestId('worker-crashed', undefined, { timeout: 10_000 });
    expect(crashed.textContent).toMatch(/stopped unexpectedly/);
    await act(async () => {
      fireEvent.click(within(crashed).getByRole('button', { name: 'Restart the worker' }));
    });
    await waitFor(() => expect(screen.queryByTestId('worker-crashed')).toBeNull());
    // The new worker restored the last checkpoint: the model trained to epoch 6.
    await waitFor(() => expect(screen.getByTestId('epochs-done').textContent).toBe('6'), { timeout: 20_000 });
    await waitFor(() => expect(screen.getByTestId('inspect-delta').dataset.value).toMatch(/\d/), { timeout: 10_000 });
  });

  it('stops a run at learning rate 10 as diverging and offers the last good weights', { timeout: 120_000 }, async () => {
    renderLab('t5');
    await waitFor(() => expect(screen.getByTestId('text-count').textContent).toBe('2,997'), { timeout: 10_000 });
    fireEvent.change(screen.getByLabelText('Learning rate (Adam)'), { target: { value: '10' } });
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '30' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Train 30 epochs' }));
    });
    const failure = await screen.findByTestId('training-failure', undefined, { timeout: 90_000 });
    expect(failure.textContent).toMatch(/diverg|NaN/);
    const goBack = within(failure).getByRole('button', { name: /^Go back to step \d+$/ });
    await act(async () => {
      fireEvent.click(goBack);
    });
    await waitFor(() => expect(screen.queryByTestId('training-failure')).toBeNull());
    expect(Number(screen.getByTestId('epochs-done').textContent)).toBeLessThan(30);
  });

  it('exports model.json + weights with the vocabulary, and imports them back to the same weights', async () => {
    const { handlers } = createSentimentHandlers({ tf, checkpoints: memoryCheckpoints(), startBackend: async () => 'cpu' });
    const spec = sentimentSpec({ cell: 'gru', vocabSize: 12, maxlen: 3, classes: 2, units: 3, embeddingDim: 2 });
    const built = await handlers.build({ model: 'lab', spec, learningRate: 0.01 }, () => undefined);
    const metadata = { unrolled: { vocabWords: ['good', 'bad'], classes: ['negative', 'positive'] } };
    const files = await handlers.exportModel({ model: 'lab', metadata, weightsFile: 'm.weights.bin' }, () => undefined);
    expect(JSON.parse(files.modelJson).weightsManifest[0].paths).toEqual(['./m.weights.bin']);
    const back = await handlers.importModel({ model: 'lab', modelJson: files.modelJson, weights: files.weights, learningRate: 0.01 }, () => undefined);
    expect(back.metadata).toEqual(metadata);
    expect(back.spec.layers.map((l) => l.kind)).toEqual(['embedding', 'gru', 'dense']);
    back.weights.forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(built.weights[i].values)));
    await expect(handlers.importModel({ model: 'lab', modelJson: '{"nope": 1}', weights: new ArrayBuffer(0), learningRate: 0.01 }, () => undefined)).rejects.toThrow(/not a tfjs layers model/);
  });

  it('explains a binary file', async () => {
    renderLab('t3');
    const input = screen.getByLabelText('CSV file');
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0])], 'book.xlsx')] } });
    });
    await waitFor(() => expect(screen.getByTestId('csv-problem').textContent).toMatch(/NUL bytes/));
  });
});
