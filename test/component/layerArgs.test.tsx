import * as tf from '@tensorflow/tfjs';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspectFunctional } from '../../src/tf/buildFunctional';
import type { LayerArgsWorkerApi } from '../../src/tf/layerArgsClient';
import { storageKey } from '../../src/engine/storageKeys';

/** The playground's worker, run in-process on tfjs' cpu backend with the same build code. */
function createInProcessLayerArgsWorker(): LayerArgsWorkerApi {
  let closed = false;
  return {
    async call(_call, args) {
      await tf.setBackend('cpu');
      if (closed) throw new Error('The layer playground worker was closed.');
      return { backend: 'cpu', ...inspectFunctional(tf, args.spec) } as never;
    },
    cancel: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    crashed: false,
    dispose: () => {
      closed = true;
    },
  };
}

vi.mock('../../src/tf/layerArgsClient', () => ({ createLayerArgsWorker: createInProcessLayerArgsWorker }));

const { default: LayerPlayground } = await import('../../src/widgets/layerArgs/LayerPlayground');

const BUILD = { timeout: 20_000 };

afterEach(() => {
  vi.unstubAllGlobals();
});

// Building SimpleRNN(128) with its orthogonal init takes seconds on the cpu backend these tests use.
describe('LayerPlayground', { timeout: 40_000 }, () => {
  it("starts at the source's SimpleRNN(128) + Dense(1) and tfjs agrees: 17,792 + 129 = 17,921", async () => {
    render(<LayerPlayground />);
    expect(screen.getByTestId('formula-0').textContent).toBe('10·128 + 128·128 + 128 = 17,792');
    expect(screen.getByTestId('formula-1').textContent).toBe('128·1 + 1 = 129');
    expect(screen.getByTestId('total-ours').textContent).toBe('17,921');
    await waitFor(() => expect(screen.getByTestId('total-tfjs').textContent).toBe('17,921 ✓'), BUILD);
    expect(screen.getByTestId('tfjs-summary').textContent).toContain('Total params: 17921');
  });

  it('changing units updates our arithmetic and the tfjs count', async () => {
    render(<LayerPlayground />);
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '64' } });
    expect(screen.getByTestId('formula-0').textContent).toBe('10·64 + 64·64 + 64 = 4,800');
    expect(screen.getByTestId('formula-1').textContent).toBe('64·1 + 1 = 65');
    await waitFor(() => expect(screen.getByTestId('tfjs-params-0').textContent).toBe('4,800 ✓'), BUILD);
    expect(screen.getByTestId('total-tfjs').textContent).toBe('4,865 ✓');
  });

  it('return_sequences adds the time axis to the output shape, and the Dense head follows', async () => {
    render(<LayerPlayground />);
    expect(screen.getByTestId('shape-0').textContent).toBe('(None, 128)');
    fireEvent.click(screen.getByLabelText('return_sequences'));
    expect(screen.getByTestId('shape-0').textContent).toBe('(None, None, 128)');
    expect(screen.getByTestId('shape-1').textContent).toBe('(None, None, 1)');
    expect(screen.getByTestId('notes').textContent).toMatch(/applied to every time step/);
    await waitFor(() => expect(screen.getByTestId('tfjs-params-0').textContent).toBe('17,792 ✓'), BUILD);
  });

  it('return_state switches to the functional API and tfjs agrees on the extra outputs', async () => {
    render(<LayerPlayground />);
    fireEvent.change(screen.getByLabelText('Layer type'), { target: { value: 'lstm' } });
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '8' } });
    fireEvent.click(screen.getByLabelText('return_state'));
    expect(screen.getByTestId('shape-0').textContent).toBe('[(None, 8), (None, 8), (None, 8)]');
    expect(screen.getByTestId('notes').textContent).toMatch(/functional API/);
    expect(screen.getByTestId('code-python').textContent).toContain('x1, state_h, state_c = layers.LSTM(8, unit_forget_bias=False, return_state=True, name="lstm")(inputs)');
    await waitFor(() => expect(screen.getByTestId('tfjs-params-0').textContent).toBe('608 ✓'), BUILD);
  });

  it('an argument tfjs lacks is shown as unsupported with the reason, and kept in the Python code', async () => {
    render(<LayerPlayground />);
    fireEvent.change(screen.getByLabelText('Layer type'), { target: { value: 'gru' } });
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '32' } });
    fireEvent.change(screen.getByLabelText('Features per step'), { target: { value: '32' } });
    await waitFor(() => expect(screen.getByTestId('tfjs-params-0').textContent).toBe('6,240 ✓'), BUILD);
    fireEvent.click(screen.getByLabelText('reset_after (GRU)'));
    expect(screen.getByTestId('formula-0').textContent).toBe('32·96 + 32·96 + 2·96 = 6,336');
    expect(screen.getByRole('alert').textContent).toMatch(/unsupported in tfjs: reset_after=True: tfjs' GRU has no reset_after=True/);
    expect(screen.getByTestId('tfjs-params-0').textContent).toMatch(/unsupported in tfjs/);
    expect(screen.getByTestId('code-python').textContent).toContain('reset_after=True');
    expect(screen.getByTestId('code-ts').textContent).toContain("// resetAfter: true — tfjs has no reset_after=True (TensorFlow 2's tf.keras default), only false");
  });

  it('stateful without a fixed batch size is refused with the reason; fixing the batch puts it on the batch axis', async () => {
    render(<LayerPlayground />);
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '4' } });
    fireEvent.click(screen.getByLabelText('stateful'));
    expect(screen.getByRole('alert').textContent).toMatch(/refused by Keras and tfjs: stateful=True: .*fixed batch size/);
    fireEvent.click(screen.getByLabelText('Fixed batch size'));
    fireEvent.change(screen.getByLabelText('Batch size'), { target: { value: '16' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('shape-0').textContent).toBe('(16, 4)');
    await waitFor(() => expect(screen.getByTestId('tfjs-params-0').textContent).toBe('60 ✓'), BUILD);
  });

  it('Copy puts the code on the clipboard and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<LayerPlayground />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as Keras' }));
    });
    expect(writeText).toHaveBeenCalledWith(screen.getByTestId('code-python').querySelector('code')?.textContent);
    expect(writeText.mock.calls[0][0]).toContain('layers.SimpleRNN(128, name="simple_rnn")');
    expect(screen.getByTestId('code-python').querySelector('[role="status"]')?.textContent).toBe('Copied');
  });

  it('without the async clipboard, Copy falls back to execCommand, and reports a refusal', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    const exec = vi.fn().mockReturnValue(true);
    document.execCommand = exec;
    render(<LayerPlayground />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as tfjs' }));
    });
    expect(exec).toHaveBeenCalledWith('copy');
    expect(screen.getByTestId('code-ts').querySelector('[role="status"]')?.textContent).toBe('Copied');
    exec.mockReturnValue(false);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as tfjs' }));
    });
    expect(screen.getByTestId('code-ts').querySelector('[role="status"]')?.textContent).toMatch(/Copy failed/);
  });

  it('keeps the settings across a reload, and Reset brings back the source example', async () => {
    const first = render(<LayerPlayground />);
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '40' } });
    first.unmount();
    render(<LayerPlayground />);
    expect(screen.getByTestId('formula-0').textContent).toBe('10·40 + 40·40 + 40 = 2,040');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(screen.getByTestId('formula-0').textContent).toBe('10·128 + 128·128 + 128 = 17,792');
    await waitFor(() => expect(screen.getByTestId('total-tfjs').textContent).toBe('17,921 ✓'), BUILD);
  });

  it('ignores saved settings that make no sense', () => {
    localStorage.setItem(storageKey('settings', 'layer-args'), JSON.stringify({ state: { config: { units: -3, cell: 'transformer' } }, version: 1 }));
    render(<LayerPlayground />);
    expect(screen.getByTestId('formula-0').textContent).toBe('10·128 + 128·128 + 128 = 17,792');
  });

  it('a copied link wins over the saved settings; a bad link starts from the defaults with the note', () => {
    const first = render(<LayerPlayground />);
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy link to this state' }));
    const link = new URL((screen.getByTestId('widget-link') as HTMLInputElement).value);
    expect(link.hash).toBe('#layer-args');
    fireEvent.change(screen.getByLabelText('units'), { target: { value: '7' } });
    first.unmount();
    try {
      window.history.replaceState(null, '', link.pathname + link.search);
      const linked = render(<LayerPlayground />);
      expect(screen.getByTestId('formula-0').textContent).toBe('10·40 + 40·40 + 40 = 2,040');
      linked.unmount();
      window.history.replaceState(null, '', '/?layer-args=garbage');
      render(<LayerPlayground />);
      expect(screen.getByTestId('formula-0').textContent).toBe('10·128 + 128·128 + 128 = 17,792');
      expect(screen.getAllByRole('status').filter((el) => el.textContent?.includes('could not be read'))).toHaveLength(1);
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });
});
