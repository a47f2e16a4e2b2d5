import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import ClippingDemo from '../../src/widgets/gradients/ClippingDemo';
import GradientFlow from '../../src/widgets/gradients/GradientFlow';
import PowerExpansion from '../../src/widgets/gradients/PowerExpansion';

const termValue = (label: string) => Number(screen.getByTestId(`term-${label}`).dataset.value);

/** Bar values of one chart and one series, in word order (∞ markers included as values). */
function bars(chart: string, series: string): number[] {
  const nodes = screen.getByTestId(chart).querySelectorAll(`[data-series="${series}"]`);
  return Array.from(nodes, (n) => Number((n as HTMLElement).dataset.value));
}

describe('PowerExpansion', () => {
  it('shows the five terms with U = 0.5 and W = X = 1 as powers of 0.5, and the slider changes them', () => {
    render(<PowerExpansion />);
    expect(screen.getByTestId('formula').textContent).toBe('h5 = WX5 + UWX4 + U²WX3 + U³WX2 + U⁴WX1');
    expect(['WX5', 'UWX4', 'U²WX3', 'U³WX2', 'U⁴WX1'].map(termValue)).toEqual([1, 0.5, 0.25, 0.125, 0.0625]);
    fireEvent.change(screen.getByLabelText('Recurrent weight U'), { target: { value: '2' } });
    expect(termValue('U⁴WX1')).toBe(16);
    expect(Number(screen.getByTestId('h5').textContent)).toBe(31);
    // With U = 2 the earliest input is the largest share: 16 / 31.
    expect(screen.getByTestId('early-share').textContent).toBe('51.6%');
  });

  it('uses the inputs the reader types', () => {
    render(<PowerExpansion />);
    fireEvent.change(screen.getByLabelText('X1'), { target: { value: '4' } });
    expect(termValue('U⁴WX1')).toBe(0.25);
    fireEvent.change(screen.getByLabelText('Input weight W'), { target: { value: '-2' } });
    expect(termValue('U⁴WX1')).toBe(-0.5);
    expect(termValue('WX5')).toBe(-2);
  });
});

describe('GradientFlow', () => {
  it('vanishing preset: ‖∂h_T/∂h_t‖ and ‖∂L/∂x_t‖ of the SimpleRNN fall toward the first word', () => {
    render(<GradientFlow />);
    fireEvent.click(screen.getByRole('button', { name: /Vanishing/ }));
    const jacobian = bars('jacobian-chart', 'simpleRNN');
    expect(jacobian.length).toBeGreaterThan(5);
    // Every step back shrinks it: strictly increasing from the first word to the last.
    for (let t = 1; t < jacobian.length; t++) expect(jacobian[t]).toBeGreaterThan(jacobian[t - 1]);
    const input = bars('input-chart', 'simpleRNN');
    expect(input[0] / input[input.length - 1]).toBeLessThan(0.01);
    // The LSTM's cell path keeps far more of it over the same distance.
    const lstm = bars('jacobian-chart', 'lstm');
    expect(lstm[0] / lstm[lstm.length - 2]).toBeGreaterThan((jacobian[0] / jacobian[jacobian.length - 2]) * 10);
  });

  it('exploding preset turns the SimpleRNN profile around: the first word gets the largest Jacobian norm', () => {
    render(<GradientFlow />);
    fireEvent.click(screen.getByRole('button', { name: /Exploding/ }));
    const jacobian = bars('jacobian-chart', 'simpleRNN');
    expect(jacobian[0]).toBeGreaterThan(10 * jacobian[jacobian.length - 1]);
    fireEvent.click(screen.getByRole('button', { name: /Vanishing/ }));
    const vanishing = bars('jacobian-chart', 'simpleRNN');
    expect(vanishing[0]).toBeLessThan(vanishing[vanishing.length - 1]);
  });

  it('follows the typed sentence, one bar per word and cell, and explains an empty one', () => {
    render(<GradientFlow />);
    const field = screen.getByLabelText('Sentence');
    fireEvent.change(field, { target: { value: 'one two three' } });
    for (const cell of ['simpleRNN', 'lstm', 'gru']) expect(bars('input-chart', cell)).toHaveLength(3);
    fireEvent.change(field, { target: { value: '   ' } });
    expect(screen.getByRole('alert').textContent).toBe('Type at least one word.');
  });
});

describe('ClippingDemo', () => {
  it('clips the first gradient to the clip norm and keeps the loss finite, while the unclipped run overflows', () => {
    render(<ClippingDemo />);
    const before = Number(screen.getByTestId('norm-before').textContent);
    expect(before).toBeGreaterThan(100);
    expect(Number(screen.getByTestId('norm-after').textContent)).toBeCloseTo(5, 3);
    expect(screen.getByTestId('plain-outcome').textContent).toMatch(/overflowed after \d+ step/);
    expect(screen.getByTestId('clipped-outcome').textContent).toMatch(/With clipping at 5 the loss ended at/);
    const chart = screen.getByRole('img', { name: /Loss after each SGD step/ });
    const plain = Array.from(chart.querySelectorAll('[data-series="plain"]'), (n) => Number((n as HTMLElement).dataset.value));
    const clipped = Array.from(chart.querySelectorAll('[data-series="clipped"]'), (n) => Number((n as HTMLElement).dataset.value));
    expect(plain.some((v) => !Number.isFinite(v))).toBe(true);
    expect(clipped.every(Number.isFinite)).toBe(true);
    expect(clipped.at(-1)!).toBeLessThan(clipped[0] / 100);
    expect(within(chart.parentElement!).getAllByText('∞').length).toBeGreaterThan(0);
  });

  it('a clip norm above the gradient norm changes nothing', () => {
    render(<ClippingDemo />);
    const before = Number(screen.getByTestId('norm-before').textContent);
    fireEvent.change(screen.getByLabelText('Clip norm'), { target: { value: '10000' } });
    expect(Number(screen.getByTestId('norm-after').textContent)).toBe(before);
    expect(screen.getByTestId('clipped-outcome').textContent).toMatch(/Even with clipping at 10000 the loss overflowed/);
  });
});
