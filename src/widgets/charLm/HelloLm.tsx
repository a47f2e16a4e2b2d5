/**
 * Recipe 15 end to end: the vocabulary of a five-character word (h, e, l, o for "hello"), its
 * four training pairs, their one-hot inputs, a tiny SimpleRNN trained in the model worker's one
 * training loop, and at each time step the engine's logits turned into softmax bars, checked
 * against tfjs' own predict.
 */
import { useMemo } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { maxAbsDiff } from '../../engine/matrix';
import { HELLO_LEARNING_RATE, HelloStore, helloData, helloSpec } from '../../state/helloLmStore';
import { HELLO_EPOCHS_MAX, HelloViewStore } from '../../state/helloSettings';
import { num, sci } from '../../viz/format';
import { LineChart } from '../../viz/LineChart';
import { ProbabilityBars } from '../../viz/ProbabilityBars';
import { Button, Controls, NumberField, Slider, Stat, WidgetShell } from '../shell';
import { ModelExport } from '../shared/ModelExport';
import { TrainingEngine } from '../shared/TrainingEngine';
import { helloForward } from './helloForward';

export default function HelloLm() {
  return (
    <HelloViewStore.Linked param="hello-lm">
      <Hello />
    </HelloViewStore.Linked>
  );
}

function Hello() {
  const t = useT();
  const te = useErrorText();
  const word = HelloStore.useStore((s) => s.word);
  const vocab = HelloStore.useStore((s) => s.vocab);
  const phase = HelloStore.useStore((s) => s.phase);
  const error = HelloStore.useStore((s) => s.error);
  const crashed = HelloStore.useStore((s) => s.crashed);
  const weights = HelloStore.useStore((s) => s.weights);
  const history = HelloStore.useStore((s) => s.history);
  const predicted = HelloStore.useStore((s) => s.predicted);
  const engine = HelloStore.useStore((s) => s.engine);
  const enginePreference = HelloStore.useStore((s) => s.enginePreference);
  const failure = HelloStore.useStore((s) => s.failure);
  const { train, reset, setEngine, restoreLastGood, restartWorker, forPython } = HelloStore.useStore((s) => s);
  const epochs = HelloViewStore.useStore((s) => s.epochs);
  const step = HelloViewStore.useStore((s) => s.step);
  const view = HelloViewStore.useStore((s) => s.set);
  const resetView = HelloViewStore.useStore((s) => s.reset);
  const link = HelloViewStore.useLink();

  const chars = [...word];
  const pairs = chars.slice(0, -1).map((c, i) => ({ input: c, target: chars[i + 1], context: chars.slice(0, i + 1).join('') }));
  const steps = weights ? helloForward(weights, vocab, chars.slice(0, -1).join('')) : null;
  const engineProbs = steps ? Float32Array.from(steps.flatMap((s) => Array.from(s.probs))) : null;
  const delta = engineProbs && predicted && predicted.length === engineProbs.length ? maxAbsDiff(engineProbs, predicted) : null;
  const current = steps?.[step];
  const pair = pairs[step];
  const V = vocab.chars;
  // One spec per word: the exported code below is memoised on it.
  const spec = useMemo(() => helloSpec(word), [word]);

  return (
    <WidgetShell
      title={t('charLm.hello.title', { word })}
      widget="HelloLm"
      onReset={() => (reset(), resetView())}
      ready={weights !== null || phase === 'error'}
      link={link && { ...link, weights: true }}
    >
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
              {pairs.map((p, i) => (
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
        <NumberField label={t('toy.train.epochs')} value={epochs} min={1} max={HELLO_EPOCHS_MAX} step={50} onChange={(v) => view({ epochs: Math.round(v) })} />
        <Button className="primary" onClick={() => void train(epochs)} disabled={phase !== 'ready'}>
          {phase === 'training' ? t('charLm.hello.training') : t('charLm.hello.train', { epochs })}
        </Button>
      </Controls>
      <TrainingEngine
        report={engine}
        preference={enginePreference}
        onPreference={(p) => void setEngine(p)}
        disabled={phase === 'training'}
        failure={failure}
        onGoBack={() => void restoreLastGood()}
        crashed={crashed}
        onRestart={() => void restartWorker()}
      />
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
      <Slider label={t('charLm.hello.stepLabel')} value={step} min={0} max={pairs.length - 1} onChange={(v) => view({ step: v })} format={(v) => `t = ${v}`} />
      <p data-testid="hello-step">
        {t('charLm.hello.step', { t: step, char: pair.input })} → {t('charLm.target')} <strong>{pair.target}</strong>
      </p>
      {current && (
        <>
          <p className="caption">{t('charLm.hello.engine')}</p>
          <p>
            <code>x = [{Array.from(current.x).join(', ')}]</code>
          </p>
          <ProbabilityBars labels={V} values={current.probs} extra={current.logits} extraLabel={t('charLm.logits')} highlight={vocab.index.get(pair.target)} label={t('charLm.probBars')} />
        </>
      )}
      <ModelExport
        spec={spec}
        summary={t('notebook.hello.summary', { word, chars: V.join(t('charLm.hello.listSeparator')) })}
        name="unrolled-hello"
        prepare={
          phase === 'ready'
            ? async () => {
                const { weights, example } = await forPython();
                const data = helloData(word);
                return {
                  spec,
                  weights,
                  backend: null,
                  trained: history.length > 0 ? `${t('notebook.fact.epochs', { epochs: history.length })}, Adam ${HELLO_LEARNING_RATE}` : null,
                  example: { ...example, description: t('notebook.hello.example', { input: chars.slice(0, -1).join(''), target: chars.slice(1).join('') }) },
                  sampling: { vocabulary: V, prime: chars[0], length: chars.length - 1, topN: null, temperature: 1, seed: 0 },
                  training: {
                    optimizer: 'adam',
                    learningRate: HELLO_LEARNING_RATE,
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
