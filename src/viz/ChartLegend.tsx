/** The swatch-and-label legend under a chart with more than one series. */
export interface LegendEntry {
  id: string;
  label: string;
  /** A CSS colour, e.g. "var(--accent)". */
  color: string;
}

export function ChartLegend({ entries }: { entries: LegendEntry[] }) {
  if (entries.length < 2) return null;
  return (
    <ul className="chart-legend">
      {entries.map((e) => (
        <li key={e.id}>
          <span className="chart-swatch" style={{ background: e.color }} aria-hidden="true" />
          {e.label}
        </li>
      ))}
    </ul>
  );
}
