/**
 * "Validate the output": recompute model.predict by hand from the model's own weights, one step
 * at a time, and show how far the hand computation is from tfjs. The hand computation is the
 * engine's, so every number on screen comes out of the book's from-scratch code.
 */
import { useState } from 'react';
import { useT } from '../../book/i18n';
import { denseForward } from '../../engine/dense';
import { get, maxAbsDiff } from '../../engine/matrix';
import { simpleRnnForward } from '../../engine/simpleRnn';
import { denseWeightsOf, simpleRnnWeightsOf } from '../../tf/weights';
import { num, sci, vec } from '../../viz/format';
import { Select, Stat, WidgetShell } from '../shell';
import { useToyCorpus, useToyLab } from './useToyLab';

/** float32 rounding in tfjs vs the engine leaves ~1e-7; 1e-6 is the book's bar for "equal". */
export const FORWARD_TOLERANCE = 1e-6;

export default function ToyForwardCheck() {
  const t = useT();
  const corpus = useToyCorpus();
  const weights = useToyLab((s) => s.weights);
  const predictions = useToyLab((s) => s.predictions);
  const phase = useToyLab((s) => s.phase);
  const [doc, setDoc] = useState(0);

  const title = t('toy.check.title');
  if (corpus instanceof Error) return <WidgetShell title={title} widget="ToyForwardCheck"><p role="alert">{corpus.message}</p></WidgetShell>;
  if (!weights) {
    return (
      <WidgetShell title={title} widget="ToyForwardCheck">
        <p role="status">{phase === 'error' ? t('toy.check.noModel') : t('toy.building')}</p>
      </WidgetShell>
    );
  }
  const index = Math.min(doc, corpus.padded.length - 1);
  const ids = corpus.padded[index];
  const rnn = simpleRnnWeightsOf(weights, 'rnn');
  const dense = denseWeightsOf(weights, 'out');
  const W = get(rnn.kernel, 0, 0);
  const U = get(rnn.recurrentKernel, 0, 0);
  const b = rnn.bias[0];
  const steps = simpleRnnForward(ids.map((id) => [id]), rnn);
  const out = denseForward(steps[steps.length - 1].h, dense, 'softmax');
  const predicted = predictions?.[index];
  const delta = predicted ? maxAbsDiff(out.output, predicted) : null;

  return (
    <WidgetShell title={title} widget="ToyForwardCheck">
      <Select
        label={t('toy.check.doc')}
        value={String(index)}
        onChange={(v) => setDoc(Number(v))}
        options={corpus.padded.map((p, i) => ({ value: String(i), label: `${i}: ${JSON.stringify(p)}` }))}
      />
      <p className="weights-line">
        <code>W = {num(W)}</code> <code>U = {num(U)}</code> <code>b = {num(b)}</code>
      </p>
      <ol className="steps">
        {steps.map((s, i) => (
          <li key={i}>
            <code>
              h{i} = tanh(x{i}·W{i > 0 ? ` + h${i - 1}·U` : ''} + b) = tanh({num(s.x[0])}·{num(W)}
              {i > 0 ? ` + ${num(s.hPrev[0])}·${num(U)}` : ''} + {num(b)}) = tanh({num(s.preActivation[0])}) = <strong>{num(s.h[0])}</strong>
            </code>
          </li>
        ))}
        <li>
          <code>logits = h{steps.length - 1}·V + c = {vec(out.preActivation, 5)}</code>
        </li>
        <li>
          <code>
            softmax(logits) = <strong data-testid="hand-output">{vec(out.output)}</strong>
          </code>
        </li>
        <li>
          <code>
            model.predict = <strong data-testid="predict-output">{predicted ? vec(predicted) : '…'}</strong>
          </code>
        </li>
      </ol>
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
