/**
 * Recipe 1: the reader picks a shape of recurrence and a length, and sees the network unrolled,
 * an example task, and the Keras model with that shape, whose output shapes come from our
 * describeModel. A pulse walks through the steps to show the order in which they run.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { type StringKey, useT } from '../../book/i18n';
import { formatCount, shapeToString } from '../../engine/paramCount';
import { usePrefersReducedMotion } from '../../viz/motion';
import { ShapeDiagram } from '../../viz/ShapeDiagram';
import { Button, Controls, Slider, Stat, Toggle, WidgetShell } from '../shell';
import { MAX_LENGTH, MIN_LENGTH, SHAPE_NAMES, type ShapeName } from '../../engine/recurrenceShapes';
import { kerasLinesOf, stepsOf } from './shapeCatalog';
import { ShapesStore } from '../../state/shapesStore';

const PULSE_MS = 700;

function ShapeRadios({ value, onChange }: { value: ShapeName; onChange: (shape: ShapeName) => void }) {
  const t = useT();
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend>{t('shapes.shape')}</legend>
      {SHAPE_NAMES.map((shape) => (
        <label key={shape} className={shape === value ? 'is-checked' : undefined}>
          <input type="radio" name={name} value={shape} checked={shape === value} onChange={() => onChange(shape)} />
          <span>{t(`shapes.${shape}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** The pulse position: advances on a timer unless the reader paused it or asked for less motion. */
function usePulse(steps: number, running: boolean): [number, () => void] {
  const [at, setAt] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setAt((i) => i + 1), PULSE_MS);
    return () => window.clearInterval(timer);
  }, [running]);
  return [at % steps, () => setAt((i) => (i % steps) + 1)];
}

function RecurrenceShapesView() {
  const t = useT();
  const shape = ShapesStore.useStore((s) => s.shape);
  const length = ShapesStore.useStore((s) => s.length);
  const animate = ShapesStore.useStore((s) => s.animate);
  const set = ShapesStore.useStore((s) => s.set);
  const reset = ShapesStore.useStore((s) => s.reset);
  const reducedMotion = usePrefersReducedMotion();

  const steps = useMemo(() => stepsOf(shape, length), [shape, length]);
  const lines = useMemo(() => kerasLinesOf(shape, length), [shape, length]);
  const [active, next] = usePulse(steps.length, animate && !reducedMotion);

  const recurrent = lines.filter((l) => l.recurrent);
  const modelOutput = lines[lines.length - 1].outputShape;
  const hasRepeat = steps.some((s) => s.input === 'repeat');
  const label = t('shapes.diagramLabel', {
    shape: t(`shapes.${shape}`),
    steps: steps.length,
    inputs: steps.filter((s) => s.input !== 'none').length,
    cells: steps.length,
    outputs: steps.filter((s) => s.output).length,
  });

  return (
    <WidgetShell link={ShapesStore.useLink()} title={t('shapes.title')} widget="RecurrenceShapes" onReset={reset}>
      <div className="shapes-widget">
        <ShapeRadios value={shape} onChange={(next) => set({ shape: next })} />
        <Controls>
          <Slider
            label={t('shapes.length')}
            value={length}
            min={MIN_LENGTH}
            max={MAX_LENGTH}
            disabled={shape === 'oneToOne'}
            onChange={(v) => set({ length: Math.round(v) })}
          />
          {!reducedMotion && <Toggle label={t('shapes.animate')} checked={animate} onChange={(on) => set({ animate: on })} />}
          {(reducedMotion || !animate) && <Button onClick={next}>{t('shapes.step')}</Button>}
        </Controls>
        {shape === 'oneToOne' && <p className="shapes-note">{t('shapes.lengthFixed')}</p>}
        {reducedMotion && <p className="shapes-note">{t('shapes.reducedMotion')}</p>}

        <ShapeDiagram
          steps={steps}
          active={active}
          label={label}
          rowLabels={{ output: t('shapes.rowOutput'), hidden: t('shapes.rowHidden'), input: t('shapes.rowInput') }}
          roleLabels={{ encoder: t('shapes.encoder'), decoder: t('shapes.decoder') }}
        />
        {hasRepeat && <p className="shapes-note">{t('shapes.repeatNote')}</p>}

        <p className="shapes-task" data-testid="shape-task">
          <strong>{t('shapes.example')}:</strong> {t(`shapes.task.${shape}` as StringKey)}
        </p>

        <div className="stats">
          <Stat
            label={t('shapes.returnSequences')}
            value={<code data-testid="return-sequences">{recurrent.length ? recurrent.map((l) => (l.returnSequences ? 'True' : 'False')).join(' → ') : '—'}</code>}
          />
          <Stat
            label={t('shapes.recurrentOutput')}
            value={<code data-testid="recurrent-output">{recurrent.length ? recurrent.map((l) => shapeToString(l.outputShape)).join(' → ') : t('shapes.none')}</code>}
          />
          <Stat label={t('shapes.modelOutput')} value={<code data-testid="model-output">{shapeToString(modelOutput)}</code>} />
        </div>

        <p className="caption">{t('shapes.keras')}</p>
        <div className="scroll-box" tabIndex={0}>
          <table className="shapes-keras">
            <thead>
              <tr>
                <th scope="col">{t('shapes.layer')}</th>
                <th scope="col">{t('shapes.outputShape')}</th>
                <th scope="col">{t('shapes.params')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, i) => (
                <tr key={i} className={line.recurrent ? 'is-recurrent' : undefined}>
                  <td>
                    <code>{line.code}</code>
                  </td>
                  <td>
                    <code>{shapeToString(line.outputShape)}</code>
                  </td>
                  <td>{line.params === 0 ? formatCount(0) : line.formula}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </WidgetShell>
  );
}

export default function RecurrenceShapes() {
  return (
    <ShapesStore.Linked param="recurrence-shapes">
      <RecurrenceShapesView />
    </ShapesStore.Linked>
  );
}
