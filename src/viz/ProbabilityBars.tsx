/**
 * One horizontal bar per outcome, for a probability distribution over a small vocabulary (the
 * next character). Plain HTML: the bars are few, and text stays selectable and readable by
 * screen readers as a list of "label: value".
 */
import { num } from './format';
import { visibleChar } from './visibleChar';

export interface ProbabilityBarsProps {
  labels: string[];
  values: ArrayLike<number>;
  /** Emphasised bar, e.g. the chosen or the correct character. */
  highlight?: number | null;
  /** Shown next to each bar when given, e.g. the logits the probabilities came from. */
  extra?: ArrayLike<number>;
  extraLabel?: string;
  label: string;
  /** Show at most this many bars, the largest first; all when omitted. */
  limit?: number;
}

export function ProbabilityBars({ labels, values, highlight = null, extra, extraLabel, label, limit }: ProbabilityBarsProps) {
  const order = Array.from({ length: values.length }, (_, i) => i);
  const shown = limit === undefined ? order : order.sort((a, b) => values[b] - values[a]).slice(0, limit);
  return (
    <ul className="prob-bars" aria-label={label}>
      {shown.map((i) => (
        <li key={i} className={i === highlight ? 'prob-bar prob-bar-highlight' : 'prob-bar'} data-char={labels[i]} data-p={values[i]}>
          <span className="prob-bar-label">{visibleChar(labels[i])}</span>
          <span className="prob-bar-track" aria-hidden="true">
            <span className="prob-bar-fill" style={{ width: `${Math.max(0, Math.min(1, values[i])) * 100}%` }} />
          </span>
          <span className="prob-bar-value">
            {num(values[i], 4)}
            {extra && (
              <span className="prob-bar-extra">
                {' '}
                ({extraLabel} {num(extra[i], 4)})
              </span>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
