/**
 * Line chart for training curves. d3 computes scales, ticks and path strings; React renders the
 * SVG. Series are drawn in CSS-variable colours so the chart follows the light/dark theme.
 */
import { extent, line, max, min, scaleLinear } from 'd3';
import { ChartLegend } from './ChartLegend';
import { useElementWidth } from './useElementWidth';

export interface Series {
  id: string;
  label: string;
  points: { x: number; y: number }[];
  /** A CSS colour, e.g. "var(--accent)". */
  color: string;
  dashed?: boolean;
}

export interface LineChartProps {
  series: Series[];
  xLabel: string;
  yLabel: string;
  height?: number;
  /** Fix the y range, e.g. [0, 1] for accuracy; otherwise it fits the data. */
  yDomain?: [number, number];
  /** Fix the x range, e.g. [0, epochs], so the curve grows into a known width. */
  xDomain?: [number, number];
}

const M = { top: 12, right: 16, bottom: 36, left: 52 };

export function LineChart({ series, xLabel, yLabel, height = 220, yDomain, xDomain }: LineChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y));
  const [x0, x1] = xDomain ?? (extent(all, (p) => p.x) as [number | undefined, number | undefined]);
  const y = scaleLinear()
    .domain(yDomain ?? [Math.min(0, min(all, (p) => p.y) ?? 0), max(all, (p) => p.y) ?? 1])
    .nice()
    .range([height - M.bottom, M.top]);
  const x = scaleLinear()
    .domain([x0 ?? 0, Math.max(x1 ?? 1, (x0 ?? 0) + 1)])
    .range([M.left, width - M.right]);
  const path = line<{ x: number; y: number }>()
    .defined((p) => Number.isFinite(p.y))
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const last = series.map((s) => `${s.label} ${s.points.at(-1)?.y.toFixed(4) ?? '—'}`).join(', ');

  return (
    <div ref={ref} className="chart">
      {/* The name says y, then x, then the last values, in words the caller gave (no English of its own). */}
      <svg width={width} height={height} role="img" aria-label={`${yLabel} — ${xLabel}: ${last}`}>
        {y.ticks(5).map((t) => (
          <g key={`y${t}`} transform={`translate(0,${y(t)})`}>
            <line x1={M.left} x2={width - M.right} stroke="var(--grid)" />
            <text x={M.left - 6} dy="0.32em" textAnchor="end" className="chart-tick">
              {t}
            </text>
          </g>
        ))}
        {x.ticks(Math.max(2, Math.floor(width / 90))).map((t) => (
          <text key={`x${t}`} x={x(t)} y={height - M.bottom + 16} textAnchor="middle" className="chart-tick">
            {t}
          </text>
        ))}
        <text x={(M.left + width - M.right) / 2} y={height - 4} textAnchor="middle" className="chart-label">
          {xLabel}
        </text>
        <text transform={`translate(12,${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="chart-label">
          {yLabel}
        </text>
        {series.map((s) => (
          <path key={s.id} d={path(s.points) ?? ''} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '5 4' : undefined} />
        ))}
      </svg>
      <ChartLegend entries={series} />
    </div>
  );
}
