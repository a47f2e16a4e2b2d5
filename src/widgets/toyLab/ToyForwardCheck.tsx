/**
 * "Validate the output": recompute model.predict by hand from the model's own weights, one step
 * at a time, and show how far the hand computation is from tfjs. The hand computation is the
 * engine's, so every number on screen comes out of the book's from-scratch code.
 */
import { useMemo } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { maxAbsDiff } from '../../engine/matrix';
import { sci, vec } from '../../viz/format';
import { LiveCell } from '../cell/LiveCell';
import { cellName } from '../explorer/gateInfo';
import { Select, Slider, Stat, WidgetShell } from '../shell';
import { ToyCheckStore, toyCheckParam } from '../../state/toyCheckStore';
import { toyModelKey } from '../../state/toyLabStore';
import { handForward } from './handForward';
import { toyTrace } from './toyTrace';
import { useToyCorpus, useToyLab } from './useToyLab';

/** float32 rounding in tfjs vs the engine leaves ~1e-7; 1e-6 is the book's bar for "equal". */
export const FORWARD_TOLERANCE = 1e-6;

export default function ToyForwardCheck() {
  const cell = useToyLab((s) => s.cell);
  return (
    <ToyCheckStore.Linked param={toyCheckParam(cell)}>
      <Check />
    </ToyCheckStore.Linked>
  );
}

function Check() {
  const t = useT();
  const te = useErrorText();
  const corpus = useToyCorpus();
  const cell = useToyLab((s) => s.cell);
  const weights = useToyLab((s) => s.weights);
  const weightsFor = useToyLab((s) => s.weightsFor);
  const predictions = useToyLab((s) => s.predictions);
  const phase = useToyLab((s) => s.phase);
  const doc = ToyCheckStore.useStore((s) => s.doc);
  const step = ToyCheckStore.useStore((s) => s.step);
  const setCheck = ToyCheckStore.useStore((s) => s.set);
  const link = { ...ToyCheckStore.useLink()!, weights: true };

  const title = t('toy.check.title');
  if (corpus instanceof Error) {
    return (
      <WidgetShell title={title} widget="ToyForwardCheck" link={link}>
        <p role="alert">{te(corpus)}</p>
      </WidgetShell>
    );
  }
  // Right after the reader edits the data, the weights still belong to the old model until the rebuild lands.
  if (!weights || weightsFor !== toyModelKey(cell, corpus)) {
    return (
      <WidgetShell title={title} widget="ToyForwardCheck" link={link}>
        <p role="status">{phase === 'error' ? t('toy.check.noModel') : t('toy.building')}</p>
      </WidgetShell>
    );
  }
  const index = Math.min(doc, corpus.padded.length - 1);
  const ids = corpus.padded[index];
  const hand = handForward(cell, weights, ids);
  // The same weights and inputs drawn as the cell: the last step unless the reader picks another.
  const trace = toyTrace(cell, weights, ids);
  const shown = Math.min(step ?? ids.length - 1, ids.length - 1);
  const predicted = predictions?.[index];
  const delta = predicted ? maxAbsDiff(hand.output, predicted) : null;

  return (
    <WidgetShell title={title} widget="ToyForwardCheck" link={link}>
      <Select
        label={t('toy.check.doc')}
        value={String(index)}
        onChange={(v) => setCheck({ doc: Number(v) })}
        options={corpus.padded.map((p, i) => ({ value: String(i), label: `${i}: ${JSON.stringify(p)}` }))}
      />
      <p className="weights-line">
        {hand.weights.map((w) => (
          <code key={w}>{w}</code>
        ))}
      </p>
      <ol className="steps">
        {hand.lines.map((line, i) => (
          <li key={i}>
            <code>
              {line.symbolic} = {line.numeric}
            </code>
          </li>
        ))}
        <li>
          <code>
            model.predict = <strong data-testid="predict-output">{predicted ? vec(predicted) : '…'}</strong>
          </code>
        </li>
      </ol>
      <div className="toy-cell">
        <Slider
          label={t('cell.toy.step')}
          min={0}
          max={ids.length - 1}
          value={shown}
          onChange={(v) => setCheck({ step: v })}
          format={(v) => t('cell.toy.stepValue', { step: v, id: ids[v] ?? 0 })}
        />
        <ToyCell cell={cell} trace={trace} step={shown} id={ids[shown] ?? 0} />
      </div>
      <Stat
        label={t('toy.check.delta')}
        value={
          <span data-testid="max-delta" data-value={delta ?? ''} className={delta !== null && delta <= FORWARD_TOLERANCE ? 'ok' : 'bad'}>
            {delta === null ? '…' : `${sci(delta)} ${delta <= FORWARD_TOLERANCE ? '≤ 1e-6 ✓' : '> 1e-6 ✗'}`}
          </span>
        }
      />
    </WidgetShell>
  );
}

function ToyCell({ cell, trace, step, id }: { cell: 'simpleRNN' | 'lstm'; trace: ReturnType<typeof toyTrace>; step: number; id: number }) {
  const t = useT();
  const kind = cell === 'lstm' ? 'lstm' : 'rnn';
  const name = useMemo(() => cellName(kind, false, t), [kind, t]);
  return (
    <LiveCell
      id={`toy-${cell}-cell`}
      kind={kind}
      units={trace.units}
      inputDim={trace.inputDim}
      step={trace.steps[step]}
      time={step}
      token={String(id)}
      cellName={name}
    />
  );
}
