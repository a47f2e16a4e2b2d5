import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessWorker } from './inProcessWorker';

vi.mock('../../src/tf/modelWorkerClient', () => ({ createModelWorker: createInProcessWorker }));

const { ToyRnnLab, ToyLstmLab } = await import('../../src/widgets/toyLab/ToyLabProvider');
const { default: ToyPreprocessing } = await import('../../src/widgets/toyLab/ToyPreprocessing');
const { default: ToyModelSummary } = await import('../../src/widgets/toyLab/ToyModelSummary');
const { default: ToyTraining } = await import('../../src/widgets/toyLab/ToyTraining');
const { default: ToyForwardCheck } = await import('../../src/widgets/toyLab/ToyForwardCheck');

function renderLab(Lab = ToyRnnLab) {
  return render(
    <Lab>
      <ToyPreprocessing />
      <ToyModelSummary />
      <ToyTraining />
      <ToyForwardCheck />
    </Lab>,
  );
}

async function trainAndCheck(epochs: number, learningRate: number) {
  await waitFor(() => expect(screen.getByTestId('max-delta').dataset.value).not.toBe(''), { timeout: 20_000 });
  fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: String(epochs) } });
  fireEvent.change(screen.getByLabelText('Learning rate'), { target: { value: String(learningRate) } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`Train ${epochs} epochs`) }));
  });
  await waitFor(() => expect(screen.getByTestId('epochs-done').textContent).toBe(String(epochs)), { timeout: 30_000 });
  const first = Number(screen.getByTestId('first-loss').textContent);
  const last = Number(screen.getByTestId('last-loss').textContent);
  expect(last).toBeLessThan(first);
  await waitFor(
    () => {
      const value = screen.getByTestId('max-delta').dataset.value;
      expect(value).toMatch(/\d/);
      expect(Number(value)).toBeLessThanOrEqual(1e-6);
    },
    { timeout: 20_000 },
  );
}

beforeEach(() => localStorage.clear());

describe('toy RNN lab (recipe 3)', () => {
  it("shows the seed's preprocessing values for the default text", () => {
    renderLab();
    expect(screen.getByTestId('word-index').textContent).toBe('{"an":2, "example":4, "is":1, "this":3}');
    expect(screen.getByTestId('encoded').textContent).toContain('encoded_docs = [[3, 1], [1, 2]]');
    expect(screen.getByTestId('encoded').textContent).toContain('encoded_labels = [[2], [4]]');
    expect(screen.getByTestId('one-hot').textContent).toBe('[0, 0, 1, 0, 0]\n[0, 0, 0, 0, 1]');
  });

  it('explains a label that is not one word instead of failing', () => {
    renderLab();
    const labels = screen.getByLabelText(/Labels/);
    fireEvent.change(labels, { target: { value: 'an\nan example' } });
    expect(screen.getAllByRole('alert')[0].textContent).toMatch(/Label 2 .* must be exactly one word/);
  });

  it('builds the real model: 3 and 10 parameters, matching tfjs', async () => {
    renderLab();
    const table = screen.getByTestId('param-table');
    await waitFor(() => expect(within(table).getAllByText(/✓/)).toHaveLength(3), { timeout: 20_000 });
    expect(table.textContent).toContain('1·1 + 1·1 + 1 = 3');
    expect(table.textContent).toContain('1·5 + 5 = 10');
  });

  it('rebuilds for edited data without ever checking new data against the old model', async () => {
    renderLab();
    await waitFor(() => expect(screen.getByTestId('max-delta').dataset.value).toMatch(/\d/), { timeout: 20_000 });
    fireEvent.change(screen.getByLabelText(/Documents/), { target: { value: '😀 🎉\n日本語 です' } });
    fireEvent.change(screen.getByLabelText(/Labels/), { target: { value: 'x\ny' } });
    expect(screen.queryByText('Something went wrong in this widget')).toBeNull();
    await waitFor(
      () => {
        const value = screen.getByTestId('max-delta').dataset.value;
        expect(value).toMatch(/\d/);
        expect(Number(value)).toBeLessThanOrEqual(1e-6);
      },
      { timeout: 20_000 },
    );
    expect(screen.getByTestId('param-table').textContent).toContain('1·7 + 7 = 14');
  });

  it('trains, the loss falls, and the hand computation equals predict within 1e-6', async () => {
    renderLab();
    await trainAndCheck(60, 0.05);
  });
});

describe('toy LSTM lab (recipe 6)', () => {
  it('has 12 LSTM parameters, trains, and the six-line hand computation equals predict', async () => {
    renderLab(ToyLstmLab);
    const table = screen.getByTestId('param-table');
    await waitFor(() => expect(within(table).getAllByText(/✓/)).toHaveLength(3), { timeout: 20_000 });
    expect(table.textContent).toContain('1·4 + 1·4 + 4 = 12');
    await trainAndCheck(40, 0.05);
    expect(screen.getAllByText(/c1 = f1·c0 \+ i1·g1/)).toHaveLength(1);
  });
});
