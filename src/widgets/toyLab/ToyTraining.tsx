/**
 * Train the toy model in its worker: progress, a live loss curve, and a cancel that stops after
 * the current epoch. Training continues from the current weights, as a second fit() would.
 */
import { useErrorText, useT } from '../../book/i18n';
import { LineChart } from '../../viz/LineChart';
import { num } from '../../viz/format';
import { Button, Controls, NumberField, ProgressBar, Stat, WidgetShell } from '../shell';
import { ModelExport } from '../shared/ModelExport';
import { useToyExport } from './useToyExport';
import { useToyLab } from './useToyLab';

export default function ToyTraining() {
  const t = useT();
  const te = useErrorText();
  const epochs = useToyLab((s) => s.epochs);
  const learningRate = useToyLab((s) => s.learningRate);
  const history = useToyLab((s) => s.history);
  const phase = useToyLab((s) => s.phase);
  const error = useToyLab((s) => s.error);
  const backend = useToyLab((s) => s.backend);
  const setTraining = useToyLab((s) => s.setTraining);
  const train = useToyLab((s) => s.train);
  const stop = useToyLab((s) => s.stop);
  const build = useToyLab((s) => s.build);

  const run = useToyLab((s) => s.run);
  const exported = useToyExport();
  const training = phase === 'training';
  const last = history.at(-1);

  return (
    <WidgetShell title={t('toy.train.title')} widget="ToyTraining">
      <Controls>
        <NumberField label={t('toy.train.epochs')} value={epochs} min={1} max={5000} step={50} onChange={(v) => setTraining({ epochs: Math.round(v) })} disabled={training} />
        <NumberField label={t('toy.train.lr')} value={learningRate} min={0.00001} max={1} step={0.001} onChange={(v) => setTraining({ learningRate: v })} disabled={training} />
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
      {run && (
        <ProgressBar
          label={t('toy.train.progress')}
          value={history.length - run.from}
          max={run.epochs}
          text={t('toy.train.epochOf', { epoch: history.length - run.from, epochs: run.epochs })}
        />
      )}
      {error && <p role="alert" className="widget-problem">{te(error)}</p>}
      <div className="stats">
        <Stat label={t('toy.train.epochsDone')} value={<span data-testid="epochs-done">{history.length}</span>} />
        <Stat label={t('toy.train.loss')} value={<span data-testid="last-loss">{last ? num(last.loss, 5) : '—'}</span>} />
        <Stat label={t('toy.train.firstLoss')} value={<span data-testid="first-loss">{history[0] ? num(history[0].loss, 5) : '—'}</span>} />
        <Stat label={t('toy.backend')} value={backend ?? '—'} />
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
