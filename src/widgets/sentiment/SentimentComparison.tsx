/**
 * Recipe 11's comparison: SimpleRNN, LSTM and GRU trained in turn on the lab's split (same data,
 * same sizes, same epochs), their loss and accuracy curves drawn on shared axes, a table of the
 * final and best validation accuracy, and for each trained model the engine that trained it (with
 * the way back if its loss went bad) and its export to Keras, tfjs or a notebook. Lives inside a
 * <SentimentLab>, whose dataset it uses. Its settings travel as a link.
 *
 *   <SentimentComparison units={32} embeddingDim={32} epochs={5} />
 */
import { useEffect, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import type { SentimentCell } from '../../engine/sentimentModels';
import { COMPARED_CELLS, type CellRun, type ComparisonSettings, type ComparisonState, comparisonDefaultsOf, comparisonLink, comparisonStore } from '../../state/sentimentComparisonStore';
import { LinkNotes, type StoreLink, useStoreLink, useStoreLinks } from '../../state/storeLinks';
import { LineChart, type Series } from '../../viz/LineChart';
import { ModelExport } from '../shared/ModelExport';
import { TrainingEngine } from '../shared/TrainingEngine';
import { Button, Controls, NumberField, ProgressBar, Stat, WidgetShell } from '../shell';
import { useSentiment } from './SentimentLab';
import { sentimentExportName, sentimentPythonExport } from './useSentimentExport';

const LABELS: Record<SentimentCell, string> = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const COLOURS: Record<SentimentCell, string> = { simpleRNN: 'var(--accent-2)', lstm: 'var(--accent)', gru: 'var(--pos)' };
const pct = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`);

type Props = Partial<Pick<ComparisonSettings, 'units' | 'embeddingDim' | 'epochs' | 'learningRate' | 'batchSize'>>;

/** One trained model of the comparison: its engine (and failure), and its export. */
function TrainedCell({ cell, run, busy }: { cell: SentimentCell; run: CellRun; busy: boolean }) {
  const t = useT();
  const use = comparisonStore.useStore;
  const backend = use((s) => s.backend);
  const trainedOn = use((s) => s.trainedOn);
  const modelFor = use((s) => s.modelFor);
  const forPython = use((s) => s.forPython);
  const restoreLastGood = use((s) => s.restoreLastGood);
  const failure = run.failure;
  const prepare = async () =>
    sentimentPythonExport(t, { info: await modelFor(cell), read: (input) => forPython(cell, input), epochs: run.history.length, learningRate: run.learningRate, backend });
  return (
    <section className="compare-model" data-cell={cell} aria-label={LABELS[cell]}>
      <h4 style={{ color: COLOURS[cell] }}>{LABELS[cell]}</h4>
      {(run.engine || failure) && (
        <TrainingEngine report={run.engine} preference="auto" disabled={busy} failure={busy ? null : failure} onGoBack={() => void restoreLastGood(cell)} />
      )}
      <ModelExport
        spec={run.spec}
        summary={t('notebook.sentiment.summary', { dataset: trainedOn ?? '' })}
        name={sentimentExportName(run.spec ? { spec: run.spec } : null)}
        prepare={busy || run.history.length === 0 ? null : prepare}
        testId={`model-export-${cell}`}
      />
    </section>
  );
}

function Comparison({ defaults, link }: { defaults: Props; link: StoreLink<ComparisonState, ComparisonSettings> }) {
  const t = useT();
  const te = useErrorText();
  const dataset = useSentiment((s) => s.dataset);
  const source = useSentiment((s) => s.source);
  const csvName = useSentiment((s) => s.csv?.name);
  const uciName = useSentiment((s) => s.uci?.name);
  const use = comparisonStore.useStore;
  const shellLink = useStoreLink(comparisonStore.useStoreApi(), link);
  const settings = use((s) => s.settings);
  const runs = use((s) => s.runs);
  const phase = use((s) => s.phase);
  const current = use((s) => s.current);
  const progress = use((s) => s.progress);
  const backend = use((s) => s.backend);
  const error = use((s) => s.error);
  const crashed = use((s) => s.crashed);
  const enginePreference = use((s) => s.enginePreference);
  const trainedOn = use((s) => s.trainedOn);
  const applyDefaults = use((s) => s.applyDefaults);
  const setSettings = use((s) => s.setSettings);
  const setEngine = use((s) => s.setEngine);
  const restartWorker = use((s) => s.restartWorker);
  const run = use((s) => s.run);
  const cancel = use((s) => s.cancel);
  const reset = use((s) => s.reset);

  const defaultsId = JSON.stringify(defaults);
  useEffect(() => applyDefaults(JSON.parse(defaultsId) as Props), [applyDefaults, defaultsId]);

  const busy = phase === 'training';
  const field = (key: keyof ComparisonSettings, min: number, max: number, step = 1) => (
    <NumberField label={t(`compare.${key}`)} value={settings[key]} min={min} max={max} step={step} onChange={(v) => setSettings({ [key]: key === 'learningRate' ? v : Math.round(v) })} disabled={busy} />
  );
  const trained = COMPARED_CELLS.filter((c) => runs[c]);
  // Per cell: validation solid, training dashed, in the cell's colour.
  const curves = (metric: 'loss' | 'accuracy'): Series[] =>
    trained.flatMap((cell) => {
      const history = runs[cell]!.history;
      const val = metric === 'loss' ? (h: (typeof history)[number]) => h.valLoss : (h: (typeof history)[number]) => h.valAccuracy;
      const tr = metric === 'loss' ? (h: (typeof history)[number]) => h.loss : (h: (typeof history)[number]) => h.accuracy;
      const live = runs[cell]!.live;
      return [
        { id: `${cell}-val`, label: t('compare.valCurve', { cell: LABELS[cell] }), color: COLOURS[cell], points: history.map((h) => ({ x: h.epoch, y: val(h) ?? NaN })) },
        {
          id: `${cell}-train`,
          label: t('compare.trainCurve', { cell: LABELS[cell] }),
          color: COLOURS[cell],
          dashed: true,
          // While a cell trains, its running per-batch figure stands in for the per-epoch one.
          points: cell === current && live.length > 0 ? live.map((p) => ({ x: p.x, y: metric === 'loss' ? p.loss : p.accuracy })) : history.map((h) => ({ x: h.epoch, y: tr(h) ?? NaN })),
        },
      ];
    });
  const datasetName = (source === 'csv' ? csvName : uciName) ?? '';
  const bpe = progress?.batchesPerEpoch ?? 1;

  return (
    <WidgetShell
      title={t('compare.title')}
      widget="SentimentComparison"
      onReset={reset}
      ready={dataset !== null}
      description={t('compare.description')}
      link={{ ...shellLink, weights: true }}
    >
      <Controls>
        {field('embeddingDim', 2, 128)}
        {field('units', 2, 128)}
        {field('epochs', 1, 50)}
        {field('batchSize', 4, 512, 8)}
        {field('learningRate', 0.00001, 1, 0.001)}
      </Controls>
      <Controls>
        {busy ? (
          <Button onClick={cancel}>{t('compare.cancel')}</Button>
        ) : (
          <Button className="primary" onClick={() => dataset && void run(dataset, datasetName)} disabled={!dataset}>
            {t('compare.start', { epochs: settings.epochs })}
          </Button>
        )}
      </Controls>
      <TrainingEngine report={null} preference={enginePreference} onPreference={setEngine} disabled={busy} crashed={crashed} onRestart={restartWorker} />
      {busy && current && (
        <ProgressBar
          label={t('compare.progress', { cell: LABELS[current] })}
          value={progress ? (progress.epoch - 1) * bpe + progress.batchInEpoch : 0}
          max={progress ? (progress.epochs ?? progress.epoch) * bpe : 1}
          text={t('compare.progressText', { cell: LABELS[current], n: COMPARED_CELLS.indexOf(current) + 1, epoch: progress?.epoch ?? 1, epochs: settings.epochs })}
        />
      )}
      {error && (
        <p role="alert" className="widget-problem">
          {te(error)}
        </p>
      )}
      {trainedOn && trained.length > 0 && <p className="compare-data">{t('compare.trainedOn', { data: trainedOn })}</p>}
      <div className="sentiment-charts">
        <LineChart xLabel={t('sentiment.train.epoch')} yLabel={t('sentiment.train.loss')} series={curves('loss')} />
        <LineChart xLabel={t('sentiment.train.epoch')} yLabel={t('sentiment.train.accuracy')} yDomain={[0, 1]} series={curves('accuracy')} />
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table className="compact compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">{t('compare.cell')}</th>
              <th scope="col">{t('compare.params')}</th>
              <th scope="col">{t('compare.epochs')}</th>
              <th scope="col">{t('compare.finalVal')}</th>
              <th scope="col">{t('compare.bestVal')}</th>
              <th scope="col">{t('compare.seconds')}</th>
            </tr>
          </thead>
          <tbody>
            {COMPARED_CELLS.map((cell) => {
              const r = runs[cell];
              const best = r?.history.reduce((b, h) => Math.max(b, h.valAccuracy ?? 0), 0);
              const final = r?.history.at(-1)?.valAccuracy;
              return (
                <tr key={cell} data-cell={cell} data-epochs={r?.history.length ?? 0} data-final={final ?? ''} data-engine={r?.engine?.engine ?? ''}>
                  <th scope="row" style={{ color: COLOURS[cell] }}>
                    {LABELS[cell]}
                  </th>
                  <td>{r?.params ? r.params.toLocaleString('en-US') : '—'}</td>
                  <td>{r?.history.length ?? 0}</td>
                  <td>{pct(final)}</td>
                  <td>{pct(r?.history.length ? best : undefined)}</td>
                  <td>{r && r.seconds > 0 ? r.seconds.toFixed(1) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Stat label={t('sentiment.backend')} value={backend ?? '—'} />
      {trained.length > 0 && (
        <div className="compare-models">
          {trained.map((cell) => (
            <TrainedCell key={cell} cell={cell} run={runs[cell]!} busy={busy} />
          ))}
        </div>
      )}
    </WidgetShell>
  );
}

/** Reads the link once the lab's key (and so the parameter's name, its storage key) is known, and starts the store from it. */
function Linked({ storageKey, defaults }: { storageKey: string; defaults: Props }) {
  const [link] = useState(() => comparisonLink(`sentiment-compare-${storageKey}`, comparisonDefaultsOf(defaults)));
  const { start, notes } = useStoreLinks([link]);
  return (
    <LinkNotes notes={notes}>
      <comparisonStore.Provider storageKey={link.param} init={{ key: storageKey, start }}>
        <Comparison defaults={defaults} link={link} />
      </comparisonStore.Provider>
    </LinkNotes>
  );
}

export default function SentimentComparison(props: Props) {
  const t = useT();
  const storageKey = useSentiment((s) => s.storageKey);
  // The lab learns its key in an effect; the comparison's saved runs and its link are named after it.
  if (!storageKey) {
    return (
      <WidgetShell title={t('compare.title')} widget="SentimentComparison" ready={false}>
        {null}
      </WidgetShell>
    );
  }
  return <Linked key={storageKey} storageKey={storageKey} defaults={props} />;
}
