/**
 * A cell diagram at one step of an engine trace, with what makes it teach: "Play one step" (the
 * stages in dependency order, each lit with its equation and numbers), the guided walk (the same
 * stages with Next and Back), and the gate table as the drawing's text alternative. Every chapter
 * that shows a cell embeds this, so they all draw, animate and describe it the same way.
 *
 * A link to `#<id>-walk` opens the walk, so chapter prose can point readers straight into it.
 */
import { type KeyboardEvent, memo, useEffect, useMemo, useState } from 'react';
import { useT } from '../../book/i18n';
import type { CellKind, TraceStep } from '../../engine/cellTrace';
import { type CellVectors } from '../../viz/cell/CellDiagram';
import { AnyCellDiagram } from '../../viz/cell/diagrams';
import { num } from '../../viz/format';
import { GateTable } from '../../viz/GateTable';
import { type LiveValue, mapLive } from '../../viz/liveValue';
import { Tex } from '../../viz/Tex';
import { gatesOf } from '../explorer/gateInfo';
import { Button } from '../shell';
import { cellNamer } from './cellNames';
import { DIAGRAM_KIND, cellVectors } from './cellVectors';
import './liveCell.css';
import { WALKS, futureAt, symbolOf, walkVariant } from './cellWalks';

export interface LiveCellProps {
  /** DOM id base: the table is `<id>-table`, the walk `<id>-walk`. Unique on the page. */
  id: string;
  kind: CellKind;
  resetAfter?: boolean;
  units: number;
  inputDim: number;
  step: TraceStep | undefined;
  /** The step the drawing paints, when it changes faster than `step` (a weight drag): see CellDiagram's liveVectors. */
  liveStep?: LiveValue<TraceStep | undefined>;
  /** 0-based step index and its token, for captions. */
  time: number;
  token: string;
  /** Name of the cell as captions print it ("LSTM", "GRU (reset_after)"). */
  cellName: string;
  /** The fused bias row and its editor; without onBiasChange the blocks are not draggable. */
  bias?: ArrayLike<number>;
  onBiasChange?: (index: number, value: number, event?: Event) => void;
  onBiasCommit?: () => void;
  /** A bias drag began (a caller may hold back saving until onBiasCommit). */
  onBiasDragStart?: () => void;
  /** Id of a table elsewhere that describes the drawing; LiveCell then draws none of its own. */
  tableId?: string;
  /** Show "Play one step" and the guided walk (off where space is short, e.g. compare mode). */
  controls?: boolean;
  /** Draw backwards: `vectors` are then gradients under the same keys. */
  gradient?: CellVectors;
  /** Rows of the gate table, when not the forward step's own (gradient mode). */
  tableRows?: { header: string; values: readonly number[] }[];
  /** Column headers of the gate table (default 0, 1, …: the units, or x's dimensions). */
  tableColumns?: readonly string[];
  /** Quantities left out of the gate table (e.g. x, when the columns name units x's components are not). */
  tableWithout?: readonly string[];
  /** A unit to point out on the drawing (framed in every block). */
  markedUnit?: number;
  className?: string;
}

const STAGE_MS = 900;

