/**
 * The cell state as a conveyor belt: one line per unit over time, so a forget gate near 1 shows
 * as a value carried along flat, one near 0 as a line that forgets its past at every step. The
 * x axis uses the unrolled diagram's column width, so step t sits under copy t.
 */
import { line, scaleLinear } from 'd3';
import { memo } from 'react';

export interface ConveyorBeltProps {
  /** series[unit][t] */
  series: readonly ArrayLike<number>[];
  colors: readonly string[];
  time: number;
  columnWidth: number;
  height?: number;
  label: string;
}

function ConveyorBeltImpl({ series, colors, time, columnWidth, height = 90, label }: ConveyorBeltProps) {
  const steps = series[0]?.length ?? 0;
  const width = Math.max(1, steps) * columnWidth;
  let bound = 1;
  for (const s of series) for (let t = 0; t < s.length; t++) if (Number.isFinite(s[t])) bound = Math.max(bound, Math.abs(s[t]));
  const y = scaleLinear().domain([-bound, bound]).range([height - 6, 6]);
  const x = (t: number) => t * columnWidth + columnWidth / 2;
  const path = line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, t) => x(t))
    .y((v) => y(v));
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="conveyor-belt">
      <line x1={0} x2={width} y1={y(0)} y2={y(0)} className="conveyor-axis" />
      <text x={2} y={y(bound) + 4} className="conveyor-tick">
        {Number(bound.toPrecision(2))}
      </text>
      <text x={2} y={y(-bound)} className="conveyor-tick">
        {Number((-bound).toPrecision(2))}
      </text>
      <line x1={x(time)} x2={x(time)} y1={0} y2={height} className="conveyor-cursor" />
      {series.map((s, u) => (
        <g key={u}>
          <path d={path(Array.from(s)) ?? ''} fill="none" stroke={colors[u % colors.length]} strokeWidth={2} />
          {time < s.length && <circle cx={x(time)} cy={y(Number.isFinite(s[time]) ? s[time] : 0)} r={3.5} fill={colors[u % colors.length]} />}
        </g>
      ))}
    </svg>
  );
}

export const ConveyorBelt = memo(ConveyorBeltImpl);
