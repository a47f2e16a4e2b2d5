/**
 * Train the row-reading LSTM in its worker: the digits arrive with a progress bar on the first
 * run, then batches, passes and time left, the loss and accuracy of each batch, and the accuracy
 * on the 2,000 held-out digits every 15 seconds of training. The weights are kept in IndexedDB,
 * so a reload resumes.
 */
import { useErrorText, useT } from '../../book/i18n';
import { mnistRowModel } from '../../engine/mnistRows';
import { num } from '../../viz/format';
import { LineChart } from '../../viz/LineChart';
import { MNIST_PIXELS } from '../../engine/mnistDigits';
import { exampleInput } from '../../engine/notebook/exampleInput';
import { TrainingEngine } from '../shared/TrainingEngine';
import { ModelExport, type PythonExport } from '../shared/ModelExport';
import { ModelSummaryTable } from '../shared/ModelSummaryTable';
import { Button, Controls, ProgressBar, Select, Stat, WidgetShell } from '../shell';
import { MNIST_PRESETS, type MnistPreset, MnistStore } from '../../state/mnistStore';
import { MNIST_TRAINING_LINK } from '../../state/mnistTrainingLink';
import { useStoreLink } from '../../state/storeLinks';

const SMOOTH = 10;

function smoothed(values: { x: number; y: number }[]): { x: number; y: number }[] {
  let sum = 0;
  return values.map((p, i) => {
    sum += p.y - (i >= SMOOTH ? values[i - SMOOTH].y : 0);
    return { x: p.x, y: sum / Math.min(i + 1, SMOOTH) };
  });
}

const percent = (v: number) => `${(v * 100).toFixed(1)} %`;

