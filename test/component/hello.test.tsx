/**
 * Chapter 15's "hello" widgets in both editions: the Chinese edition learns 你好好学习 (four
 * distinct characters, the repeated 好 followed once by 好 and once by 学), trains in the model
 * worker's one loop, checks the engine against predict, samples the phrase back greedily, and
 * keeps its model over a reload; the softmax example labels the source's logits with its
 * characters. Links carry the view, sampler and softmax settings.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeJsonParam } from '../../src/engine/jsonParam';
import { createInProcessWorker, forgetInProcessCheckpoints } from './inProcessWorker';

vi.mock('../../src/tf/modelWorkerClient', () => ({ createModelWorker: createInProcessWorker }));

const { default: SoftmaxExample } = await import('../../src/widgets/charLm/SoftmaxExample');
const { default: HelloLab } = await import('../../src/widgets/charLm/HelloLab');
const { default: HelloLm } = await import('../../src/widgets/charLm/HelloLm');
const { default: HelloSampler } = await import('../../src/widgets/charLm/HelloSampler');

const renderHello = () =>
  render(
    <HelloLab>
      <HelloLm />
      <HelloSampler />
    </HelloLab>,
  );

const pairRows = () =>
  within(screen.getByTestId('hello-pairs'))
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('td')].slice(1).map((td) => td.textContent).join(' '));

beforeEach(() => forgetInProcessCheckpoints());
afterEach(() => window.history.replaceState(null, '', '/'));

describe('"hello" in the Chinese edition: 你好好学习', () => {
  beforeEach(() => window.history.replaceState(null, '', '/zh/chapters/char-language-model'));

  it('labels the source logits with the four characters', () => {
    render(<SoftmaxExample />);
    const exps = [1.0, 2.2, -3.0, 4.1].map(Math.exp);
    const total = exps.reduce((a, b) => a + b);
    expect(Number(screen.getByTestId('p-习').textContent)).toBeCloseTo(exps[3] / total, 5);
    expect(Number(screen.getByTestId('p-好').textContent)).toBeCloseTo(exps[1] / total, 5);
    expect(screen.getByLabelText('"你" 的 logit')).toBeTruthy();
  });

  it('has the same four-example structure, trains, agrees with predict, spells the phrase and survives a reload', async () => {
    const first = renderHello();
    expect(screen.getByRole('heading', { name: '字符模型学习“你好好学习”' })).toBeTruthy();
    // 好 is the input twice (steps 1 and 2) with different targets: only the state tells them apart.
    expect(pairRows()).toEqual(['你 你 好', '你好 好 好', '你好好 好 学', '你好好学 学 习']);
    const trainButton = await screen.findByRole('button', { name: '训练 100 轮' }, { timeout: 20_000 });
    await waitFor(() => expect((trainButton as HTMLButtonElement).disabled).toBe(false), { timeout: 20_000 });
    fireEvent.change(screen.getByLabelText('轮数'), { target: { value: '300' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '训练 300 轮' })));
    await waitFor(() => expect(screen.getByTestId('hello-epochs').textContent).toBe('300'), { timeout: 60_000 });
    await waitFor(() => expect(Number(screen.getByTestId('hello-delta').textContent)).toBeLessThan(1e-5), { timeout: 20_000 });
    const next = screen.getByRole('button', { name: '采样下一个字符' });
    for (let i = 0; i < 4; i++) fireEvent.click(next);
    expect(screen.getByTestId('sampler-text').textContent).toBe('你好好学习');
    const loss = screen.getByTestId('hello-loss').textContent;

    first.unmount();
    renderHello();
    await waitFor(() => expect(screen.getByTestId('hello-epochs').textContent).toBe('300'), { timeout: 20_000 });
    expect(screen.getByTestId('hello-loss').textContent).toBe(loss);
    // The sampler's four draws were saved with its settings and are drawn again from the restored weights.
    await waitFor(() => expect(screen.getByTestId('sampler-text').textContent).toBe('你好好学习'));
  }, 120_000);
});

describe('"hello" links', () => {
  it('the view, the sampler and the softmax example start from their links', async () => {
    const link = (value: object) => encodeURIComponent(encodeJsonParam({ v: 1, ...value }));
    window.history.replaceState(
      null,
      '',
      `/chapters/char-language-model?hello-lm=${link({ epochs: 250, step: 3 })}&hello-sampler=${link({ start: 2, mode: 'sample', temperature: 0.5, topN: 2, seed: 9, steps: 0 })}&softmax-example=${link({ logits: [0, 0, 0, 0], temperature: 2 })}`,
    );
    render(<SoftmaxExample />);
    renderHello();
    expect(screen.getByRole('button', { name: 'Train 250 epochs' })).toBeTruthy();
    expect(screen.getByTestId('hello-step').textContent).toMatch(/Step 3: read "l"/);
    expect(screen.getByTestId('sampler-text').textContent).toBe('l');
    expect((screen.getByLabelText('Top-N (0 = all)') as HTMLInputElement).value).toBe('2');
    expect(Number(screen.getByTestId('p-h').textContent)).toBeCloseTo(0.25, 6);
    expect(screen.queryAllByRole('status').filter((s) => /could not be read/.test(s.textContent ?? ''))).toEqual([]);
  });
});
