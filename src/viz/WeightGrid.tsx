/**
 * A matrix of numbers the reader can change by hand: drag a cell up or down (mouse or touch,
 * through d3-drag), or focus it and press ArrowUp/ArrowDown (Shift for ten times the step,
 * ArrowLeft/ArrowRight to move between cells). The grid is one tab stop; the focused cell is a
 * slider to assistive technology, named by the caller ("kernel row 0 col 3 (forget gate, unit 0)").
 *
 * One d3-drag behaviour sits on the table itself and finds the cell under the pointer, so the
 * number of listeners does not grow with the number of cells. While a cell is dragged the grid
 * renders nothing: the dragged cell's DOM is written directly (showValue), and React catches up
 * when the drag ends.
 */
import { drag, select } from 'd3';
import { divergingColor } from './diverging';
import { type KeyboardEvent, type PointerEvent, memo, useEffect, useReducer, useRef, useState } from 'react';
import { num } from './format';

export interface WeightGridProps {
  caption: string;
  rows: number;
  cols: number;
  /** Row-major, rows × cols. */
  values: ArrayLike<number>;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  /** The accessible name of a cell, without its value (the grid appends it). */
  cellLabel: (row: number, col: number) => string;
  /** A class per column, to group columns visually (one gate's block). */
  colClass?: (col: number) => string;
  /**
   * New value for a cell; `event` is the input event behind it. Returns the value as kept, when
   * the caller rounds or clamps it: a dragged cell shows that.
   */
  onChange: (index: number, value: number, event?: Event) => number | void;
  /** A drag started: a caller may hold back expensive follow-ups (saving) until onCommit. */
  onDragStart?: () => void;
  /** A drag ended, or a key nudged a value (persist now rather than on the next throttle tick). */
  onCommit?: () => void;
  step?: number;
  /** Values are kept within ±limit. */
  limit?: number;
  /** Value change per pixel of vertical drag. */
  perPixel?: number;
}

const colour = (v: number) => divergingColor(v, 3);

/** What a cell shows for a value. One function for React's render and for a drag's direct writes. */
function cellLook(value: number, label: string) {
  const text = num(value, 3);
  return {
    text,
    label: `${label}: ${text}`,
    valueNow: Number(value.toFixed(4)),
    className: Math.abs(value) > 1.6 ? 'weight-cell weight-cell-strong' : 'weight-cell',
    background: colour(value),
  };
}

/**
 * Shows a dragged cell's new value by writing its DOM directly: while a drag is under way the grid
 * renders the values from its start, so a move costs React nothing (bench/dragP95.ts), and React
 * writes the final values once the drag ends. The text node is React's own, changed in place.
 */
function showValue(el: HTMLElement, value: number, label: string): void {
  const look = cellLook(value, label);
  if (el.firstChild) el.firstChild.nodeValue = look.text;
  el.setAttribute('aria-label', look.label);
  el.setAttribute('aria-valuenow', String(look.valueNow));
  el.setAttribute('aria-valuetext', look.text);
  el.className = look.className;
  el.style.background = look.background;
}

interface CellProps {
  index: number;
  row: number;
  col: number;
  value: number;
  /** Stable across value changes, so the label is built only for cells that re-render. */
  cellLabel: (row: number, col: number) => string;
  focusable: boolean;
  className?: string;
  limit: number;
}

const Cell = memo(function Cell({ index, row, col, value, cellLabel, focusable, className, limit }: CellProps) {
  const look = cellLook(value, cellLabel(row, col));
  return (
    <td className={className}>
      <span
        role="slider"
        tabIndex={focusable ? 0 : -1}
        data-index={index}
        aria-label={look.label}
        aria-valuenow={look.valueNow}
        aria-valuemin={-limit}
        aria-valuemax={limit}
        aria-valuetext={look.text}
        className={look.className}
        style={{ background: look.background }}
      >
        {look.text}
      </span>
    </td>
  );
});

interface RowProps {
  row: number;
  cols: number;
  /** The whole grid's values; a row renders again only when its own have changed. */
  values: ArrayLike<number>;
  header: string;
  cellLabel: (row: number, col: number) => string;
  colClass?: (col: number) => string;
  /** The grid's focusable cell. */
  active: number;
  limit: number;
}

function GridRowImpl({ row, cols, values, header, cellLabel, colClass, active, limit }: RowProps) {
  return (
    <tr>
      <th scope="row">{header}</th>
      {Array.from({ length: cols }, (_, c) => {
        const index = row * cols + c;
        return (
          <Cell
            key={c}
            index={index}
            row={row}
            col={c}
            value={Number(values[index])}
            cellLabel={cellLabel}
            focusable={index === active}
            className={colClass?.(c)}
            limit={limit}
          />
        );
      })}
    </tr>
  );
}

