/**
 * Text with each character's background coloured by a value: how one hidden unit responds as a
 * model reads. The diverging scale matches Heatmap's (blue positive, red negative) so the two
 * read alike. Line ends stay line ends, so the text keeps its shape.
 */
import { divergingColor, maxAbs } from './diverging';
import { num } from './format';

export interface TextHeatmapProps {
  text: string;
  /** values[i] colours text[i]. */
  values: ArrayLike<number>;
  /** The value that gets the strongest colour; defaults to the largest |value|. */
  limit?: number;
  label: string;
}

export function TextHeatmap({ text, values, limit, label }: TextHeatmapProps) {
  const bound = limit ?? maxAbs([values]);
  const color = (v: number) => divergingColor(v, bound);
  const chars = [...text];
  return (
    <div className="text-heatmap" role="img" aria-label={label}>
      {chars.map((c, i) => {
        const v = values[i] ?? 0;
        return (
          <span key={i} style={{ background: color(v) }} title={`${JSON.stringify(c)}: ${num(v, 3)}`}>
            {c === '\n' ? '↵\n' : c}
          </span>
        );
      })}
    </div>
  );
}