export default function MnistTraining() {
  const t = useT();
  const te = useErrorText();
  const phase = MnistStore.useStore((s) => s.phase);
  const error = MnistStore.useStore((s) => s.error);
  const status = MnistStore.useStore((s) => s.status);
  const history = MnistStore.useStore((s) => s.history);
  const evaluations = MnistStore.useStore((s) => s.evaluations);
  const progress = MnistStore.useStore((s) => s.progress);
  const dataProgress = MnistStore.useStore((s) => s.dataProgress);
  const preset = MnistStore.useStore((s) => s.preset);
  const actions = MnistStore.useStore((s) => s);
  const heldOutDigits = MnistStore.useStore((s) => s.heldOut);
  const enginePreference = MnistStore.useStore((s) => s.enginePreference);
  const crashed = MnistStore.useStore((s) => s.crashed);
  const measuring = MnistStore.useStore((s) => s.measuring);
  const failure = status?.failure ?? null;

  const busy = phase === 'training' || phase === 'fetching';
  const link = useStoreLink(MnistStore.useStoreApi(), MNIST_TRAINING_LINK);

  /** A held-out digit when they are loaded; otherwise seeded noise, said so in the notebook. */
  async function prepareExport(): Promise<PythonExport> {
    const spec = mnistRowModel(config.units);
    const digit = heldOutDigits && heldOutDigits.count > 0 ? Float32Array.from(heldOutDigits.pixels.subarray(0, MNIST_PIXELS), (p) => p / 255) : null;
    const pixels = digit ?? Float32Array.from(exampleInput(spec).values, (v) => (v + 1) / 2);
    const { weights, example, step, seconds } = await actions.forPython(pixels);
    return {
      spec,
      weights,
      backend: status?.backend ?? null,
      trained: step > 0 ? t('notebook.fact.steps', { steps: step, seconds: Math.round(seconds) }) : null,
      example: { ...example, description: digit ? t('notebook.mnist.digit', { label: heldOutDigits!.labels[0] }) : t('notebook.mnist.noise') },
      training: { optimizer: 'adam', learningRate: config.learningRate, loss: 'categorical_crossentropy', metrics: ['accuracy'] },
    };
  }
  const last = history.at(-1);
  const lastEval = evaluations.at(-1);
  const config = MNIST_PRESETS[preset];
  const loss = smoothed(history.map((h) => ({ x: h.seconds, y: h.loss })));
  const accuracy = smoothed(history.map((h) => ({ x: h.seconds, y: h.accuracy })));
  const heldOut = evaluations.map((e) => ({ x: e.seconds, y: e.accuracy }));

  return (
    <WidgetShell link={{ ...link, weights: true }} title={t('mnist.train.title')} widget="MnistTraining" ready={phase !== 'idle' && phase !== 'loading'}>
      <Controls>
        <Select<MnistPreset>
          label={t('mnist.train.size')}
          value={preset}
          disabled={busy || phase === 'loading'}
          onChange={(p) => void actions.setPreset(p)}
          options={(Object.keys(MNIST_PRESETS) as MnistPreset[]).map((p) => ({
            value: p,
            label: t(p === 'book' ? 'mnist.train.book' : 'mnist.train.browser', {
              units: MNIST_PRESETS[p].units,
              batch: MNIST_PRESETS[p].batchSize,
              lr: MNIST_PRESETS[p].learningRate,
            }),
          }))}
        />
      </Controls>
      <Controls>
        {busy ? (
          <Button onClick={actions.stop} disabled={phase === 'fetching'}>
            {t('mnist.train.stop')}
          </Button>
        ) : (
          <>
            <Button className="primary" onClick={() => void actions.train()} disabled={phase !== 'ready'}>
              {t('mnist.train.start')}
            </Button>
            <Button onClick={() => void actions.train(60)} disabled={phase !== 'ready'}>
              {t('mnist.train.minute')}
            </Button>
          </>
        )}
        <Button onClick={() => void actions.reset()} disabled={busy || phase === 'loading'}>
          {t('mnist.train.reset')}
        </Button>
      </Controls>
      <TrainingEngine
        report={status?.engine ?? null}
        preference={enginePreference}
        onPreference={(p) => void actions.setEngine(p)}
        disabled={phase !== 'ready'}
        failure={busy ? null : failure}
        onGoBack={() => void actions.restoreLastGood()}
        crashed={crashed}
        onRestart={() => void actions.restartWorker()}
        onMeasure={() => void actions.measureEngines()}
        measuring={measuring}
      />
      {dataProgress && (
        <ProgressBar
          label={t('mnist.train.loadingDigits')}
          value={dataProgress.loaded}
          max={dataProgress.total || 1}
          text={`${(dataProgress.loaded / 1e6).toFixed(1)} / ${(dataProgress.total / 1e6).toFixed(1)} MB`}
        />
      )}
      {phase === 'training' && progress && (
        <ProgressBar
          label={t('mnist.train.pass', { epoch: progress.epoch })}
          value={progress.batchInEpoch}
          max={progress.batchesPerEpoch}
          text={t('mnist.train.batchOf', { batch: progress.batchInEpoch, batches: progress.batchesPerEpoch, eta: Math.round(progress.epochEtaMs / 1000) })}
        />
      )}
      {error && (
        <p role="alert" className="widget-problem">
          {t('mnist.problem', { message: te(error) })}
        </p>
      )}
      {status?.resumed && <p role="status" data-testid="mnist-resumed">{t('mnist.train.resumed', { step: status.step })}</p>}
      <div className="stats">
        <Stat label={t('mnist.train.batches')} value={<span data-testid="mnist-steps">{last?.step ?? status?.step ?? 0}</span>} />
        <Stat label={t('mnist.train.seconds')} value={<span data-testid="mnist-seconds">{`${Math.round(last?.seconds ?? status?.seconds ?? 0)} s`}</span>} />
        <Stat label={t('mnist.train.batchLoss')} value={last ? num(last.loss, 4) : '—'} />
        <Stat
          label={t('mnist.train.heldOut')}
          value={
            <span data-testid="mnist-heldout" data-value={lastEval?.accuracy ?? ''} data-seconds={lastEval?.seconds ?? ''} data-step={lastEval?.step ?? ''}>
              {lastEval ? t('mnist.train.heldOutValue', { acc: percent(lastEval.accuracy), seconds: Math.round(lastEval.seconds) }) : '—'}
            </span>
          }
        />
        <Stat label={t('mnist.train.params')} value={status ? status.params.toLocaleString('en') : '—'} />
        <Stat label={t('mnist.train.backend')} value={<span data-testid="mnist-backend">{status?.backend ?? '—'}</span>} />
      </div>
      <div className="mnist-charts">
        <LineChart xLabel={t('mnist.train.secondsAxis')} yLabel={t('mnist.train.loss')} height={200} series={[{ id: 'loss', label: t('mnist.train.loss'), color: 'var(--accent)', points: loss }]} />
        <LineChart
          xLabel={t('mnist.train.secondsAxis')}
          yLabel={t('mnist.train.accuracy')}
          height={200}
          yDomain={[0, 1]}
          series={[
            { id: 'train', label: t('mnist.train.batchAccuracy'), color: 'var(--accent)', points: accuracy },
            { id: 'heldout', label: t('mnist.train.heldOut'), color: 'var(--pos)', points: heldOut, dashed: true },
          ]}
        />
      </div>
      <ModelExport
        spec={mnistRowModel(config.units)}
        summary={t('notebook.mnist.summary', { units: config.units })}
        name={`unrolled-mnist-rows-${config.units}`}
        prepare={status && !busy ? prepareExport : null}
      />
      <details className="mnist-model">
        <summary>{t('mnist.train.model', { units: config.units })}</summary>
        <ModelSummaryTable spec={mnistRowModel(config.units)} layerParams={status?.config.units === config.units ? status.layerParams : undefined} summary={status?.summary} testId="mnist-param-table" />
      </details>
    </WidgetShell>
  );
}
