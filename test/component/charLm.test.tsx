import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInProcessWorker } from './inProcessWorker';
import type { ReaderError } from '../../src/engine/errors';

const TEXT = '“Call me Ishmael,” he said.\nThe whale swam on and on.\n'.repeat(30);

vi.mock('../../src/tf/modelWorkerClient', () => ({ createModelWorker: createInProcessWorker }));
vi.mock('../../src/tf/charLmCalls', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/tf/charLmCalls')>();
  return { ...original, BROWSER_CONFIG: { ...original.BROWSER_CONFIG, units: 8, batchSize: 4, numSteps: 10 } };
});

/** The worker's own handlers, run in-process on tfjs' cpu backend with in-memory checkpoints. */
vi.mock('../../src/tf/charLmClient', async () => (await import('./inProcessCharLm')).charLmClientMock(TEXT));

const { default: SoftmaxExample } = await import('../../src/widgets/charLm/SoftmaxExample');
const { default: HelloLab } = await import('../../src/widgets/charLm/HelloLab');
const { default: HelloLm } = await import('../../src/widgets/charLm/HelloLm');
const { default: HelloSampler } = await import('../../src/widgets/charLm/HelloSampler');
const { default: CharBatches } = await import('../../src/widgets/charLm/CharBatches');
const { default: CharLmLab } = await import('../../src/widgets/charLm/CharLmLab');
const { default: CharLmTraining } = await import('../../src/widgets/charLm/CharLmTraining');
const { default: CharLmGenerate } = await import('../../src/widgets/charLm/CharLmGenerate');
const { CharLmStore } = await import('../../src/state/charLmStore');
const { default: CharLmUnits } = await import('../../src/widgets/charLm/CharLmUnits');
const { default: CharLmOwn } = await import('../../src/widgets/charLm/CharLmOwn');
const { seededRandom } = await import('../../src/engine/random');

beforeAll(() => {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ firstChapter: 'CHAPTER 1. Loomings.\n\nCall me Ishmael. Some years ago', vocabulary: [], counts: [], characters: 0, title: '', license: '' })));
});
afterAll(() => vi.unstubAllGlobals());

describe('softmax of the source logits', () => {
  it('shows p = exp(z)/Σ exp(z) for (1.0, 2.2, −3.0, 4.1)', () => {
    render(<SoftmaxExample />);
    const exps = [1.0, 2.2, -3.0, 4.1].map(Math.exp);
    const total = exps.reduce((a, b) => a + b);
    expect(Number(screen.getByTestId('p-o').textContent)).toBeCloseTo(exps[3] / total, 5);
    expect(Number(screen.getByTestId('p-e').textContent)).toBeCloseTo(exps[1] / total, 5);
  });
});

describe('"hello"', () => {
  it('trains in the model worker, the engine agrees with predict, and the sampler spells hello', async () => {
    render(
      <HelloLab>
        <HelloLm />
        <HelloSampler />
      </HelloLab>,
    );
    const rows = within(screen.getByTestId('hello-pairs')).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].slice(1).map((td) => td.textContent).join(' '));
    expect(rows).toEqual(['h h e', 'he e l', 'hel l l', 'hell l o']);
    const train = await screen.findByRole('button', { name: /Train 100 epochs/ }, { timeout: 20_000 });
    await waitFor(() => expect((train as HTMLButtonElement).disabled).toBe(false), { timeout: 20_000 });
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '300' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /Train 300 epochs/ })));
    await waitFor(() => expect(screen.getByTestId('hello-epochs').textContent).toBe('300'), { timeout: 60_000 });
    await waitFor(() => expect(Number(screen.getByTestId('hello-delta').textContent)).toBeLessThan(1e-5), { timeout: 20_000 });
    const next = screen.getByRole('button', { name: 'Sample next character' });
    for (let i = 0; i < 4; i++) fireEvent.click(next);
    expect(screen.getByTestId('sampler-text').textContent).toBe('hello');
  }, 120_000);
});

