/**
 * The trained character model's first LSTM layer at the character picked in the unit heatmap,
 * drawn as the book's cell diagram (the LiveCell of chapters 6–13, walk included). The numbers are
 * the worker's (src/tf/charLmInference.ts' firstLayerStep: the engine's cell from the states the
 * kernel reached); this view only chooses which of them to draw.
 *
 * A layer of 128 or more units does not fit one drawing, so it shows SHOWN units: the heatmap's
 * unit and its neighbours, the heatmap's unit framed in every block; picking another of them
 * shows it in the heatmap. xₜ is a one-hot row of the vocabulary (the drawing keeps its single 1)
 * or an embedding (the drawing keeps its largest components).
 */
import { useMemo } from 'react';
import { useT } from '../../book/i18n';
import type { CharCellStep } from '../../tf/charLmCalls';
import { visibleChar } from '../../viz/visibleChar';
import { pickFromStep } from '../cell/cellVectors';
import { LiveCell } from '../cell/LiveCell';
import { Button } from '../shell';

/** Units on the drawing: as many as the explorer's largest cell. */
const SHOWN = 8;

/** The selected unit and its neighbours: SHOWN consecutive units around it, inside the layer. */
function unitWindow(selected: number, units: number, count = SHOWN): number[] {
  const n = Math.min(count, units);
  const start = Math.max(0, Math.min(units - n, selected - Math.floor((n - 1) / 2)));
  return Array.from({ length: n }, (_, k) => start + k);
}

/** The components of x drawn: a one-hot row's 1; an embedding's SHOWN largest by |value|, in order. */
function inputWindow(cell: Pick<CharCellStep, 'input' | 'id' | 'step'>, count = SHOWN): number[] {
  if (cell.input === 'one-hot') return [cell.id];
  const x = cell.step.x;
  return Array.from(x.keys())
    .sort((a, b) => Math.abs(x[b]) - Math.abs(x[a]) || a - b)
    .slice(0, count)
    .sort((a, b) => a - b);
}

/** The gate table's columns are units; xₜ's components are not (the caption names them). */
const NOT_UNITS = ['x'];

export interface CharLmCellProps {
  cell: CharCellStep;
  /** The heatmap's unit. */
  unit: number;
  onUnit: (unit: number) => void;
}

export function CharLmCell({ cell, unit, onUnit }: CharLmCellProps) {
  const t = useT();
  const selected = Math.min(unit, cell.units - 1);
  const units = useMemo(() => unitWindow(selected, cell.units), [selected, cell.units]);
  const inputs = useMemo(() => inputWindow(cell), [cell]);
  const step = useMemo(() => pickFromStep(cell.step, units, inputs), [cell, units, inputs]);
  const char = visibleChar(cell.char);
  const name = t('charLm.cell.name');
  return (
    <div className="char-lm-cell" data-testid="char-lm-cell" data-at={cell.at}>
      <h4 className="char-step">{t('charLm.cell.title', { char, at: cell.at + 1 })}</h4>
      <p className="caption">
        {t('charLm.cell.units', { from: units[0], to: units[units.length - 1], units: cell.units, unit: selected })}{' '}
        {cell.input === 'one-hot'
          ? t('charLm.cell.xOneHot', { char, id: cell.id, size: cell.step.x.length })
          : t('charLm.cell.xEmbedding', { char, shown: inputs.length, size: cell.step.x.length, components: inputs.join(', ') })}
      </p>
      <div className="char-lm-cell-units" role="group" aria-label={t('charLm.cell.unitGroup')}>
        {units.map((u) => (
          <Button key={u} onClick={() => onUnit(u)} aria-pressed={u === selected}>
            {t('charLm.cell.unitButton', { unit: u })}
          </Button>
        ))}
      </div>
      <LiveCell
        id="char-lm-cell"
        kind="lstm"
        units={units.length}
        inputDim={inputs.length}
        step={step}
        time={cell.at}
        token={char}
        cellName={name}
        markedUnit={units.indexOf(selected)}
        tableColumns={units.map(String)}
        tableWithout={NOT_UNITS}
      />
    </div>
  );
}
