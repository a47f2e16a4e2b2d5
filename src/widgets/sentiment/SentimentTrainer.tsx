/**
 * Train the browser-size classifier on the lab's dataset in the sentiment worker: settings,
 * progress with epoch, batch and ETA, live loss and accuracy curves for training and validation,
 * cancel, early stopping, and a plain explanation when the loss turns NaN or diverges. The
 * trained model is saved automatically and can be exported and imported (ModelFiles).
 */
import { type StringKey, useErrorText, useT } from '../../book/i18n';
import type { SentimentCell } from '../../engine/sentimentModels';
import type { StopReason } from '../../tf/trainLoop';
import { LineChart } from '../../viz/LineChart';
import { num } from '../../viz/format';
import { ModelExport } from '../shared/ModelExport';
import { ModelSummaryTable } from '../shared/ModelSummaryTable';
import { Button, Controls, NumberField, ProgressBar, Select, Stat, Toggle, WidgetShell } from '../shell';
import ModelFiles from './ModelFiles';
import { useSentiment } from './SentimentLab';
import { useSentimentExport } from './useSentimentExport';

const CELLS: { value: SentimentCell; label: string }[] = [
  { value: 'simpleRNN', label: 'SimpleRNN' },
  { value: 'lstm', label: 'LSTM' },
  { value: 'gru', label: 'GRU' },
];

/** Why training stopped, as the reader reads it. */
const STOP_MESSAGES: Record<StopReason, StringKey> = {
  done: 'sentiment.stop.done',
  cancelled: 'sentiment.stop.cancelled',
  earlyStopping: 'sentiment.stop.early',
  nan: 'sentiment.stop.nan',
  diverged: 'sentiment.stop.diverged',
  timeLimit: 'sentiment.stop.time',
};

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const duration = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** Settings a chapter can offer beyond the basic ones: stacking, dropout, bidirectional. */
export type TrainerExtra = 'layers' | 'dropout' | 'bidirectional';

