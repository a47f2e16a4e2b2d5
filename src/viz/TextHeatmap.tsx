/**
 * Text with each character's background coloured by a value: how one hidden unit responds as a
 * model reads. The diverging scale matches Heatmap's (blue positive, red negative) so the two
 * read alike. Line ends stay line ends, so the text keeps its shape.
 *
 * With `onPick` a character can be picked — clicked, or with the heatmap focused, ← → Home End —
 * and the picked one is outlined; the heatmap is then a slider over the characters for assistive
 * technology, its value text saying which character is picked and its value.
 */
import { type KeyboardEvent, type MouseEvent, memo } from 'react';
import { divergingColor, maxAbs } from './diverging';
import { num } from './format';

export interface TextHeatmapProps {
  text: string;
  /** values[i] colours text[i]. */
  values: ArrayLike<number>;
  /** The value that gets the strongest colour; defaults to the largest |value|. */
  limit?: number;
  label: string;
  /** The picked character's index (with onPick). */
  picked?: number;
  onPick?: (index: number) => void;
  /** What a screen reader hears for the picked character, e.g. "character 3 of 40, “e”: 0.41". */
  pickText?: (index: number, value: number) => string;
}

const Char = memo(function Char({ c, i, value, color, picked }: { c: string; i: number; value: number; color: string; picked: boolean }) {
  return (
    <span data-i={i} style={{ background: color }} title={`${JSON.stringify(c)}: ${num(value, 3)}`} className={picked ? 'text-heatmap-picked' : undefined}>
      {c === '\n' ? '↵\n' : c}
    </span>
  );
});

const KEYS: Record<string, (at: number, last: number) => number> = {
  ArrowLeft: (at) => at - 1,
  ArrowRight: (at) => at + 1,
  ArrowUp: (at) => at - 1,
  ArrowDown: (at) => at + 1,
  Home: () => 0,
  End: (_, last) => last,
};

export function TextHeatmap({ text, values, limit, label, picked, onPick, pickText }: TextHeatmapProps) {
  const bound = limit ?? maxAbs([values]);
  const chars = [...text];
  const last = chars.length - 1;
  const at = picked === undefined ? -1 : Math.max(0, Math.min(last, picked));
  const spans = chars.map((c, i) => {
    const v = values[i] ?? 0;
    return <Char key={i} c={c} i={i} value={v} color={divergingColor(v, bound)} picked={i === at} />;
  });
  if (!onPick) {
    return (
      <div className="text-heatmap" role="img" aria-label={label}>
        {spans}
      </div>
    );
  }
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const i = (event.target as HTMLElement).closest('[data-i]')?.getAttribute('data-i');
    if (i != null) onPick(Number(i));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = KEYS[event.key];
    if (!move || last < 0) return;
    event.preventDefault();
    onPick(Math.max(0, Math.min(last, move(Math.max(0, at), last))));
  };
  return (
    <div
      className="text-heatmap text-heatmap-pickable"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.max(0, last)}
      aria-valuenow={Math.max(0, at)}
      aria-valuetext={at >= 0 ? pickText?.(at, values[at] ?? 0) : undefined}
      onClick={onClick}
      onKeyDown={onKeyDown}
    >
      {spans}
    </div>
  );
}
