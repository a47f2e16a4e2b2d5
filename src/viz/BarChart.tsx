/**
 * Grouped bar chart: one group per category (a word, a term, a training step), one bar per series
 * in each group. The y axis is linear (bars grow from zero, either sign) or logarithmic (for
 * magnitudes spanning many decades, like gradient norms). A value the scale cannot place — NaN,
 * ±Infinity, or ≤ 0 on a log axis — gets a labelled marker instead of a silently missing bar.
 * d3 computes the scales; React renders the SVG.
 */
import { max, min, scaleBand, scaleLinear, scaleLog } from 'd3';
import { ChartLegend } from './ChartLegend';
import { useElementWidth } from './useElementWidth';

export interface BarSeries {
  id: string;
  label: string;
  /** One per category; null draws nothing there (a value that was never computed). */
  values: (number | null)[];
  /** A CSS colour, e.g. "var(--accent)". */
  color: string;
}

export interface BarChartProps {
  categories: string[];
  series: BarSeries[];
  yLabel: string;
  /** Accessible name of the whole chart. */
  label: string;
  scale?: 'linear' | 'log';
  height?: number;
  /** How a value is written in bar tooltips and markers. */
  format?: (value: number) => string;
  /** Fix the y range; otherwise it fits the data. */
  yDomain?: [number, number];
  /** The lang of the category names when they are words of a text (e.g. "en" in the Chinese edition). */
  categoryLang?: string;
}

const M = { top: 14, right: 12, bottom: 40, left: 56 };

const superscript = (n: number) => String(n).replace(/-/g, '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);

/** Which marker a value the axis cannot draw gets. */
function unplaceable(value: number, log: boolean): string | null {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (log && value <= 0) return '0';
  return null;
}

export function BarChart({ categories, series, yLabel, label, scale = 'linear', height = 220, format = String, yDomain, categoryLang }: BarChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const log = scale === 'log';
  const drawable = series.flatMap((s) => s.values).filter((v): v is number => v !== null && unplaceable(v, log) === null);
  const low = min(drawable) ?? (log ? 1e-3 : 0);
  const high = max(drawable) ?? 1;
  const y = log
    ? scaleLog()
        .domain(yDomain ?? [Math.min(low, high / 10), Math.max(high, low * 10)])
        .nice()
        .range([height - M.bottom, M.top])
    : scaleLinear()
        .domain(yDomain ?? [Math.min(0, low), Math.max(0, high, low === high ? 1 : high)])
        .nice()
        .range([height - M.bottom, M.top]);
  const x = scaleBand<number>()
    .domain(categories.map((_, i) => i))
    .range([M.left, Math.max(M.left + 1, width - M.right)])
    .padding(0.2);
  const inner = scaleBand<string>().domain(series.map((s) => s.id)).range([0, x.bandwidth()]).padding(0.08);
  const [d0, d1] = y.domain();
  const base = log ? height - M.bottom : y(0);

  // Log axes get one tick per decade (thinned when there are many), linear ones d3's ticks.
  const ticks = log
    ? (() => {
        const decades: number[] = [];
        for (let e = Math.ceil(Math.log10(d0)); e <= Math.floor(Math.log10(d1)); e++) decades.push(e);
        const every = Math.ceil(decades.length / 6);
        return decades.filter((_, i) => i % every === 0).map((e) => ({ value: 10 ** e, text: e === 0 ? '1' : `10${superscript(e)}` }));
      })()
    : y.ticks(5).map((v) => ({ value: v, text: String(v) }));
  const labelEvery = Math.max(1, Math.ceil(28 / Math.max(1, x.bandwidth())));

  return (
    <div ref={ref} className="chart">
      <svg width={width} height={height} role="img" aria-label={label}>
        {ticks.map((t) => (
          <g key={t.value} transform={`translate(0,${y(t.value)})`}>
            <line x1={M.left} x2={width - M.right} stroke="var(--grid)" />
            <text x={M.left - 6} dy="0.32em" textAnchor="end" className="chart-tick">
              {t.text}
            </text>
          </g>
        ))}
        {!log && <line x1={M.left} x2={width - M.right} y1={base} y2={base} stroke="var(--muted)" />}
        {categories.map((c, i) =>
          i % labelEvery === 0 ? (
            <text key={`c${i}`} x={(x(i) ?? 0) + x.bandwidth() / 2} y={height - M.bottom + 14} textAnchor="middle" className="chart-tick" lang={categoryLang}>
              {c.length > 10 ? `${c.slice(0, 9)}…` : c}
            </text>
          ) : null,
        )}
        <text transform={`translate(12,${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="chart-label">
          {yLabel}
        </text>
        {series.map((s) =>
          s.values.map((v, i) => {
            if (v === null) return null;
            const left = (x(i) ?? 0) + (inner(s.id) ?? 0);
            const w = Math.max(1, inner.bandwidth());
            const marker = unplaceable(v, log);
            const tip = `${categories[i]} · ${s.label}: ${format(v)}`;
            if (marker) {
              return (
                <text key={`${s.id}${i}`} x={left + w / 2} y={marker === '0' || marker === '−∞' ? base - 3 : M.top + 8} textAnchor="middle" className="chart-tick" style={{ fill: s.color, fontWeight: 600 }} data-series={s.id} data-index={i} data-value={String(v)}>
                  <title>{tip}</title>
                  {marker}
                </text>
              );
            }
            const top = y(v);
            return (
              <rect key={`${s.id}${i}`} x={left} width={w} y={Math.min(top, base)} height={Math.max(1, Math.abs(base - top))} fill={s.color} data-series={s.id} data-index={i} data-value={String(v)}>
                <title>{tip}</title>
              </rect>
            );
          }),
        )}
      </svg>
      <ChartLegend entries={series} />
    </div>
  );
}