export default function SentimentTrainer({ cells = ['simpleRNN', 'lstm', 'gru'], extras = [] }: { cells?: SentimentCell[]; extras?: TrainerExtra[] }) {
  const t = useT();
  const te = useErrorText();
  const settings = useSentiment((s) => s.settings);
  const setSettings = useSentiment((s) => s.setSettings);
  const dataset = useSentiment((s) => s.dataset);
  const phase = useSentiment((s) => s.phase);
  const error = useSentiment((s) => s.error);
  const backend = useSentiment((s) => s.backend);
  const progress = useSentiment((s) => s.progress);
  const live = useSentiment((s) => s.live);
  const history = useSentiment((s) => s.history);
  const stop = useSentiment((s) => s.stop);
  const model = useSentiment((s) => s.model);
  const train = useSentiment((s) => s.train);
  const cancel = useSentiment((s) => s.cancel);
  const exported = useSentimentExport();

  const busy = phase === 'training' || phase === 'building';
  const last = history.at(-1);
  const bestVal = history.reduce((b, h) => Math.max(b, h.valAccuracy ?? 0), 0);
  const field = (key: 'units' | 'embeddingDim' | 'epochs' | 'batchSize' | 'patience' | 'layers', min: number, max: number, step = 1) => (
    <NumberField label={t(`sentiment.train.${key}`)} value={settings[key]} min={min} max={max} step={step} onChange={(v) => setSettings({ [key]: Math.round(v) })} disabled={busy} />
  );
  const bad = stop && (stop.reason === 'nan' || stop.reason === 'diverged');

  return (
    <WidgetShell title={t('sentiment.train.title')} widget="SentimentTrainer" ready={phase !== 'loading' && phase !== 'building'}>
      <Controls>
        <Select label={t('sentiment.train.cell')} value={settings.cell} onChange={(cell) => setSettings({ cell })} options={CELLS.filter((c) => cells.includes(c.value))} disabled={busy} />
        {field('units', 2, 256)}
        {field('embeddingDim', 2, 128)}
        {field('epochs', 1, 200)}
        {field('batchSize', 4, 512, 8)}
        <NumberField label={t('sentiment.train.learningRate')} value={settings.learningRate} min={0.00001} max={1} step={0.001} onChange={(learningRate) => setSettings({ learningRate })} disabled={busy} />
        {field('patience', 0, 50)}
        {extras.includes('layers') && field('layers', 1, 3)}
        {extras.includes('dropout') && (
          <NumberField label={t('sentiment.train.dropout')} value={settings.dropout} min={0} max={0.9} step={0.1} onChange={(dropout) => setSettings({ dropout })} disabled={busy} />
        )}
        {extras.includes('bidirectional') && (
          <Toggle label={t('sentiment.train.bidirectional')} checked={settings.bidirectional} onChange={(bidirectional) => setSettings({ bidirectional })} disabled={busy} />
        )}
      </Controls>
      <Controls>
        {phase === 'training' ? (
          <Button onClick={cancel}>{t('sentiment.train.cancel')}</Button>
        ) : (
          <Button className="primary" onClick={() => void train()} disabled={!dataset || busy}>
            {t('sentiment.train.start', { epochs: settings.epochs })}
          </Button>
        )}
      </Controls>
      {phase === 'training' && progress && (
        <ProgressBar
          label={t('sentiment.train.progress')}
          value={(progress.epoch - 1) * progress.batches + progress.batch}
          max={progress.epochs * progress.batches}
          text={t('sentiment.train.progressText', { epoch: progress.epoch, epochs: progress.epochs, batch: progress.batch, batches: progress.batches, eta: duration(progress.etaMs) })}
        />
      )}
      {phase === 'building' && <p role="status">{t('sentiment.train.building')}</p>}
      {error && (
        <p role="alert" className="widget-problem">
          {te(error)}
        </p>
      )}
      {stop && (
        <p role={bad ? 'alert' : 'status'} className={bad ? 'widget-problem' : 'sentiment-stop'} data-testid="stop-reason" data-reason={stop.reason}>
          {t(STOP_MESSAGES[stop.reason], {
            epochs: history.length,
            epoch: stop.epoch ?? history.length,
            batch: stop.batch ?? 0,
            loss: num(stop.loss ?? NaN, 4),
            best: stop.bestEpoch ?? history.length,
            patience: settings.patience,
          })}
        </p>
      )}
      <div className="stats">
        <Stat label={t('sentiment.backend')} value={backend ?? '—'} />
        <Stat label={t('sentiment.train.epochsDone')} value={<span data-testid="epochs-done">{history.length}</span>} />
        <Stat label={t('sentiment.train.trainAcc')} value={<span data-testid="train-acc">{pct(last?.accuracy)}</span>} />
        <Stat label={t('sentiment.train.valAcc')} value={<span data-testid="val-acc" data-value={last?.valAccuracy ?? ''}>{pct(last?.valAccuracy)}</span>} />
        <Stat label={t('sentiment.train.bestValAcc')} value={pct(history.length ? bestVal : undefined)} />
      </div>
      <div className="sentiment-charts">
        <LineChart
          xLabel={t('sentiment.train.epoch')}
          yLabel={t('sentiment.train.loss')}
          series={[
            { id: 'live', label: t('sentiment.train.liveLoss'), color: 'var(--muted)', points: live.map((p) => ({ x: p.x, y: p.loss })) },
            { id: 'train', label: t('sentiment.train.trainLoss'), color: 'var(--accent)', points: history.map((h) => ({ x: h.epoch, y: h.loss })) },
            { id: 'val', label: t('sentiment.train.valLoss'), color: 'var(--accent-2)', dashed: true, points: history.map((h) => ({ x: h.epoch, y: h.valLoss ?? NaN })) },
          ]}
        />
        <LineChart
          xLabel={t('sentiment.train.epoch')}
          yLabel={t('sentiment.train.accuracy')}
          yDomain={[0, 1]}
          series={[
            { id: 'live', label: t('sentiment.train.liveAcc'), color: 'var(--muted)', points: live.map((p) => ({ x: p.x, y: p.accuracy })) },
            { id: 'train', label: t('sentiment.train.trainAccCurve'), color: 'var(--accent)', points: history.map((h) => ({ x: h.epoch, y: h.accuracy ?? NaN })) },
            { id: 'val', label: t('sentiment.train.valAccCurve'), color: 'var(--accent-2)', dashed: true, points: history.map((h) => ({ x: h.epoch, y: h.valAccuracy ?? NaN })) },
          ]}
        />
      </div>
      {model && (
        <details>
          <summary>{t('sentiment.train.modelSummary', { data: model.datasetName })}</summary>
          <ModelSummaryTable spec={model.spec} layerParams={model.layerParams} summary={model.summary} testId="trained-param-table" />
        </details>
      )}
      <ModelFiles />
      <ModelExport {...exported} />
    </WidgetShell>
  );
}
