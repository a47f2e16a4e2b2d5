/**
 * Train the browser-size classifier on the lab's dataset in the sentiment worker: settings,
 * the engine that trains (measured, or the reader's choice), progress with epoch, batch and ETA,
 * live loss and accuracy curves for training and validation, cancel and continue, early
 * stopping, and a plain explanation with the way back when the loss turns NaN or diverges. The
 * trained model is checkpointed automatically (weights and Adam's state) and can be exported and
 * imported (ModelFiles) or taken to Python (ModelExport). Its settings travel as a link.
 */
import { useEffect } from 'react';
import { type StringKey, useErrorText, useT } from '../../book/i18n';
import type { SentimentCell } from '../../engine/sentimentModels';
import { DEFAULT_SETTINGS, SENTIMENT_LIMITS } from '../../engine/sentimentSettings';
import { canContinue, sentimentStore, trainerLink } from '../../state/sentimentStore';
import { useStoreLink } from '../../state/storeLinks';
import type { StopReason } from '../../tf/training/types';
import { LineChart } from '../../viz/LineChart';
import { ModelExport } from '../shared/ModelExport';
import { ModelSummaryTable } from '../shared/ModelSummaryTable';
import { TrainingEngine } from '../shared/TrainingEngine';
import { Button, Controls, NumberField, ProgressBar, Select, Stat, Toggle, WidgetShell } from '../shell';
import ModelFiles from './ModelFiles';
import { useSentiment } from './SentimentLab';
import { useSentimentExport } from './useSentimentExport';

const CELLS: { value: SentimentCell; label: string }[] = [
  { value: 'simpleRNN', label: 'SimpleRNN' },
  { value: 'lstm', label: 'LSTM' },
  { value: 'gru', label: 'GRU' },
];