/** A drag changes one value: the other rows are not even visited (a kernel of 32 columns has 4 to 8 rows). */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.row !== b.row || a.cols !== b.cols || a.header !== b.header || a.cellLabel !== b.cellLabel || a.colClass !== b.colClass || a.limit !== b.limit) return false;
  const start = a.row * a.cols;
  const end = start + a.cols;
  const inRow = (i: number) => (i >= start && i < end ? i : -1);
  if (inRow(a.active) !== inRow(b.active)) return false;
  if (a.values === b.values) return true;
  for (let i = start; i < end; i++) if (!Object.is(Number(a.values[i]), Number(b.values[i]))) return false;
  return true;
}

const GridRow = memo(GridRowImpl, sameRow);

function cellIndexOf(target: EventTarget | null): number | null {
  const el = target instanceof Element ? target.closest('[data-index]') : null;
  const index = el ? Number(el.getAttribute('data-index')) : NaN;
  return Number.isInteger(index) ? index : null;
}

export function WeightGrid(props: WeightGridProps) {
  const { caption, rows, cols, values, rowLabels, colLabels, cellLabel, colClass, step = 0.05, limit = 10 } = props;
  const table = useRef<HTMLTableElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const [focused, setFocused] = useState(0);
  const active = Math.min(focused, rows * cols - 1);
  // The values from the start of a drag, rendered until it ends (see showValue); null otherwise.
  const held = useRef<ArrayLike<number> | null>(null);
  const [, caughtUp] = useReducer((n: number) => n + 1, 0);
  const shown = held.current ?? values;

  useEffect(() => {
    const el = table.current;
    if (!el) return;
    interface Subject {
      index: number;
      start: number;
      y0: number;
      cell: HTMLElement | null;
    }
    const behaviour = drag<HTMLTableElement, unknown, Subject | null>()
      .filter((event: MouseEvent) => !event.button && cellIndexOf(event.target) !== null)
      .subject((event) => {
        const index = cellIndexOf(event.sourceEvent.target);
        if (index === null) return null;
        const cell = (event.sourceEvent.target as Element).closest<HTMLElement>('[data-index]');
        return { index, start: Number(latest.current.values[index]), y0: event.y, cell };
      })
      .on('start', (event) => {
        const subject = event.subject as Subject;
        held.current = latest.current.values;
        latest.current.onDragStart?.();
        setFocused(subject.index);
        subject.cell?.focus({ preventScroll: true });
      })
      .on('drag', (event) => {
        const { index, start, y0, cell } = event.subject as Subject;
        const { perPixel = 0.02, limit: max = 10, onChange, cols: width, cellLabel: labelOf } = latest.current;
        const next = Math.max(-max, Math.min(max, start - (event.y - y0) * perPixel));
        const kept = onChange(index, next, event.sourceEvent as Event) ?? next;
        if (cell) showValue(cell, kept, labelOf(Math.floor(index / width), index % width));
      })
      .on('end', () => {
        held.current = null;
        caughtUp();
        latest.current.onCommit?.();
      });
    const selection = select(el).call(behaviour);
    return () => {
      selection.on('.drag', null);
    };
  }, []);

  // The pressed cell captures the pointer for the drag: the pointer is then over that cell until
  // it is released, so crossing other cells fires no over/out/enter/leave events (four kinds, each
  // handled by React's root listener: about 0.4 ms a move; bench/dragP95.ts).
  const onPointerDown = (event: PointerEvent<HTMLTableElement>) => {
    const cell = event.button === 0 && event.target instanceof Element ? event.target.closest('[data-index]') : null;
    if (cell && table.current?.contains(cell)) cell.setPointerCapture?.(event.pointerId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const index = cellIndexOf(event.target);
    if (index === null) return;
    const size = rows * cols;
    const move = (to: number) => {
      const next = (to + size) % size;
      setFocused(next);
      table.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
    };
    const nudge = (direction: number) => {
      const amount = step * (event.shiftKey ? 10 : 1);
      const value = Number(values[index]) + direction * amount;
      props.onChange(index, Math.max(-limit, Math.min(limit, Number(value.toFixed(6)))), event.nativeEvent);
      props.onCommit?.();
    };
    const actions: Record<string, () => void> = {
      ArrowUp: () => nudge(1),
      ArrowDown: () => nudge(-1),
      PageUp: () => nudge(10),
      PageDown: () => nudge(-10),
      ArrowRight: () => move(index + 1),
      ArrowLeft: () => move(index - 1),
      Home: () => move(0),
      End: () => move(size - 1),
    };
    const action = actions[event.key];
    if (!action) return;
    // These keys belong to the grid; the explorer around it must not also step its time cursor.
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  return (
    <table ref={table} className="weight-grid" onKeyDown={onKeyDown} onPointerDown={onPointerDown}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <td />
          {colLabels.map((label, c) => (
            <th key={c} scope="col" className={colClass?.(c)}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: rows }, (_, r) => (
          <GridRow
            key={r}
            row={r}
            cols={cols}
            values={shown}
            header={rowLabels[r]}
            cellLabel={cellLabel}
            colClass={colClass}
            active={active}
            limit={limit}
          />
        ))}
      </tbody>
    </table>
  );
}
