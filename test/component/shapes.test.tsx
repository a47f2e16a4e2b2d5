import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RecurrenceShapes from '../../src/widgets/shapes/RecurrenceShapes';
import { kerasLinesOf, stepsOf } from '../../src/widgets/shapes/shapeCatalog';
import { storageKey } from '../../src/engine/storageKeys';

const diagram = () => screen.getByRole('img') as unknown as SVGSVGElement;
const count = (attribute: string) => Number(diagram().getAttribute(attribute));
const cellsDrawn = () => diagram().querySelectorAll('[data-role="cell"]').length;
const outputsDrawn = () => diagram().querySelectorAll('[data-role="output"]').length;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('shape catalogue', () => {
  it('wires inputs and outputs for each shape', () => {
    const wiring = (shape: Parameters<typeof stepsOf>[0], n: number) =>
      stepsOf(shape, n).map((s) => `${s.input[0]}${s.output ? 'o' : '-'}`).join(' ');
    expect(wiring('oneToOne', 6)).toBe('ro');
    expect(wiring('oneToMany', 3)).toBe('ro ro ro');
    expect(stepsOf('oneToMany', 3).map((s) => s.input)).toEqual(['real', 'repeat', 'repeat']);
    expect(wiring('manyToOne', 3)).toBe('r- r- ro');
    expect(wiring('manyToManySynced', 3)).toBe('ro ro ro');
    expect(wiring('manyToManyDelayed', 2)).toBe('r- r- ro ro');
    // The decoder starts a chain of its own: no recurrent arrow from the encoder's last cell.
    expect(stepsOf('manyToManyDelayed', 2).map((s) => s.continues)).toEqual([false, true, false, true]);
    expect(stepsOf('manyToManyDelayed', 2).filter((s) => s.output).map((s) => s.outputLabel)).toEqual(['y₁', 'y₂']);
  });

  it('takes output shapes and counts from describeModel', () => {
    const manyToOne = kerasLinesOf('manyToOne', 5);
    expect(manyToOne.map((l) => l.outputShape)).toEqual([[null, 5, 8], [null, 16], [null, 1]]);
    expect(manyToOne[1].formula).toBe('8·16 + 16·16 + 16 = 400');
    const delayed = kerasLinesOf('manyToManyDelayed', 3);
    expect(delayed.map((l) => l.code)).toContain('RepeatVector(3)');
    expect(delayed[delayed.length - 1].outputShape).toEqual([null, 3, 1000]);
  });
});

describe('RecurrenceShapes', () => {
  it('starts as many-to-one over 5 steps with return_sequences False', () => {
    render(<RecurrenceShapes />);
    expect((screen.getByRole('radio', { name: 'many-to-one' }) as HTMLInputElement).checked).toBe(true);
    expect(count('data-cells')).toBe(5);
    expect(cellsDrawn()).toBe(5);
    expect(outputsDrawn()).toBe(1);
    expect(screen.getByTestId('return-sequences').textContent).toBe('False');
    expect(screen.getByTestId('recurrent-output').textContent).toBe('(None, 16)');
  });

  it('redraws for every shape and length', () => {
    render(<RecurrenceShapes />);
    fireEvent.click(screen.getByRole('radio', { name: 'many-to-many (synced)' }));
    expect(outputsDrawn()).toBe(5);
    expect(screen.getByTestId('return-sequences').textContent).toBe('True');
    expect(screen.getByTestId('recurrent-output').textContent).toBe('(None, 5, 16)');

    fireEvent.change(screen.getByLabelText('Sequence length T'), { target: { value: '8' } });
    expect(cellsDrawn()).toBe(8);
    expect(screen.getByTestId('model-output').textContent).toBe('(None, 8, 12)');

    fireEvent.click(screen.getByRole('radio', { name: 'many-to-many (encoder–decoder)' }));
    expect(cellsDrawn()).toBe(16);
    expect(outputsDrawn()).toBe(8);
    expect(screen.getByTestId('return-sequences').textContent).toBe('False → True');
    expect(screen.getByText('RepeatVector(8)')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'one-to-one' }));
    expect(cellsDrawn()).toBe(1);
    expect((screen.getByLabelText('Sequence length T') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId('recurrent-output').textContent).toMatch(/no recurrent layer/);
  });

  it('moves the pulse on a timer', () => {
    vi.useFakeTimers();
    render(<RecurrenceShapes />);
    expect(diagram().getAttribute('data-active')).toBe('0');
    act(() => vi.advanceTimersByTime(700 * 2));
    expect(diagram().getAttribute('data-active')).toBe('2');
    act(() => vi.advanceTimersByTime(700 * 3));
    expect(diagram().getAttribute('data-active')).toBe('0');
  });

  it('replaces the animation with a Next step button under reduced motion', () => {
    vi.useFakeTimers();
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) => ({ matches: query.includes('reduce'), media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
    );
    render(<RecurrenceShapes />);
    expect(screen.queryByLabelText('Animate the pulse')).toBeNull();
    act(() => vi.advanceTimersByTime(700 * 3));
    expect(diagram().getAttribute('data-active')).toBe('0');
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    expect(diagram().getAttribute('data-active')).toBe('1');
  });

  it('keeps the choice across a reload', () => {
    const first = render(<RecurrenceShapes />);
    fireEvent.click(screen.getByRole('radio', { name: 'one-to-many' }));
    fireEvent.change(screen.getByLabelText('Sequence length T'), { target: { value: '3' } });
    first.unmount();
    render(<RecurrenceShapes />);
    expect((screen.getByRole('radio', { name: 'one-to-many' }) as HTMLInputElement).checked).toBe(true);
    expect(cellsDrawn()).toBe(3);
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect((screen.getByRole('radio', { name: 'many-to-one' }) as HTMLInputElement).checked).toBe(true);
  });

  it('falls back to defaults for a hostile saved state', () => {
    localStorage.setItem(storageKey('settings', 'recurrence-shapes'), JSON.stringify({ state: { shape: '__proto__', length: 99, animate: 'yes' }, version: 1 }));
    render(<RecurrenceShapes />);
    expect((screen.getByRole('radio', { name: 'many-to-one' }) as HTMLInputElement).checked).toBe(true);
    expect(cellsDrawn()).toBe(5);
  });
});
