/**
 * Widgets of the sentiment chapters 7–13: the SimpleRNN/LSTM/GRU comparison trained with the
 * sentiment worker's real handlers in-process (tfjs cpu, checkpoints on fake-indexeddb) on the
 * shipped sentences through the one loop, each model's engine shown, its results restored after
 * a remount and each model still exported as a notebook from its checkpoint; and the
 * bidirectional steps, whose tables must line up (the backward run reversed back, each
 * concatenation made of its row's two halves).
 */
import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { inProcessSentimentWorker, serveShippedSentences } from './inProcessSentiment';

vi.mock('../../src/tf/sentimentClient', () => ({ createSentimentWorker: () => inProcessSentimentWorker() }));

const { SentimentLab } = await import('../../src/widgets/sentiment/SentimentLab');
const { default: SentimentComparison } = await import('../../src/widgets/sentiment/SentimentComparison');
const { default: BidirectionalSteps } = await import('../../src/widgets/bidirectional/BidirectionalSteps');

beforeAll(serveShippedSentences);

const renderComparison = () =>
  render(
    <SentimentLab storageKey="cmp1" padding="pre" maxlen={8}>
      <SentimentComparison units={3} embeddingDim={3} epochs={1} />
    </SentimentLab>,
  );

describe('SentimentComparison', () => {
  it('trains SimpleRNN, LSTM and GRU on the same split and keeps the results', { timeout: 180_000 }, async () => {
    const { unmount } = renderComparison();
    const button = await screen.findByRole('button', { name: 'Train all three, 1 epochs each' }, { timeout: 10_000 });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false), { timeout: 10_000 });
    await act(async () => {
      fireEvent.click(button);
    });
    const table = screen.getByTestId('compare-table');
    for (const cell of ['simpleRNN', 'lstm', 'gru']) {
      await waitFor(() => expect(table.querySelector(`tr[data-cell=${cell}]`)!.getAttribute('data-epochs')).toBe('1'), { timeout: 120_000 });
    }
    await waitFor(() => expect(screen.getByRole('button', { name: 'Train all three, 1 epochs each' })).toBeTruthy(), { timeout: 10_000 });
    const finals = ['simpleRNN', 'lstm', 'gru'].map((cell) => Number(table.querySelector(`tr[data-cell=${cell}]`)!.getAttribute('data-final')));
    finals.forEach((acc) => expect(acc).toBeGreaterThan(0.3));
    finals.forEach((acc) => expect(acc).toBeLessThanOrEqual(1));
    // Parameter counts: embedding rows·3 + cell + Dense(2); the cells differ by their gate count.
    const params = ['simpleRNN', 'lstm', 'gru'].map((cell) => Number(within(table.querySelector(`tr[data-cell=${cell}]`) as HTMLElement).getAllByRole('cell')[0].textContent!.replace(/,/g, '')));
    const cellParams = [3 * 3 + 3 * 3 + 3, 4 * (3 * 3 + 3 * 3 + 3), 3 * (3 * 3 + 3 * 3 + 3)];
    expect(params[1] - params[0]).toBe(cellParams[1] - cellParams[0]);
    expect(params[2] - params[0]).toBe(cellParams[2] - cellParams[0]);
    expect(screen.getByText(/Trained on UCI \(IMDB, Yelp, Amazon\)/).textContent).toContain('2,098 / 899');
    // Both charts hold a validation and a training series per cell.
    expect(screen.getAllByText('LSTM validation').length).toBe(2);

    // Each model: the engine that trained it (our kernel: the only one in node), and its export.
    for (const cell of ['simpleRNN', 'lstm', 'gru']) {
      expect(table.querySelector(`tr[data-cell=${cell}]`)!.getAttribute('data-engine')).toBe('kernel');
      const model = screen.getByRole('region', { name: { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' }[cell] });
      expect(within(model).getByTestId('engine-choice').dataset.engine).toBe('kernel');
      expect(within(model).getByTestId(`model-export-${cell}`)).toBeTruthy();
    }
    unmount();

    renderComparison();
    const again = await screen.findByTestId('compare-table', undefined, { timeout: 10_000 });
    await waitFor(() => expect(again.querySelector('tr[data-cell=gru]')!.getAttribute('data-epochs')).toBe('1'));
    expect(Number(again.querySelector('tr[data-cell=lstm]')!.getAttribute('data-final'))).toBe(finals[1]);

    // After the remount the models live only in their checkpoints: the LSTM's notebook is read from there.
    const saved: Blob[] = [];
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => (saved.push(blob), 'blob:notebook');
    try {
      const lstm = screen.getByTestId('model-export-lstm');
      expect(within(lstm).getByTestId('code-python').textContent).toContain('layers.LSTM(3');
      await act(async () => {
        fireEvent.click(within(lstm).getByRole('button', { name: 'Download notebook (.ipynb)' }));
      });
      await waitFor(() => expect(saved).toHaveLength(1), { timeout: 20_000 });
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    const notebook = JSON.parse(await saved[0].text()) as { cells: { source: string | string[] }[] };
    const text = notebook.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
    expect(text).toContain('layers.LSTM(3');
    expect(text).toContain('1 epochs');
  });
});

describe('BidirectionalSteps', () => {
  const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector), (e) => e.textContent ?? '');
  const numbers = (s: string) => s.replace(/[[\]]/g, '').split(',').map(Number);

  it('reverses, runs, reverses back, and concatenates per token', () => {
    render(<BidirectionalSteps />);
    const merged = screen.getByTestId('bidi-merged');
    const rows = within(merged).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-token'))).toEqual(['not', 'bad', 'at', 'all']);
    const forward = texts(merged, '.bidi-forward');
    const backward = texts(merged, '.bidi-backward');
    rows.forEach((_, i) => {
      const joined = numbers(screen.getByTestId(`bidi-concat-${i}`).textContent!);
      expect(joined).toEqual([...numbers(forward[i]), ...numbers(backward[i])]);
      expect(joined).toHaveLength(6);
    });
    // The backward run reads the last token first; its k-th state lands at position 3 − k.
    const run = within(screen.getByTestId('bidi-backward-run')).getAllByRole('row').slice(1);
    expect(run.map((r) => r.querySelectorAll('td')[1].textContent)).toEqual(['all', 'at', 'bad', 'not']);
    run.forEach((r, k) => expect(r.querySelectorAll('td')[2].textContent).toBe(backward[3 - k]));
    // The first backward state has read only "all", so it differs from the one at "not", which has read everything.
    expect(backward[3]).not.toBe(backward[0]);
    const last = numbers(screen.getByTestId('bidi-last').querySelector('code')!.textContent!);
    expect(last).toEqual([...numbers(forward[3]), ...numbers(backward[0])]);
  });

  it('follows the sentence and the cell, and explains an empty one', () => {
    render(<BidirectionalSteps />);
    const before = screen.getByTestId('bidi-concat-0').textContent;
    fireEvent.change(screen.getByLabelText('Layer'), { target: { value: 'simpleRNN' } });
    expect(screen.getByTestId('bidi-concat-0').textContent).not.toBe(before);
    fireEvent.change(screen.getByLabelText('A short sentence'), { target: { value: 'good film' } });
    expect(within(screen.getByTestId('bidi-merged')).getAllByRole('row')).toHaveLength(3);
    fireEvent.change(screen.getByLabelText('A short sentence'), { target: { value: '   ' } });
    expect(screen.getByRole('status').textContent).toBe('Type at least one word.');
  });
});
