/**
 * Numbers behind a picture, as a real table: screen readers can walk it cell by cell, and anyone
 * can read the exact values a glyph only suggests.
 */
import { memo } from 'react';
import { num } from './format';

export interface GateTableRow {
  header: string;
  values: readonly number[];
}

export interface GateTableProps {
  caption: string;
  corner: string;
  columns: readonly string[];
  rows: readonly GateTableRow[];
  digits?: number;
  /** For aria-describedby: the picture this table is the text alternative of points here. */
  id?: string;
  /** The numbers are about to change (e.g. held while a weight is dragged): dimmed and aria-busy. */
  busy?: boolean;
}

function GateTableImpl({ caption, corner, columns, rows, digits = 4, id, busy = false }: GateTableProps) {
  return (
    <table className="gate-table" id={id} aria-busy={busy || undefined} data-busy={busy || undefined}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {/* An empty corner is a plain cell: a header with no text is announced as nothing. */}
          {corner ? <th scope="col">{corner}</th> : <td />}
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.header}>
            <th scope="row">{row.header}</th>
            {columns.map((_, i) => (
              <td key={i}>
                {/* A fixed box (gate-num): a changed number re-lays out only itself, not the table. */}
                <span className="gate-num">{i < row.values.length ? num(row.values[i], digits) : ''}</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const GateTable = memo(GateTableImpl);