function LiveCellImpl(props: LiveCellProps) {
  const { id, kind, resetAfter = false, units, inputDim, step, liveStep, time, token, cellName, bias, onBiasChange, onBiasCommit, onBiasDragStart, tableId: externalTable, controls = true, gradient, tableRows, tableColumns, tableWithout, markedUnit, className } = props;
  const t = useT();
  const diagramKind = DIAGRAM_KIND[kind];
  const variant = walkVariant(diagramKind, resetAfter);
  const stages = WALKS[variant];
  const [stage, setStage] = useState<number | null>(null);
  const [walking, setWalking] = useState(false);
  const [playing, setPlaying] = useState(false);

  // A link to #<id>-walk opens the walk at its first stage, on load or when followed in the page.
  // The page cannot scroll to the walk on load (the widget mounts after the chapter body), so the
  // walk brings itself into view.
  useEffect(() => {
    if (!controls) return;
    let frame = 0;
    const open = () => {
      if (window.location.hash !== `#${id}-walk`) return;
      setPlaying(false);
      setWalking(true);
      setStage(0);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => document.getElementById(`${id}-walk`)?.scrollIntoView({ block: 'center' }));
    };
    open();
    window.addEventListener('hashchange', open);
    return () => {
      window.removeEventListener('hashchange', open);
      cancelAnimationFrame(frame);
    };
  }, [id, controls]);

  useEffect(() => {
    if (!playing) return;
    const timer = setTimeout(() => {
      if (stage === null || stage >= stages.length - 1) {
        setPlaying(false);
        setStage(walking ? stages.length - 1 : null);
      } else setStage(stage + 1);
    }, STAGE_MS);
    return () => clearTimeout(timer);
  }, [playing, stage, stages.length, walking]);

  // A different cell has different stages; start over rather than point past the end.
  useEffect(() => {
    setStage((s) => (s === null ? null : Math.min(s, stages.length - 1)));
  }, [stages.length]);

  const vectors = useMemo(() => gradient ?? (step ? cellVectors(kind, step) : {}), [gradient, step, kind]);
  const liveVectors = useMemo(() => (liveStep && !gradient ? mapLive(liveStep, (s): CellVectors => (s ? cellVectors(kind, s) : {})) : undefined), [liveStep, gradient, kind]);
  const nameOf = useMemo(() => cellNamer(diagramKind, resetAfter, t), [diagramKind, resetAfter, t]);
  const slotColors = useMemo(() => gatesOf(kind, t).map((g) => g.color), [kind, t]);
  const current = stage === null ? null : stages[stage];
  const highlight = useMemo(() => (current ? new Set(current.highlight) : null), [current]);
  const future = useMemo(() => (stage === null ? null : futureAt(stages, stage)), [stages, stage]);
  const words = useMemo(() => ({ bias: t('cell.readoutBias'), pre: t('cell.readoutPre') }), [t]);
  const gateNames = useMemo(() => gatesOf(kind, t).map((g) => g.name), [kind, t]);
  const biasLabel = useMemo(() => (slot: number, unit: number) => t('cell.biasLabel', { gate: gateNames[slot], unit }), [gateNames, t]);

  const table = useMemo(() => {
    // With a table elsewhere (the explorer's own) there is none to fill here.
    if (externalTable) return [];
    if (tableRows) return tableRows;
    const keys = [...new Set(stages.flatMap((s) => s.numbers))];
    return keys.filter((key) => vectors[key] && !tableWithout?.includes(key)).map((key) => ({ header: symbolOf(variant, key), values: Array.from(vectors[key]!) }));
  }, [externalTable, tableRows, tableWithout, stages, vectors, variant]);

  const tableId = externalTable ?? `${id}-table`;
  const label = gradient
    ? t('cell.diagramLabelBackward', { cell: cellName, step: time + 1, token })
    : t('cell.diagramLabel', { cell: cellName, step: time + 1, token });

  const playStep = () => {
    if (playing) {
      setPlaying(false);
      setStage(walking ? stage : null);
      return;
    }
    setStage(0);
    setPlaying(true);
  };
  const move = (delta: number) => {
    setPlaying(false);
    setStage((s) => Math.max(0, Math.min(stages.length - 1, (s ?? 0) + delta)));
  };
  const onWalkKey = (event: KeyboardEvent<HTMLElement>) => {
    const delta = ({ ArrowLeft: -1, ArrowRight: 1, '[': -1, ']': 1 } as Record<string, number>)[event.key];
    if (!delta) return;
    // Inside the walk these keys move through stages, not through the sentence.
    event.preventDefault();
    event.stopPropagation();
    move(delta);
  };

  return (
    <figure className={`live-cell${className ? ` ${className}` : ''}`} id={id} data-stage={current?.id ?? 'all'}>
      <AnyCellDiagram
        kind={diagramKind}
        resetAfter={resetAfter}
        units={units}
        inputDim={inputDim}
        vectors={vectors}
        liveVectors={liveVectors}
        label={label}
        describedBy={tableId}
        nameOf={nameOf}
        slotColors={slotColors}
        highlight={highlight}
        future={future}
        mode={gradient ? 'gradient' : 'forward'}
        bias={bias}
        onBiasChange={onBiasChange}
        onBiasCommit={onBiasCommit}
        onBiasDragStart={onBiasDragStart}
        biasLabel={biasLabel}
        words={words}
        markedUnit={markedUnit}
      />
      {controls && !gradient && (
        <div className="live-cell-controls">
          <Button onClick={playStep} aria-pressed={playing}>
            {playing ? t('cell.stopStep') : t('cell.playStep')}
          </Button>
          <Button
            id={`${id}-walk`}
            onClick={() => {
              setPlaying(false);
              setWalking(!walking);
              setStage(walking ? null : 0);
            }}
            aria-expanded={walking}
            aria-controls={`${id}-walk-panel`}
          >
            {walking ? t('cell.walkClose') : t('cell.walk')}
          </Button>
        </div>
      )}
      {current && (
        <section className="live-cell-stage" id={`${id}-walk-panel`} aria-label={t('cell.walk')} onKeyDown={onWalkKey} data-walk={walking ? 'open' : 'play'}>
          <p className="live-cell-stage-count" aria-live="polite">
            {t('cell.walkStage', { stage: (stage ?? 0) + 1, stages: stages.length })}
            {walking ? ` — ${t(current.text)}` : ''}
          </p>
          <Tex tex={current.equation} display className="live-cell-equation" focusable />
          <dl className="live-cell-numbers" aria-label={t('cell.stageNumbers')}>
            {current.numbers
              .filter((key) => vectors[key])
              .map((key) => (
                <div key={key}>
                  <dt>{symbolOf(variant, key)}</dt>
                  <dd>[{Array.from(vectors[key]!, (v) => num(v, 4)).join(', ')}]</dd>
                </div>
              ))}
          </dl>
          {walking && (
            <div className="live-cell-walk-nav">
              <Button onClick={() => move(-1)} disabled={stage === 0}>
                {t('cell.walkBack')}
              </Button>
              <Button onClick={() => move(1)} disabled={stage === stages.length - 1}>
                {t('cell.walkNext')}
              </Button>
              <span className="live-cell-keys">{t('cell.walkKeys')}</span>
            </div>
          )}
        </section>
      )}
      <figcaption className="live-cell-hint">{t('cell.hint')}</figcaption>
      {!externalTable && (
        <div className="live-cell-table" tabIndex={0}>
          <GateTable
            id={tableId}
            caption={t('cell.tableCaption', { cell: cellName, step: time + 1, token })}
            corner={t('cell.tableQuantity')}
            columns={tableColumns ?? Array.from({ length: Math.max(units, inputDim) }, (_, k) => String(k))}
            rows={table}
          />
        </div>
      )}
    </figure>
  );
}

export const LiveCell = memo(LiveCellImpl);
