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
import { useExplorer, useExplorerApi } from '../../state/explorerStore';
import { type LiveValue, mapLive } from '../../viz/liveValue';
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
  // While a weight or bias is dragged, everything in the DOM here — the table, the labels, the
  // numbers on hover — keeps the trace from the start of the drag and catches up when it ends: 80
  // numbers rewritten 60 times a second cannot be read, and re-rendering the panel on every move
  // is most of what a drag frame would cost (bench/dragP95.ts). The drawings follow every move
  // through `live`, without a render. A keyboard nudge is not a drag: everything follows each key.
  const held = useExplorer((s) => s.held?.traces[kind]);
  const trace = useExplorer((s) => s.held?.traces[kind] ?? s.traces[kind]);
  const api = useExplorerApi();
  const live = useMemo<LiveValue<CellTrace>>(
    () => ({
      get: () => api.getState().traces[kind],
      subscribe: (listener) => api.subscribe((s, before) => s.traces[kind] !== before.traces[kind] && listener()),
    }),
    [api, kind],
  );
  const time = useExplorer((s) => s.config.time);
  const tokens = useExplorer((s) => s.tokens);
  const setTime = useExplorer((s) => s.setTime);
  const bias = useExplorer((s) => s.config.weights[kind].bias);
  const setWeight = useExplorer((s) => s.setWeight);
  const onBiasChange = useMemo(() => (index: number, value: number) => setWeight(kind, 'bias', index, value), [setWeight, kind]);
  const gates = useMemo(() => gatesOf(kind, t), [kind, t]);
  // Everything the chain draws depends on the trace only (not on time): rebuilt once per trace.
  const liveChain = useMemo(() => mapLive(live, (tr) => chainSeries(tr, tr.steps.length)), [live]);
  const liveStep = useMemo(() => mapLive(live, (tr) => tr.steps[time]), [live, time]);
  const { values, heat, highway } = liveChain.get();
  const name = cellName(kind, trace.resetAfter, t);
  const token = tokens[time] ?? '';
  const { columns, rows } = useMemo(() => tableFor(trace, time, gates, t), [trace, time, gates, t]);
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
          live={liveChain}
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
        liveStep={liveStep}
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
