/**
 * Dragging a cell of a WeightGrid (src/viz/WeightGrid.tsx): the dragged cell shows each new value
 * as the caller kept it, at once and to assistive technology, while the rest of the grid keeps
 * what it showed when the drag began; when the drag ends the grid shows the caller's values.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { WeightGrid } from '../../src/viz/WeightGrid';

function Harness() {
  const [values, setValues] = useState([0.5, 0.25, -1, 2]);
  return (
    <WeightGrid
      caption="W"
      rows={2}
      cols={2}
      values={values}
      rowLabels={['r0', 'r1']}
      colLabels={['c0', 'c1']}
      cellLabel={(row, col) => `w ${row} ${col}`}
      onChange={(index, value) => {
        const kept = Math.round(value * 100) / 100;
        // The caller also moves another value with it, as a recomputation would.
        setValues((v) => v.map((x, i) => (i === index ? kept : i === 3 ? x + 1 : x)));
        return kept;
      }}
    />
  );
}

const slider = (name: RegExp) => screen.getByRole('slider', { name });

describe('WeightGrid drag', () => {
  it('shows the dragged value as kept while holding the rest, and everything once the drag ends', () => {
    render(<Harness />);
    const cell = slider(/^w 0 1: /);
    act(() => {
      fireEvent.mouseDown(cell, { button: 0, clientX: 10, clientY: 100, view: window });
      // 33 px up at 0.02 a pixel: 0.25 + 0.66 = 0.91 (0.9100000000000001 before the caller rounds).
      fireEvent.mouseMove(window, { clientX: 10, clientY: 67, view: window });
    });
    expect(cell.getAttribute('aria-valuenow')).toBe('0.91');
    expect(cell.textContent).toBe('0.91');
    expect(cell.getAttribute('aria-label')).toBe('w 0 1: 0.91');
    // The caller raised w[1][1] too; the grid shows it only when the drag is over.
    expect(slider(/^w 1 1: /).getAttribute('aria-valuenow')).toBe('2');
    act(() => {
      fireEvent.mouseUp(window, { clientX: 10, clientY: 67, view: window });
    });
    expect(slider(/^w 1 1: /).getAttribute('aria-valuenow')).toBe('3');
    expect(slider(/^w 0 1: /).textContent).toBe('0.91');
    expect(slider(/^w 0 1: /)).toBe(cell);
  });

  it('the pressed cell captures the pointer, so crossing other cells during the drag fires nothing on them', () => {
    render(<Harness />);
    const cell = slider(/^w 1 0: /);
    const capture = vi.fn();
    cell.setPointerCapture = capture;
    fireEvent.pointerDown(cell, { button: 0, pointerId: 7 });
    expect(capture).toHaveBeenCalledWith(7);
    // A right button or a press outside the cells captures nothing.
    const other = slider(/^w 0 0: /);
    other.setPointerCapture = vi.fn();
    fireEvent.pointerDown(other, { button: 2, pointerId: 8 });
    fireEvent.pointerDown(screen.getByText('W'), { button: 0, pointerId: 9 });
    expect(other.setPointerCapture).not.toHaveBeenCalled();
  });
});
