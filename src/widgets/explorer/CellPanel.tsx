/**
 * One cell over the sentence: the unrolled chain (the state highway along the top through every
 * token, each token's copy of the cell with its gate bars and h below it), the live cell diagram
 * of the step at the time cursor — that copy expanded, its gate blocks dragging the biases — and
 * the same numbers as a table. In compare mode the explorer puts three of these side by side on
 * one time cursor.
 */
import { memo, useMemo } from 'react';
import { type Translate, useT } from '../../book/i18n';
import { type CellKind, type CellTrace, beltOf } from '../../engine/cellTrace';
import { useExplorer } from '../../state/explorerStore';
import { num } from '../../viz/format';
import { GateTable } from '../../viz/GateTable';
import { UnrolledDiagram } from '../../viz/UnrolledDiagram';
import { chainSeries } from '../cell/chainSeries';
import { LiveCell } from '../cell/LiveCell';
import { type GateInfo, cellName, gatesOf } from './gateInfo';

export const COLUMN_WIDTH = 56;

interface PanelProps {
  kind: CellKind;
  showTitle: boolean;
  /** The explorer's id: DOM ids inside the panel start with it. */
  explorerId: string;
  /** Show play-one-step and the walk (off in compare mode, where three panels share the width). */
  controls: boolean;
  /** A bias drag began (the link waits for its end); a drag ended or a key nudged (write now). */
  onDragStart: () => void;
  onCommit: () => void;
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

function CellPanelImpl({ kind, showTitle, explorerId, controls, onDragStart, onCommit }: PanelProps) {
  const t = useT();
  const trace = useExplorer((s) => s.traces[kind]);
  const time = useExplorer((s) => s.config.time);
  const tokens = useExplorer((s) => s.tokens);
  const setTime = useExplorer((s) => s.setTime);
  const bias = useExplorer((s) => s.config.weights[kind].bias);
  const setWeight = useExplorer((s) => s.setWeight);
  const onBiasChange = useMemo(() => (index: number, value: number) => setWeight(kind, 'bias', index, value), [setWeight, kind]);
  const gates = useMemo(() => gatesOf(kind, t), [kind, t]);
  // Everything the chain draws depends on the trace only (not on time): rebuilt once per trace.
  const { values, heat, highway } = useMemo(() => chainSeries(trace, trace.steps.length), [trace]);
  const name = cellName(kind, trace.resetAfter, t);
  const token = tokens[time] ?? '';
  // During a drag the table keeps the numbers it had when the drag began and catches up when it
  // ends: 80 numbers rewritten 60 times a second cannot be read, and laying them out is most of
  // what a drag frame would cost (bench/dragP95.ts). The drawing above stays live; a keyboard
  // nudge is not a drag, so the table follows every key at once.
  const held = useExplorer((s) => s.heldTraces?.[kind]);
  const tableTrace = held ?? trace;
  const { columns, rows } = useMemo(() => tableFor(tableTrace, time, gates, t), [tableTrace, time, gates, t]);
  const state = kind === 'lstm' ? 'c' : 'h';
  const stateNow = trace.steps[time] ? Array.from(beltOf(trace.steps[time]), (v) => num(v, 3)).join(', ') : '';

  return (
    <section className="explorer-panel" data-cell={kind} aria-label={name}>
      {showTitle && <h3 className="explorer-panel-title">{name}</h3>}
      {/* The unrolled strip is usually wider than the column and holds nothing focusable, so it takes
          focus itself: arrow keys scroll it (axe: scrollable-region-focusable). */}
      {/* Three panels side by side have no room for three captions; the chain's label says the same. */}
      {!showTitle && <p className="explorer-row-label">{t(`explorer.chain.${kind}`)}</p>}
      <div className="explorer-scroll" tabIndex={0} role="group" aria-label={t('chapter.scrollRegion')}>
        <UnrolledDiagram
          tokens={tokens}
          gates={gates}
          values={values}
          units={trace.units}
          time={time}
          columnWidth={COLUMN_WIDTH}
          heat={heat}
          highway={highway}
          onSelectTime={setTime}
          label={t('explorer.chainLabel', { cell: name, steps: tokens.length, step: time + 1, token, state, values: stateNow })}
        />
      </div>
      <LiveCell
        id={`${explorerId}-${kind}-cell`}
        kind={kind}
        resetAfter={trace.resetAfter}
        units={trace.units}
        inputDim={trace.inputDim}
        step={trace.steps[time]}
        time={time}
        token={token}
        cellName={name}
        bias={bias}
        onBiasChange={onBiasChange}
        onBiasDragStart={onDragStart}
        onBiasCommit={onCommit}
        controls={controls}
        tableId={`${explorerId}-${kind}-table`}
      />
      <GateTable
        id={`${explorerId}-${kind}-table`}
        busy={held !== undefined}
        caption={t('explorer.tableCaption', { cell: name, step: time + 1, token })}
        corner={t('explorer.unit', { unit: '' }).trim()}
        columns={columns}
        rows={rows}
      />
    </section>
  );
}

export const CellPanel = memo(CellPanelImpl);
