/**
 * How the explorer names and colours each cell's gates: the long name a reader hears and sees
 * in captions, a short symbol for table headings, and one colour per gate used by every view.
 */
import type { StringKey, Translate } from '../../book/i18n';
import { type CellKind, type GateSlot, CELL_GATES } from '../../engine/cellTrace';

const SYMBOLS: Record<CellKind, readonly string[]> = {
  rnn: ['h'],
  lstm: ['i', 'f', 'g', 'o'],
  gru: ['z', 'r', 'h̃'],
};

const COLORS: Record<CellKind, readonly string[]> = {
  rnn: ['var(--pos)'],
  lstm: ['var(--accent)', 'var(--accent-2)', 'var(--pos)', 'var(--explorer-violet)'],
  gru: ['var(--accent)', 'var(--explorer-violet)', 'var(--pos)'],
};

/** One colour per unit for lines (the conveyor belt). */
export const UNIT_COLORS = ['var(--accent)', 'var(--accent-2)', 'var(--pos)', 'var(--explorer-violet)', 'var(--neg)', 'var(--muted)', 'var(--fg)', 'var(--explorer-teal)'];

export interface GateInfo extends GateSlot {
  name: string;
  symbol: string;
  color: string;
}

export function gatesOf(kind: CellKind, t: Translate): GateInfo[] {
  return CELL_GATES[kind].map((slot, k) => ({
    ...slot,
    name: t(`explorer.gate.${kind}.${slot.id}` as StringKey),
    symbol: SYMBOLS[kind][k],
    color: COLORS[kind][k],
  }));
}

export function cellName(kind: CellKind, resetAfter: boolean, t: Translate): string {
  return kind === 'gru' && resetAfter ? t('explorer.kind.gruAfter') : t(`explorer.kind.${kind}`);
}

/** Subscript digits, so unit 2 of the forget gate reads f₂. */
export const sub = (n: number): string => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
