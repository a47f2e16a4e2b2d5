/**
 * Every number the explorer computes with, editable: the three weight arrays of the chosen cell
 * (columns grouped by gate, in Keras' fused order) and the embedding table of the sentence's
 * tokens. Both are WeightGrids, so dragging and keyboard nudges work the same everywhere.
 */
import { useCallback, useMemo } from 'react';
import { useT } from '../../book/i18n';
import { type CellKind, type WeightPart, WEIGHT_PARTS, columnOwner, partShape } from '../../engine/cellTrace';
import { tokenVector } from '../../engine/tokenVectors';
import { useExplorer } from '../../state/explorerStore';
import { WeightGrid } from '../../viz/WeightGrid';
import { cellName, gatesOf, sub } from './gateInfo';
import { shapeOf } from '../../engine/explorerConfig';

interface EditorProps {
  /** A drag began (the link waits for its end). */
  onDragStart: () => void;
  /** A drag ended or a key nudged a value, so the link is written at once. */
  onCommit: () => void;
}

function PartGrid({ kind, part, onDragStart, onCommit }: EditorProps & { kind: CellKind; part: WeightPart }) {
  const t = useT();
  // During a drag the grid shows the weights from its start; the dragged cell shows its own value
  // (src/viz/WeightGrid.tsx), and the grid catches up when the drag ends.
  const values = useExplorer((s) => (s.held?.weights ?? s.config.weights)[kind][part]);
  const units = useExplorer((s) => s.config.units);
  const inputDim = useExplorer((s) => s.config.inputDim);
  const resetAfter = useExplorer((s) => s.config.resetAfter);
  const setWeight = useExplorer((s) => s.setWeight);
  const shape = useMemo(() => shapeOf({ units, inputDim, resetAfter }, kind), [units, inputDim, resetAfter, kind]);
  const [rows, cols] = partShape(shape, part);
  const gates = useMemo(() => gatesOf(kind, t), [kind, t]);
  const colLabels = useMemo(
    () => Array.from({ length: cols }, (_, c) => `${gates[Math.floor(c / units)].symbol}${sub(c % units)}`),
    [cols, gates, units],
  );
  const rowLabels = useMemo(() => {
    if (part === 'kernel') return Array.from({ length: rows }, (_, r) => `x${sub(r)}`);
    if (part === 'recurrentKernel') return Array.from({ length: rows }, (_, r) => `h${sub(r)}`);
    return rows === 2 ? [t('explorer.biasInput'), t('explorer.biasRecurrent')] : ['b'];
  }, [part, rows, t]);
  const partName = t(`explorer.part.${part}`);
  const cellLabel = useCallback(
    (row: number, col: number) => {
      const { unit } = columnOwner(shape, col);
      return t('explorer.cellLabel', { part: partName, row, col, gate: gates[Math.floor(col / shape.units)].name, unit });
    },
    [shape, partName, gates, t],
  );
  const colClass = useCallback((c: number) => `weight-gate-${Math.floor(c / units) % 4}${c % units === 0 ? ' weight-gate-start' : ''}`, [units]);
  const onChange = useCallback(
    (index: number, value: number) => setWeight(kind, part, index, value),
    [setWeight, kind, part],
  );
  return (
    <WeightGrid
      caption={t(`explorer.partCaption.${part}`)}
      rows={rows}
      cols={cols}
      values={values}
      rowLabels={rowLabels}
      colLabels={colLabels}
      cellLabel={cellLabel}
      colClass={colClass}
      onChange={onChange}
      onDragStart={onDragStart}
      onCommit={onCommit}
    />
  );
}

export function WeightEditor({ onDragStart, onCommit }: EditorProps) {
  const t = useT();
  const kind = useExplorer((s) => s.config.cell);
  const resetAfter = useExplorer((s) => s.config.resetAfter);
  return (
    <section className="explorer-weights" aria-label={t('explorer.weights', { cell: cellName(kind, resetAfter, t) })}>
      <h3 className="explorer-panel-title">{t('explorer.weights', { cell: cellName(kind, resetAfter, t) })}</h3>
      <div className="explorer-grids">
        {WEIGHT_PARTS.map((part) => (
          <div key={`${kind}-${part}`} className="explorer-scroll">
            <PartGrid kind={kind} part={part} onDragStart={onDragStart} onCommit={onCommit} />
          </div>
        ))}
      </div>
    </section>
  );
}

export function EmbeddingTable({ onDragStart, onCommit }: EditorProps) {
  const t = useT();
  const vocabulary = useExplorer((s) => s.vocabulary);
  const inputDim = useExplorer((s) => s.config.inputDim);
  const embeddings = useExplorer((s) => s.config.embeddings);
  const setEmbedding = useExplorer((s) => s.setEmbedding);
  const values = useMemo(() => Float32Array.from(vocabulary.flatMap((token) => tokenVector(token, inputDim, embeddings))), [vocabulary, inputDim, embeddings]);
  const colLabels = useMemo(() => Array.from({ length: inputDim }, (_, d) => `x${sub(d)}`), [inputDim]);
  const cellLabel = useCallback((row: number, col: number) => t('explorer.embeddingLabel', { token: vocabulary[row], dim: col }), [vocabulary, t]);
  const onChange = useCallback(
    (index: number, value: number) => setEmbedding(vocabulary[Math.floor(index / inputDim)], index % inputDim, value),
    [vocabulary, inputDim, setEmbedding],
  );
  if (vocabulary.length === 0) return null;
  return (
    <div className="explorer-scroll explorer-embedding">
      <WeightGrid
        caption={t('explorer.embedding')}
        rows={vocabulary.length}
        cols={inputDim}
        values={values}
        rowLabels={vocabulary}
        colLabels={colLabels}
        cellLabel={cellLabel}
        onChange={onChange}
        onDragStart={onDragStart}
        onCommit={onCommit}
      />
    </div>
  );
}
