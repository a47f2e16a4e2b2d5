import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import OrderMatters from '../../src/widgets/order/OrderMatters';
import { storageKey } from '../../src/engine/storageKeys';

const text = (id: string) => screen.getByTestId(id).textContent ?? '';
const sentence = (n: number) => screen.getByLabelText(`Sentence ${n}`) as HTMLInputElement;

describe('OrderMatters', () => {
  it('shows identical bags but different RNN states for the default pair', () => {
    render(<OrderMatters />);
    expect(sentence(1).value).toBe('A is faster than B');
    expect(sentence(2).value).toBe('B is faster than A');
    expect(text('bow-verdict')).toBe('yes');
    expect(text('bow-distance')).toBe('0');
    expect(text('rnn-verdict')).toBe('no');
    expect(Number(text('rnn-distance'))).toBeGreaterThan(0.1);
    const rows = screen.getByRole('table', { name: 'Word counts of both sentences' }).querySelectorAll('tbody tr');
    expect([...rows].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent).join(','))).toEqual(['1,1,1,1,1', '1,1,1,1,1']);
    expect(screen.getAllByRole('img', { name: /Hidden states of sentence/ })).toHaveLength(2);
  });

  it('follows typing: the same sentence gives distance 0, a different word moves both', () => {
    render(<OrderMatters />);
    fireEvent.change(sentence(2), { target: { value: 'A is faster than B' } });
    expect(text('rnn-distance')).toBe('0');
    expect(text('rnn-verdict')).toBe('yes');
    expect(text('order-why')).toMatch(/same arithmetic/);
    fireEvent.change(sentence(2), { target: { value: 'A is slower than B' } });
    expect(text('bow-verdict')).toBe('no');
    expect(Number(text('bow-distance'))).toBeCloseTo(Math.SQRT2, 3);
    expect(Number(text('rnn-distance'))).toBeGreaterThan(0);
  });

  it('ties synonyms: different bags, same state', () => {
    render(<OrderMatters />);
    fireEvent.click(screen.getByRole('button', { name: 'Synonym' }));
    expect(sentence(2).value).toBe('A is quicker than B');
    expect(text('bow-verdict')).toBe('no');
    expect(text('rnn-verdict')).toBe('yes');
    expect(text('order-why')).toMatch(/share one vector/);
  });

  it('says so when a sentence is empty or too long', () => {
    render(<OrderMatters />);
    fireEvent.change(sentence(1), { target: { value: '' } });
    expect(screen.getByText('Sentence 1 has no words yet.')).toBeTruthy();
    fireEvent.change(sentence(2), { target: { value: 'a b c d e f g h i j k l m n' } });
    expect(screen.getByText('Only the first 12 words are used.')).toBeTruthy();
  });

  it('keeps edited sentences across a reload, and falls back to defaults for a bad save', () => {
    const first = render(<OrderMatters />);
    fireEvent.change(sentence(1), { target: { value: 'the dog bit the man' } });
    first.unmount();
    const second = render(<OrderMatters />);
    expect(sentence(1).value).toBe('the dog bit the man');
    second.unmount();
    localStorage.setItem(storageKey('settings', 'order-matters'), JSON.stringify({ state: { first: 42, second: 'x'.repeat(5000) }, version: 1 }));
    render(<OrderMatters />);
    expect(sentence(1).value).toBe('A is faster than B');
    expect(sentence(2).value).toBe('B is faster than A');
  });
});
