/**
 * The sentiment lab's widgets with the worker's real handlers run in-process (tfjs cpu, models
 * kept in memory instead of IndexedDB; idb-keyval on fake-indexeddb): the shipped sentences are
 * preprocessed, a tiny model trains, Inspect's hand computation equals tfjs, export and import
 * round-trip through model.json + weights, and the CSV importer refuses a binary file.
 */
import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sentimentSpec } from '../../src/engine/sentimentModels';
import { createSentimentHandlers } from '../../src/tf/sentimentHandlers';
import { inProcessSentimentWorker, memoryStore, serveShippedSentences } from './inProcessSentiment';

const store = memoryStore();

vi.mock('../../src/tf/sentimentClient', () => ({ createSentimentWorker: () => inProcessSentimentWorker(store) }));

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
    await waitFor(() => expect(screen.getByTestId('saved-status').dataset.saved).toBe('yes'), { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId('inspect-delta').dataset.value).toMatch(/\d/), { timeout: 10_000 });
    expect(Number(screen.getByTestId('inspect-delta').dataset.value)).toBeLessThan(1e-5);
    const steps = within(screen.getByTestId('inspect-steps'));
    expect(steps.getByText('food')).toBeTruthy();
    expect(steps.getByText('worse')).toBeTruthy();
    unmount();

    renderLab('t2');
    await waitFor(() => expect(screen.getByTestId('epochs-done').textContent).toBe('1'), { timeout: 20_000 });
    await waitFor(() => expect(screen.getByTestId('inspect-delta').dataset.value).toMatch(/\d/), { timeout: 10_000 });
  });

  it('exports model.json + weights with the vocabulary, and imports them back to the same weights', async () => {
    const { handlers } = createSentimentHandlers({ tf: async () => tf, backend: async () => 'cpu', store: () => store });
    const spec = sentimentSpec({ cell: 'gru', vocabSize: 12, maxlen: 3, classes: 2, units: 3, embeddingDim: 2 });
    const compile = { optimizer: 'adam', learningRate: 0.01, loss: 'categoricalCrossentropy' } as const;
    const built = await handlers.build({ spec, compile }, () => undefined);
    const metadata = { unrolled: { vocabWords: ['good', 'bad'], classes: ['negative', 'positive'] } };
    const files = await handlers.exportModel({ metadata, weightsFile: 'm.weights.bin' }, () => undefined);
    expect(JSON.parse(files.modelJson).weightsManifest[0].paths).toEqual(['./m.weights.bin']);
    const back = await handlers.importModel({ modelJson: files.modelJson, weights: files.weights, compile }, () => undefined);
    expect(back.metadata).toEqual(metadata);
    expect(back.spec.layers.map((l) => l.kind)).toEqual(['embedding', 'gru', 'dense']);
    back.weights.forEach((w, i) => expect(Array.from(w.values)).toEqual(Array.from(built.weights[i].values)));
    await expect(handlers.importModel({ modelJson: '{"nope": 1}', weights: new ArrayBuffer(0), compile }, () => undefined)).rejects.toThrow(/not a tfjs layers model/);
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
