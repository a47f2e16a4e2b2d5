/**
 * Recipe 15 end to end: the vocabulary h, e, l, o, the four training pairs of "hello", their
 * one-hot inputs, a tiny SimpleRNN trained in the model worker, and at each time step the
 * engine's logits turned into softmax bars, checked against tfjs' own predict.
 */
import { useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { maxAbsDiff } from '../../engine/matrix';
import { HELLO_SPEC, HELLO_VOCAB, HELLO_WORD, HelloStore, helloData } from '../../state/helloLmStore';
import { num, sci } from '../../viz/format';
import { LineChart } from '../../viz/LineChart';
import { ProbabilityBars } from '../../viz/ProbabilityBars';
import { Button, Controls, NumberField, Slider, Stat, WidgetShell } from '../shell';
import { ModelExport } from '../shared/ModelExport';
import { helloForward } from './helloForward';

const PAIRS = [...HELLO_WORD.slice(0, -1)].map((c, t) => ({ input: c, target: HELLO_WORD[t + 1], context: HELLO_WORD.slice(0, t + 1) }));

export default function HelloLm() {
  const t = useT();
  const te = useErrorText();
  const phase = HelloStore.useStore((s) => s.phase);
  const error = HelloStore.useStore((s) => s.error);
  const weights = HelloStore.useStore((s) => s.weights);
  const history = HelloStore.useStore((s) => s.history);
  const predicted = HelloStore.useStore((s) => s.predicted);
  const epochs = HelloStore.useStore((s) => s.epochs);
  const train = HelloStore.useStore((s) => s.train);
  const reset = HelloStore.useStore((s) => s.reset);
  const api = HelloStore.useStoreApi();
  const forPython = HelloStore.useStore((s) => s.forPython);
  const [step, setStep] = useState(0);

  const steps = weights ? helloForward(weights, HELLO_WORD.slice(0, -1)) : null;
  const engineProbs = steps ? Float32Array.from(steps.flatMap((s) => Array.from(s.probs))) : null;
  const delta = engineProbs && predicted && predicted.length === engineProbs.length ? maxAbsDiff(engineProbs, predicted) : null;
  const current = steps?.[step];
  const pair = PAIRS[step];
  const V = HELLO_VOCAB.chars;

  return (
    <WidgetShell title={t('charLm.hello.title')} widget="HelloLm" onReset={reset} ready={weights !== null || phase === 'error'}>
      <div className="char-columns">
        <div>
          <p className="caption">{t('charLm.vocab')}</p>
          <table className="char-table">
            <thead>
              <tr>
                <th>{t('charLm.char')}</th>
                <th>{t('charLm.id')}</th>
                <th>{t('charLm.oneHot')}</th>
              </tr>
            </thead>
            <tbody>
              {V.map((c, i) => (
                <tr key={c}>
                  <td>{c}</td>
                  <td>{i}</td>
                  <td>
                    <code>[{V.map((_, j) => (i === j ? 1 : 0)).join(', ')}]</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <p className="caption">{t('charLm.hello.pairs')}</p>
          <table className="char-table" data-testid="hello-pairs">
            <thead>
              <tr>
                <th>t</th>
                <th>{t('charLm.context')}</th>
                <th>{t('charLm.input')}</th>
                <th>{t('charLm.target')}</th>
              </tr>
            </thead>
            <tbody>
              {PAIRS.map((p, i) => (
                <tr key={i} className={i === step ? 'char-row-current' : undefined}>
                  <td>{i}</td>
                  <td>{p.context}</td>
                  <td>{p.input}</td>
                  <td>{p.target}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <Controls>
        <NumberField label={t('toy.train.epochs')} value={epochs} min={1} max={2000} step={50} onChange={(v) => api.setState({ epochs: Math.round(v) })} />
        <Button className="primary" onClick={() => void train()} disabled={phase !== 'ready'}>
          {phase === 'training' ? t('charLm.hello.training') : t('charLm.hello.train', { epochs })}
        </Button>
      </Controls>
      {error && (
        <p role="alert" className="widget-problem">
          {t('charLm.problem', { message: te(error) })}
        </p>
      )}
      <div className="stats">
        <Stat label={t('charLm.hello.epochs')} value={<span data-testid="hello-epochs">{history.length}</span>} />
        <Stat label={t('charLm.hello.loss')} value={<span data-testid="hello-loss">{history.at(-1) ? num(history.at(-1)!.loss, 4) : '—'}</span>} />
        <Stat label={t('charLm.hello.delta')} value={<span data-testid="hello-delta">{delta === null ? '—' : sci(delta)}</span>} />
      </div>
      {history.length === 0 && <p className="caption">{t('charLm.hello.untrained')}</p>}
      {history.length > 0 && (
        <LineChart height={160} xLabel={t('toy.train.epoch')} yLabel={t('charLm.hello.loss')} series={[{ id: 'loss', label: t('charLm.hello.loss'), color: 'var(--accent)', points: history.map((h) => ({ x: h.epoch, y: h.loss })) }]} />
      )}
      <Slider label={t('charLm.hello.stepLabel')} value={step} min={0} max={PAIRS.length - 1} onChange={setStep} format={(v) => `t = ${v}`} />
      <p data-testid="hello-step">
        {t('charLm.hello.step', { t: step, char: pair.input })} → {t('charLm.target')} <strong>{pair.target}</strong>
      </p>
      {current && (
        <>
          <p className="caption">{t('charLm.hello.engine')}</p>
          <p>
            <code>x = [{Array.from(current.x).join(', ')}]</code>
          </p>
          <ProbabilityBars labels={V} values={current.probs} extra={current.logits} extraLabel={t('charLm.logits')} highlight={HELLO_VOCAB.index.get(pair.target)} label={t('charLm.probBars')} />
        </>
      )}
      <ModelExport
        spec={HELLO_SPEC}
        summary={t('notebook.hello.summary')}
        name="unrolled-hello"
        prepare={
          phase === 'ready'
            ? async () => {
                const { weights, example } = await forPython();
                const data = helloData();
                return {
                  spec: HELLO_SPEC,
                  weights,
                  backend: null,
                  trained: history.length > 0 ? `${t('notebook.fact.epochs', { epochs: history.length })}, Adam 0.05` : null,
                  example: { ...example, description: t('notebook.hello.example') },
                  sampling: { vocabulary: V, prime: 'h', length: 4, topN: null, temperature: 1, seed: 0 },
                  training: {
                    optimizer: 'adam',
                    learningRate: 0.05,
                    loss: 'categorical_crossentropy',
                    data: { x: { values: data.x, shape: data.xShape }, y: { values: data.y, shape: data.yShape }, epochs: 100, batchSize: 1 },
                  },
                };
              }
            : null
        }
      />
    </WidgetShell>
  );
}
