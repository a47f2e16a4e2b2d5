import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createInProcessWorker } from './inProcessWorker';

vi.mock('../../src/tf/modelWorkerClient', () => ({ createModelWorker: createInProcessWorker }));

const { default: GruParamCount } = await import('../../src/widgets/gruParams/GruParamCount');
const { default: LstmSlices } = await import('../../src/widgets/lstmSlices/LstmSlices');
const { default: NumpyToyRnn } = await import('../../src/widgets/numpyRnn/NumpyToyRnn');

beforeEach(() => localStorage.clear());

describe('GRU parameter count (recipe 10)', () => {
  it('shows Keras 6,336 against tfjs 6,240, the latter confirmed by a real tfjs layer', async () => {
    render(<GruParamCount />);
    expect(screen.getByTestId('gru-keras').textContent).toBe('32·96 + 32·96 + 2·96 = 6,336');
    expect(screen.getByTestId('gru-tfjs-formula').textContent).toBe('32·96 + 32·96 + 96 = 6,240');
    await waitFor(() => expect(screen.getByTestId('gru-tfjs-built').textContent).toBe('6,240 ✓'), { timeout: 20_000 });
  });

  it('follows new sizes', async () => {
    render(<GruParamCount />);
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('input features'), { target: { value: '3' } });
    expect(screen.getByTestId('gru-tfjs-formula').textContent).toBe('3·12 + 4·12 + 12 = 96');
    await waitFor(() => expect(screen.getByTestId('gru-tfjs-built').textContent).toBe('96 ✓'), { timeout: 20_000 });
  });
});

describe('LSTM(40) slices (recipe 7)', () => {
  it('cuts a real (32, 160) kernel into four (32, 40) gate blocks; 11,680 parameters', async () => {
    const { container } = render(<LstmSlices />);
    await waitFor(() => expect(screen.getByTestId('lstm40-tfjs').textContent).toBe('11,680 ✓'), { timeout: 20_000 });
    expect(screen.getByTestId('lstm40-formula').textContent).toBe('32·160 + 40·160 + 160 = 11,680');
    const gates = container.querySelectorAll('[data-gate]');
    expect(Array.from(gates, (g) => (g as HTMLElement).dataset.gate)).toEqual(['i', 'f', 'c', 'o']);
    for (const gate of gates) expect(gate.textContent).toContain('(32, 40) · (40, 40) · (40,)');
  });
});

describe("seed 003's toy RNN", () => {
  it('prints (64,) and (100, 64), and follows the sizes', () => {
    render(<NumpyToyRnn />);
    expect(screen.getByTestId('step-shape').textContent).toBe('(64,)');
    expect(screen.getByTestId('sequence-shape').textContent).toBe('(100, 64)');
    fireEvent.change(screen.getByLabelText('output_features'), { target: { value: '8' } });
    expect(screen.getByTestId('sequence-shape').textContent).toBe('(100, 8)');
    fireEvent.change(screen.getByLabelText('timesteps'), { target: { value: 'abc' } });
    expect(screen.getByText('Enter a number')).toBeTruthy();
    expect(screen.getByTestId('sequence-shape').textContent).toBe('(100, 8)');
  });
});
