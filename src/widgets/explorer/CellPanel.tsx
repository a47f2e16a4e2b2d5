/**
 * One cell over the sentence: the unrolled copies with their gate bars, the conveyor belt of its
 * state, h as a heatmap per token, a close-up of every gate at the time cursor, and the same
 * numbers as a table. In compare mode the explorer stacks three of these on one time cursor.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
import { type Translate, useT } from '../../book/i18n';
import { type CellKind, type CellTrace, beltOf } from '../../engine/cellTrace';
import { useExplorer } from '../../state/explorerStore';
import { ConveyorBelt } from '../../viz/ConveyorBelt';
import { num } from '../../viz/format';
import { GateGlyph } from '../../viz/GateGlyph';
import { GateTable } from '../../viz/GateTable';
import { usePrefersReducedMotion } from '../../viz/motion';
import { UnrolledDiagram } from '../../viz/UnrolledDiagram';
import { type GateInfo, UNIT_COLORS, cellName, gatesOf, sub } from './gateInfo';

export const COLUMN_WIDTH = 56;

interface PanelProps {
  kind: CellKind;
  showTitle: boolean;
}

/** Everything a panel draws that depends on the trace only (not on time): rebuilt once per trace. */
function useSeries(trace: CellTrace) {
  return useMemo(() => {
    const units = trace.units;
    const values = trace.steps.map((s) => s.act);
    const belt = Array.from({ length: units }, (_, u) => Float32Array.from(trace.steps, (s) => beltOf(s)[u]));
    const heat = trace.steps.map((s) => s.h);
    return { values, belt, heat };
  }, [trace]);
}

function tableFor(trace: CellTrace, time: number, gates: GateInfo[], t: Translate) {
  const step = trace.steps[time];
  const columns = [
    ...gates.flatMap((g) => [t('explorer.pre', { gate: g.symbol }), t('explorer.value', { gate: g.symbol })]),
    ...(step?.c ? ['c'] : []),
    // A SimpleRNN's candidate already is its new h.
    ...(trace.kind === 'rnn' ? [] : ['h']),
  ];
  const rows = step
    ? Array.from({ length: trace.units }, (_, u) => ({
        header: t('explorer.unit', { unit: u }),
        values: [
          ...gates.flatMap((_, k) => [step.pre[k][u], step.act[k][u]]),
          ...(step.c ? [step.c[u]] : []),
          ...(trace.kind === 'rnn' ? [] : [step.h[u]]),
        ],
      }))
    : [];
  return { columns, rows };
}

function CloseUp({ trace, time, gates, token }: { trace: CellTrace; time: number; gates: GateInfo[]; token: string }) {
  const t = useT();
  const reduced = usePrefersReducedMotion();
  // Glide when the cursor moves; jump when a weight is being dragged, where a transition per
  // glyph per pointer move would keep the browser repainting half-finished animations.
  const shownTime = useRef(time);
  const animate = !reduced && shownTime.current !== time;
  useEffect(() => {
    shownTime.current = time;
  });
  const step = trace.steps[time];
  if (!step) return null;
  const glyphW = 22;
  const unitW = gates.length * (glyphW + 6) + 14;
  const described = gates.map((g, k) => `${g.name} ${Array.from(step.act[k], (v) => num(v, 2)).join('/')}`).join('; ');
  return (
    <figure className="explorer-closeup">
      <figcaption>{t('explorer.closeUp', { step: time + 1, token })}</figcaption>
      <svg width={trace.units * unitW} height={74} role="img" aria-label={t('explorer.closeUpLabel', { step: time + 1, values: described })}>
        {Array.from({ length: trace.units }, (_, u) => (
          <g key={u} transform={`translate(${u * unitW},0)`}>
            <text x={0} y={10} className="explorer-closeup-unit">
              {t('explorer.unit', { unit: u })}
            </text>
            {gates.map((g, k) => (
              <g key={g.id}>
                <GateGlyph
                  x={k * (glyphW + 6)}
                  y={16}
                  width={glyphW}
                  height={38}
                  value={step.act[k][u]}
                  role={g.role}
                  color={g.color}
                  animate={animate}
                />
                <text x={k * (glyphW + 6) + glyphW / 2} y={68} textAnchor="middle" className="explorer-closeup-symbol">
                  {g.symbol}
                  {sub(u)}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <ul className="explorer-legend">
        {gates.map((g) => (
          <li key={g.id}>
            <span className="explorer-swatch" style={{ background: g.color }} aria-hidden="true" />
            {g.symbol}: {g.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function CellPanelImpl({ kind, showTitle }: PanelProps) {
  const t = useT();
  const trace = useExplorer((s) => s.traces[kind]);
  const time = useExplorer((s) => s.config.time);
  const tokens = useExplorer((s) => s.tokens);
  const setTime = useExplorer((s) => s.setTime);
  const gates = useMemo(() => gatesOf(kind, t), [kind, t]);
  const { values, belt, heat } = useSeries(trace);
  const name = cellName(kind, trace.resetAfter, t);
  const token = tokens[time] ?? '';
  const { columns, rows } = useMemo(() => tableFor(trace, time, gates, t), [trace, time, gates, t]);
  const width = tokens.length * COLUMN_WIDTH;
  const beltWhat = kind === 'lstm' ? t('explorer.belt') : t('explorer.beltH');
  const beltNow = belt.map((s) => num(s[time] ?? 0, 3)).join(', ');

  return (
    <section className="explorer-panel" data-cell={kind} aria-label={name}>
      {showTitle && <h3 className="explorer-panel-title">{name}</h3>}
      <div className="explorer-scroll">
        <div style={{ width }}>
          <div className="explorer-row-label">{t('explorer.heatmap')}</div>
          <UnrolledDiagram
            tokens={tokens}
            gates={gates}
            values={values}
            units={trace.units}
            time={time}
            columnWidth={COLUMN_WIDTH}
            heat={heat}
            onSelectTime={setTime}
            label={`${t('explorer.diagramLabel', { cell: name, steps: tokens.length, step: time + 1, token })} ${t('explorer.heatmapLabel', { units: trace.units, steps: tokens.length })}`}
          />
          <div className="explorer-row-label">{beltWhat}</div>
          <ConveyorBelt
            series={belt}
            colors={UNIT_COLORS}
            time={time}
            columnWidth={COLUMN_WIDTH}
            label={t('explorer.beltLabel', { what: beltWhat, step: time + 1, values: beltNow })}
          />
        </div>
      </div>
      <CloseUp trace={trace} time={time} gates={gates} token={token} />
      <GateTable
        caption={t('explorer.tableCaption', { cell: name, step: time + 1, token })}
        corner={t('explorer.unit', { unit: '' }).trim()}
        columns={columns}
        rows={rows}
      />
    </section>
  );
}

export const CellPanel = memo(CellPanelImpl);