describe('mini-batches', () => {
  it('reshapes typed text and marks the wrapped targets', async () => {
    render(<CharBatches />);
    const box = await screen.findByLabelText(/Text \(Moby-Dick/);
    fireEvent.change(box, { target: { value: 'abcdefghijklmnopqrst' } });
    fireEvent.change(screen.getByLabelText('N (sequences per batch)'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('M (steps per sequence)'), { target: { value: '3' } });
    expect(screen.getByTestId('batch-grid-title').textContent).toContain('2 × 9; 2 characters dropped');
    const y = screen.getByTestId('batch-y');
    expect(y.textContent?.replace(/\d/g, '')).toBe('bcaklj');
    expect(within(y).getAllByTitle(/wrapped target/)).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Last target'), { target: { value: 'next' } });
    expect(screen.getByTestId('batch-y').textContent?.replace(/\d/g, '')).toBe('bcdklm');
  });
});

describe('the novel lab', () => {
  it('loads, trains, samples, generates within top-N, and reads units', async () => {
    function ErrorProbe() {
      const error = CharLmStore.useStore((s) => s.genError);
      if (error) genError = error;
      return null;
    }
    let genError: ReaderError = { message: '' };
    render(
      <CharLmLab>
        <CharLmTraining />
        <CharLmGenerate />
        <CharLmUnits />
        <ErrorProbe />
      </CharLmLab>,
    );
    await waitFor(() => expect(screen.getByTestId('corpus-line').textContent).toMatch(/Moby-Dick: 1,620 characters/), { timeout: 30_000 });
    fireEvent.change(screen.getByLabelText('Print a sample every … steps'), { target: { value: '2' } });
    // Not inside act(): training keeps updating the store until it is paused.
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    await waitFor(() => expect(Number(screen.getByTestId('train-step').textContent)).toBeGreaterThanOrEqual(3), { timeout: 60_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Train' }) as HTMLButtonElement).disabled).toBe(false), { timeout: 30_000 });
    expect(screen.getByTestId('samples').textContent).toContain('The ');

    fireEvent.change(screen.getByLabelText('Length'), { target: { value: '20' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Generate' })));
    await waitFor(() => expect(screen.getByTestId('generated').querySelectorAll('button')).toHaveLength(20), { timeout: 30_000 });
    const bars = screen.getAllByRole('list', { name: 'Probability of each next character' }).at(-1)!;
    const nonZero = within(bars).getAllByRole('listitem').filter((li) => Number(li.dataset.p) > 0);
    expect(nonZero.length).toBeLessThanOrEqual(4);

    // A prime with a character the model never saw: the coded error, worded by the dictionary (not the worker's English).
    fireEvent.change(screen.getByLabelText('Prime text'), { target: { value: 'The 猫' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Generate' })));
    await waitFor(() => expect(screen.getAllByText(/The model has never seen/).length).toBeGreaterThan(0), { timeout: 30_000 });
    expect(genError.code).toBe('charLm.unseenChars');
    fireEvent.change(screen.getByLabelText('Prime text'), { target: { value: 'The ' } });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Read the text' })));
    await waitFor(() => expect(screen.getByTestId('top-units').querySelectorAll('li').length).toBeGreaterThan(0), { timeout: 30_000 });

    // The first layer's cell at the picked character: picking another character redraws it with that step's numbers.
    const cell = () => screen.getByTestId('char-lm-cell');
    const h = () => cell().querySelector('[data-wire="out.h"]')!.getAttribute('data-values');
    await waitFor(() => expect(cell().getAttribute('data-at')).toBe('0'), { timeout: 30_000 });
    const before = h();
    fireEvent.click(document.querySelector('.text-heatmap [data-i="5"]')!);
    await waitFor(() => expect(cell().getAttribute('data-at')).toBe('5'), { timeout: 30_000 });
    expect(h()).not.toBe(before);
    // A unit picked on the drawing is the heatmap's unit.
    fireEvent.click(within(cell()).getByRole('button', { name: 'unit 3' }));
    expect((screen.getByLabelText('Unit') as HTMLInputElement).value).toBe('3');
  }, 180_000);
});

describe('the novel lab as links', () => {
  it("each panel's link wins over the saved settings; a bad one starts its panel from the defaults with the note", async () => {
    const lab = () =>
      render(
        <CharLmLab>
          <CharLmTraining />
          <CharLmGenerate />
        </CharLmLab>,
      );
    const shell = (widget: string) => within(document.querySelector(`[data-widget="${widget}"]`) as HTMLElement);
    const value = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
    const first = lab();
    await waitFor(() => expect(screen.getByTestId('corpus-line').textContent).toMatch(/Moby-Dick/), { timeout: 30_000 });
    fireEvent.change(screen.getByLabelText('Print a sample every … steps'), { target: { value: '7' } });
    fireEvent.change(screen.getByLabelText('Length'), { target: { value: '42' } });
    fireEvent.change(screen.getByLabelText('Prime text'), { target: { value: 'Queequeg ' } });
    fireEvent.click(shell('CharLmGenerate').getByRole('button', { name: 'Copy link to this state' }));
    const link = new URL((shell('CharLmGenerate').getByTestId('widget-link') as HTMLInputElement).value);
    expect(link.hash).toBe('#char-lm-generate');
    expect(shell('CharLmTraining').getByText(/Trained weights are too big for a link/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Length'), { target: { value: '5' } }); // saved, and not in the link
    first.unmount();
    try {
      window.history.replaceState(null, '', `${link.pathname}${link.search}&char-lm-training=garbage`);
      lab();
      expect(value('Length')).toBe('42');
      expect(value('Prime text')).toBe('Queequeg ');
      expect(value('Print a sample every … steps')).toBe('50');
      expect(shell('CharLmTraining').getByRole('status').textContent).toContain('could not be read');
      expect(shell('CharLmGenerate').queryAllByText(/could not be read/)).toHaveLength(0);
      await waitFor(() => expect(screen.getByTestId('corpus-line').textContent).toMatch(/Moby-Dick/), { timeout: 30_000 });
    } finally {
      window.history.replaceState(null, '', '/');
    }
  }, 120_000);
});

describe('the own-text input', () => {
  it('fuzz: 200 random, binary, truncated and too-short files each get a message, and the training text stays', async () => {
    render(
      <CharLmLab>
        <CharLmTraining />
        <CharLmOwn />
      </CharLmLab>,
    );
    const corpus = () => screen.getByTestId('corpus-line').textContent;
    await waitFor(() => expect(corpus()).toMatch(/Moby-Dick: 1,620 characters/), { timeout: 30_000 });
    const before = corpus();
    const input = screen.getByLabelText('Train on your own .txt file');
    const random = seededRandom(17);
    const text = new TextEncoder().encode(TEXT + '猫🐈');
    // With the mocked settings one batch needs 4 × (10 + 1) = 44 characters.
    for (let i = 0; i < 200; i++) {
      let bytes: Uint8Array;
      if (i % 4 === 0) bytes = Uint8Array.from({ length: Math.floor(random() * 600) }, () => Math.floor(random() * 256));
      else if (i % 4 === 1) bytes = text.slice(0, Math.floor(random() * 43));
      else if (i % 4 === 2) bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, ...text.slice(0, Math.floor(random() * 300))]);
      else bytes = new Uint8Array([...text.slice(0, 100 + Math.floor(random() * 300)), 0xff, 0xfe]);
      const file = new File([bytes as BlobPart], `fuzz-${i}.txt`, { type: 'text/plain' });
      await act(async () => fireEvent.change(input, { target: { files: [file] } }));
      await waitFor(() => expect(screen.getByTestId('own-problem').textContent).toContain(`fuzz-${i}.txt`));
      expect(corpus()).toBe(before);
    }
  }, 180_000);
});
