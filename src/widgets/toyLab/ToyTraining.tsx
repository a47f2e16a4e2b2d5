/**
 * Train the toy model in its worker, in the book's one training loop: the engine it runs on and
 * why, progress, a live loss curve, and a cancel that stops at the next step. Training continues
 * from the current weights (and Adam's state), as a second fit() would; a run whose loss goes
 * bad stops with the way back to the last good weights.
 */
import { useErrorText, useT } from '../../book/i18n';
import { TOY_EPOCHS_MAX, TOY_LEARNING_RATE_RANGE } from '../../state/toyLabStore';
import { LineChart } from '../../viz/LineChart';
import { num } from '../../viz/format';
import { Button, Controls, NumberField, ProgressBar, Stat, WidgetShell } from '../shell';
import { ModelExport } from '../shared/ModelExport';
import { TrainingEngine } from '../shared/TrainingEngine';
import { useToyExport } from './useToyExport';
import { useToyLab, useToyLink } from './useToyLab';

export default function ToyTraining() {
  const t = useT();
  const te = useErrorText();
  const epochs = useToyLab((s) => s.epochs);
  const learningRate = useToyLab((s) => s.learningRate);
  const history = useToyLab((s) => s.history);
  const phase = useToyLab((s) => s.phase);
  const error = useToyLab((s) => s.error);
  const crashed = useToyLab((s) => s.crashed);
  const backend = useToyLab((s) => s.backend);
  const engine = useToyLab((s) => s.engine);
  const enginePreference = useToyLab((s) => s.enginePreference);
  const failure = useToyLab((s) => s.failure);
  const run = useToyLab((s) => s.run);
  const progress = useToyLab((s) => s.progress);
  const { setTraining, setEngine, train, stop, build, restoreLastGood, restartWorker } = useToyLab((s) => s);
  const link = useToyLink('training');
  const exported = useToyExport();
  const training = phase === 'training';
  const last = history.at(-1);
  const done = run ? history.length - run.from : 0;

  return (
    <WidgetShell title={t('toy.train.title')} widget="ToyTraining" link={{ ...link, weights: true }}>
      <Controls>
        <NumberField label={t('toy.train.epochs')} value={epochs} min={1} max={TOY_EPOCHS_MAX} step={50} onChange={(v) => setTraining({ epochs: Math.round(v) })} disabled={training} />
        <NumberField
          label={t('toy.train.lr')}
          value={learningRate}
          min={TOY_LEARNING_RATE_RANGE[0]}
          max={TOY_LEARNING_RATE_RANGE[1]}
          step={0.001}
          onChange={(v) => setTraining({ learningRate: v })}
          disabled={training}
        />
        {training ? (
          <Button onClick={stop}>{t('toy.train.cancel')}</Button>
        ) : (
          <Button onClick={() => void train()} disabled={phase === 'building'} className="primary">
            {t('toy.train.start', { epochs })}
          </Button>
        )}
        <Button onClick={() => void build({ fresh: true })} disabled={training || phase === 'building'}>
          {t('toy.train.reinit')}
        </Button>
      </Controls>
      <TrainingEngine
        report={engine}
        preference={enginePreference}
        onPreference={(p) => void setEngine(p)}
        disabled={training}
        failure={failure}
        onGoBack={() => void restoreLastGood()}
        crashed={crashed}
        onRestart={() => void restartWorker()}
      />
      {run && <ProgressBar label={t('toy.train.progress')} value={done} max={run.epochs} text={t('toy.train.epochOf', { epoch: done, epochs: run.epochs })} />}
      {error && (
        <p role="alert" className="widget-problem">
          {te(error)}
        </p>
      )}
      <div className="stats">
        <Stat label={t('toy.train.epochsDone')} value={<span data-testid="epochs-done">{history.length}</span>} />
        <Stat label={t('toy.train.loss')} value={<span data-testid="last-loss">{last ? num(last.loss, 5) : '—'}</span>} />
        <Stat label={t('toy.train.firstLoss')} value={<span data-testid="first-loss">{history[0] ? num(history[0].loss, 5) : '—'}</span>} />
        <Stat label={t('toy.backend')} value={backend ?? '—'} />
        {progress && <Stat label={t('toy.train.speed')} value={t('toy.train.perSecond', { n: num(progress.itemsPerSecond, 3) })} />}
      </div>
      <LineChart
        xLabel={t('toy.train.epoch')}
        yLabel={t('toy.train.loss')}
        series={[{ id: 'loss', label: t('toy.train.loss'), color: 'var(--accent)', points: history.map((h) => ({ x: h.epoch, y: h.loss })) }]}
      />
      <ModelExport {...exported} />
    </WidgetShell>
  );
}