/** Why a run stopped, as the reader reads it (NaN and divergence are told by TrainingEngine, with the way back). */
const STOP_MESSAGES: Partial<Record<StopReason, StringKey>> = {
  done: 'sentiment.stop.done',
  cancelled: 'sentiment.stop.cancelled',
  earlyStopping: 'sentiment.stop.early',
  timeLimit: 'sentiment.stop.time',
};

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const duration = (ms: number) => (ms < 60_000 ? `${Math.ceil(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** Settings a chapter can offer beyond the basic ones: stacking, dropout, bidirectional. */
export type TrainerExtra = 'layers' | 'dropout' | 'bidirectional';

interface TrainerProps {
  cells?: SentimentCell[];
  extras?: TrainerExtra[];
}

function Trainer({ labKey, cells, extras }: Required<TrainerProps> & { labKey: string }) {
  const t = useT();
  const te = useErrorText();
  const api = sentimentStore.useStoreApi();
  const link = useStoreLink(api, trainerLink(labKey, DEFAULT_SETTINGS));
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
  const position = useSentiment((s) => s.position);
  const engine = useSentiment((s) => s.engine);
  const enginePreference = useSentiment((s) => s.enginePreference);
  const failure = useSentiment((s) => s.failure);
  const crashed = useSentiment((s) => s.crashed);
  const measuring = useSentiment((s) => s.measuring);
  const continuable = useSentiment(canContinue);
  const actions = useSentiment((s) => s);
  const exported = useSentimentExport();

  // A cell this chapter does not offer (from a link or another chapter's saved copy) becomes the first it does.
  useEffect(() => {
    if (!cells.includes(settings.cell)) setSettings({ cell: cells[0] });
  }, [cells, settings.cell, setSettings]);

  const busy = phase === 'training' || phase === 'building';
  const last = history.at(-1);
  const bestVal = history.reduce((b, h) => Math.max(b, h.valAccuracy ?? 0), 0);
  const field = (key: 'units' | 'embeddingDim' | 'epochs' | 'batchSize' | 'patience' | 'layers', min: number, max: number, step = 1) => (
    <NumberField label={t(`sentiment.train.${key}`)} value={settings[key]} min={min} max={max} step={step} onChange={(v) => setSettings({ [key]: Math.round(v) })} disabled={busy} />
  );
  const stopMessage = stop && STOP_MESSAGES[stop.reason];
  const epochOfStop = position ? position.epoch + (position.batchInEpoch > 0 ? 1 : 0) : history.length;
  const bpe = progress?.batchesPerEpoch ?? 1;

  return (
    <WidgetShell
      title={t('sentiment.train.title')}
      widget="SentimentTrainer"
      ready={phase !== 'loading' && phase !== 'building'}
      link={{ ...link, weights: true, files: true }}
    >
      <Controls>
        <Select label={t('sentiment.train.cell')} value={settings.cell} onChange={(cell) => setSettings({ cell })} options={CELLS.filter((c) => cells.includes(c.value))} disabled={busy} />
        {field('units', 2, 256)}
        {field('embeddingDim', 2, 128)}
        {field('epochs', 1, 200)}
        {field('batchSize', 4, 512, 8)}
        <NumberField label={t('sentiment.train.learningRate')} value={settings.learningRate} min={0.00001} max={SENTIMENT_LIMITS.learningRate[1]} step={0.001} onChange={(learningRate) => setSettings({ learningRate })} disabled={busy} />
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
          <Button onClick={actions.cancel}>{t('sentiment.train.cancel')}</Button>
        ) : (
          <>
            <Button className="primary" onClick={() => void actions.train()} disabled={!dataset || busy || measuring}>
              {t('sentiment.train.start', { epochs: settings.epochs })}
            </Button>
            {continuable && (
              <Button onClick={() => void actions.continueTraining()} data-testid="continue-training" disabled={measuring}>
                {t('sentiment.train.continue', { epochs: settings.epochs })}
              </Button>
            )}
          </>
        )}
      </Controls>
      <TrainingEngine
        report={engine}
        preference={enginePreference}
        onPreference={(p) => void actions.setEngine(p)}
        disabled={busy}
        failure={busy ? null : failure}
        onGoBack={() => void actions.restoreLastGood()}
        crashed={crashed}
        onRestart={() => void actions.restartWorker()}
        onMeasure={model ? () => void actions.measureEngines() : undefined}
        measuring={measuring}
      />
      {phase === 'training' && progress && (
        <ProgressBar
          label={t('sentiment.train.progress')}
          value={(progress.epoch - 1) * bpe + progress.batchInEpoch}
          max={(progress.epochs ?? progress.epoch) * bpe}
          text={t('sentiment.train.progressText', {
            epoch: progress.epoch,
            epochs: progress.epochs ?? progress.epoch,
            batch: progress.batchInEpoch,
            batches: bpe,
            eta: duration(progress.etaMs ?? progress.epochEtaMs),
          })}
        />
      )}
      {phase === 'building' && <p role="status">{t('sentiment.train.building')}</p>}
      {error && (
        <p role="alert" className="widget-problem">
          {te(error)}
        </p>
      )}
      {stopMessage && (
        <p role="status" className="sentiment-stop" data-testid="stop-reason" data-reason={stop.reason}>
          {t(stopMessage, { epochs: history.length, epoch: epochOfStop, best: stop.bestEpoch ?? history.length, patience: settings.patience })}
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

export default function SentimentTrainer({ cells = ['simpleRNN', 'lstm', 'gru'], extras = [] }: TrainerProps) {
  const t = useT();
  const storageKey = useSentiment((s) => s.storageKey);
  // The lab learns its key in an effect; the trainer's link is named after it.
  if (!storageKey) {
    return (
      <WidgetShell title={t('sentiment.train.title')} widget="SentimentTrainer" ready={false}>
        {null}
      </WidgetShell>
    );
  }
  return <Trainer key={storageKey} labKey={storageKey} cells={cells} extras={extras} />;
}
