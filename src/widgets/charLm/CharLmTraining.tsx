/**
 * Train the stacked character LSTM in its worker and watch it learn: loss in nats and bits per
 * character on training batches and on the held-out 10%, samples printed as it goes, and a
 * checkpoint in IndexedDB that a reload resumes from.
 */
import { useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { CHAR_LM_TRAINING_LINK } from '../../state/charLmLinks';
import { type SizePreset, CharLmStore } from '../../state/charLmStore';
import { useStoreLink } from '../../state/storeLinks';
import { charLmSpec } from '../../tf/charLmTrainer';
import { num } from '../../viz/format';
import { LineChart } from '../../viz/LineChart';
import { Button, Controls, NumberField, ProgressBar, Select, Stat, TextField, WidgetShell } from '../shell';
import { ModelExport, type PythonExport } from '../shared/ModelExport';
import { TrainingEngine } from '../shared/TrainingEngine';
import { corpusTitle } from './useMobyDick';
import type { CharInput } from '../../tf/charLmCalls';

const BITS_PER_NAT = 1 / Math.LN2;

export default function CharLmTraining() {
  const t = useT();
  const te = useErrorText();
  const phase = CharLmStore.useStore((s) => s.phase);
  const error = CharLmStore.useStore((s) => s.error);
  const status = CharLmStore.useStore((s) => s.status);
  const history = CharLmStore.useStore((s) => s.history);
  const samples = CharLmStore.useStore((s) => s.samples);
  const step = CharLmStore.useStore((s) => s.step);
  const speed = CharLmStore.useStore((s) => s.charsPerSecond);
  const lastCheckpoint = CharLmStore.useStore((s) => s.lastCheckpoint);
  const preset = CharLmStore.useStore((s) => s.preset);
  const samplePrime = CharLmStore.useStore((s) => s.samplePrime);
  const sampleEvery = CharLmStore.useStore((s) => s.sampleEvery);
  const loadProgress = CharLmStore.useStore((s) => s.loadProgress);
  const compare = CharLmStore.useStore((s) => s.compare);
  const comparing = CharLmStore.useStore((s) => s.comparing);
  const actions = CharLmStore.useStore((s) => s);
  const gen = CharLmStore.useStore((s) => s.gen);
  const model = CharLmStore.useStore((s) => s.model);
  const input = CharLmStore.useStore((s) => s.input);
  const engine = CharLmStore.useStore((s) => s.engine);
  const enginePreference = CharLmStore.useStore((s) => s.enginePreference);
  const failure = CharLmStore.useStore((s) => s.failure);
  const crashed = CharLmStore.useStore((s) => s.crashed);
  const ownText = CharLmStore.useStore((s) => s.ownText !== null);
  const link = useStoreLink(CharLmStore.useStoreApi(), CHAR_LM_TRAINING_LINK);
  const measuring = CharLmStore.useStore((s) => s.measuring);

  async function prepareExport(): Promise<PythonExport> {
    const read = await actions.forPython(samplePrime || 'The ');
    return {
      spec: read.spec,
      weights: read.weights,
      backend: status?.backend ?? null,
      trained: read.trained ? (read.step > 0 ? t('notebook.char.trained', { steps: read.step, text: status?.corpus.name ?? '' }) : null) : t('notebook.char.imported'),
      example: { ...read.example, description: t('notebook.char.example', { text: read.text }) },
      sampling: { vocabulary: read.vocabulary, prime: read.text, length: 200, topN: gen.topN > 0 ? gen.topN : null, temperature: gen.temperature, seed: gen.seed },
      training: { optimizer: 'adam', learningRate: status?.config.learningRate ?? 0.01, loss: 'categorical_crossentropy' },
    };
  }
  const [unit, setUnit] = useState<'nats' | 'bits'>('nats');

  const training = phase === 'training';
  const scale = unit === 'bits' ? BITS_PER_NAT : 1;
  const last = history.at(-1);
  const lastVal = history.findLast((h) => h.valLoss !== undefined);
  // Single batches are noisy; the curve shows a running mean of the last 10.
  const smooth = history.map((h, i) => {
    const window = history.slice(Math.max(0, i - 9), i + 1);
    return { x: h.step, y: (window.reduce((a, w) => a + w.loss, 0) / window.length) * scale };
  });
  const val = history.filter((h) => h.valLoss !== undefined).map((h) => ({ x: h.step, y: h.valLoss! * scale }));
  const corpus = status?.corpus;

  return (
    // The link keeps the settings; the weights travel by export, a text of the reader's own not at all.
    <WidgetShell link={{ ...link, weights: true, files: ownText }} title={t('charLm.train.title')} widget="CharLmTraining" ready={phase !== 'idle' && phase !== 'loading'}>
      <Controls>
        <Select<SizePreset>
          label={t('charLm.train.size')}
          value={preset}
          disabled={training || phase === 'loading'}
          onChange={(p) => void actions.setPreset(p)}
          options={[
            { value: 'browser', label: t('charLm.train.browser') },
            { value: 'browser2', label: t('charLm.train.browser2') },
            { value: 'book', label: t('charLm.train.book') },
          ]}
        />
        <Select<CharInput>
          label={t('charLm.train.input')}
          value={input}
          disabled={training || phase === 'loading'}
          onChange={(v) => void actions.setInput(v)}
          options={[
            { value: 'auto', label: t('charLm.train.input.auto') },
            { value: 'one-hot', label: t('charLm.train.input.oneHot') },
            { value: 'embedding', label: t('charLm.train.input.embedding') },
          ]}
        />
        <TextField label={t('charLm.train.prime')} value={samplePrime} onChange={(v) => actions.set({ samplePrime: v })} disabled={training} />
        <NumberField label={t('charLm.train.sampleEvery')} value={sampleEvery} min={1} max={10000} step={10} onChange={(v) => actions.set({ sampleEvery: Math.round(v) })} disabled={training} />
      </Controls>
      <Controls>
        {training ? (
          <Button onClick={actions.pause}>{t('charLm.train.pause')}</Button>
        ) : (
          <Button className="primary" onClick={() => void actions.train()} disabled={phase !== 'ready' || measuring}>
            {t('charLm.train.start')}
          </Button>
        )}
        <Button onClick={() => void actions.restart()} disabled={training || phase === 'loading'}>
          {t('charLm.train.restart')}
        </Button>
        <Button onClick={() => void actions.compareWithFit()} disabled={phase !== 'ready' || comparing}>
          {comparing ? t('charLm.train.comparing') : t('charLm.train.compare')}
        </Button>
      </Controls>
      <TrainingEngine
        report={engine}
        preference={enginePreference}
        onPreference={(p) => void actions.setEngine(p)}
        disabled={phase !== 'ready'}
        failure={training ? null : failure}
        onGoBack={() => void actions.restoreLastGood()}
        crashed={crashed}
        onRestart={() => void actions.restartWorker()}
        onMeasure={() => void actions.measureEngines()}
        measuring={measuring}
      />
      {phase === 'loading' && (
        <ProgressBar label={t('charLm.lab.loading')} value={loadProgress?.loaded ?? 0} max={loadProgress?.total || 1} text={loadProgress ? `${Math.round(loadProgress.loaded / 1024)} kB` : '…'} />
      )}
      {error && (
        <p role="alert" className="widget-problem">
          {t('charLm.problem', { message: te(error) })}
        </p>
      )}
      {status && (
        <p className="caption" data-testid="input-line">
          {t(status.input === 'embedding' ? 'charLm.train.inputIsEmbedding' : 'charLm.train.inputIsOneHot', { vocab: status.corpus.vocabulary.length })}
        </p>
      )}
      {corpus && (
        <p className="caption" data-testid="corpus-line">
          {t('charLm.train.corpus', { name: corpusTitle(corpus.name, t), chars: corpus.characters.toLocaleString('en'), vocab: corpus.vocabulary.length, train: corpus.trainCharacters.toLocaleString('en'), val: corpus.validationCharacters.toLocaleString('en') })}
        </p>
      )}
      {status?.resumed && phase !== 'loading' && <p role="status" data-testid="resumed">{t('charLm.train.resumed', { step: status.step })}</p>}
      {compare && (
        <p data-testid="compare-result">
          {t('charLm.train.compareResult', {
            loop: Math.round(compare.loopCharsPerSecond).toLocaleString('en'),
            fit: Math.round(compare.fitCharsPerSecond).toLocaleString('en'),
            ratio: num(compare.loopCharsPerSecond / compare.fitCharsPerSecond, 3),
            engine: compare.engine,
            backend: compare.fitBackend,
          })}
        </p>
      )}
      <div className="stats">
        <Stat label={t('charLm.train.step')} value={<span data-testid="train-step">{step}</span>} />
        <Stat label={`${t('charLm.train.loss')}`} value={last ? `${num(last.loss, 4)} ${t('charLm.train.nats')} · ${num(last.loss * BITS_PER_NAT, 4)} ${t('charLm.train.bits')}` : '—'} />
        <Stat
          label={t('charLm.train.valLoss')}
          value={<span data-testid="val-loss" data-value={lastVal?.valLoss ?? ''}>{lastVal ? `${num(lastVal.valLoss!, 4)} ${t('charLm.train.nats')} · ${num(lastVal.valLoss! * BITS_PER_NAT, 4)} ${t('charLm.train.bits')}` : '—'}</span>}
        />
        <Stat label={t('charLm.train.speed')} value={speed ? Math.round(speed).toLocaleString('en') : '—'} />
        <Stat label={t('charLm.train.time')} value={<span data-testid="train-seconds" data-value={last?.seconds ?? 0}>{last ? `${Math.round(last.seconds)} s` : '—'}</span>} />
        <Stat label={t('charLm.train.params')} value={status ? status.params.toLocaleString('en') : '—'} />
        <Stat label={t('charLm.backend')} value={status?.backend ?? '—'} />
      </div>
      {lastCheckpoint !== null && <p className="caption" data-testid="checkpoint">{t('charLm.train.checkpoint', { step: lastCheckpoint })}</p>}
      <Select
        label={t('charLm.train.unit')}
        value={unit}
        onChange={setUnit}
        options={[
          { value: 'nats', label: t('charLm.train.nats') },
          { value: 'bits', label: t('charLm.train.bits') },
        ]}
      />
      <LineChart
        xLabel={t('charLm.train.step')}
        yLabel={unit === 'bits' ? t('charLm.train.bits') : t('charLm.train.nats')}
        series={[
          { id: 'train', label: t('charLm.train.loss'), color: 'var(--accent)', points: smooth },
          { id: 'val', label: t('charLm.train.valLoss'), color: 'var(--pos)', points: val, dashed: true },
        ]}
      />
      {samples.length > 0 && (
        <>
          <p className="caption">{t('charLm.train.samples', { prime: samplePrime })}</p>
          <ol className="char-samples" data-testid="samples">
            {[...samples].reverse().slice(0, 6).map((s) => (
              <li key={s.step}>
                <span className="char-sample-step">{t('charLm.train.step')} {s.step}</span>
                <pre tabIndex={0}>{s.text}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
      <ModelExport
        spec={status ? charLmSpec(status.config, status.corpus.vocabulary.length) : null}
        summary={t('notebook.char.summary')}
        name={model?.source === 'imported' ? 'unrolled-char-lstm-imported' : 'unrolled-char-lstm'}
        prepare={status && phase === 'ready' ? prepareExport : null}
      />
    </WidgetShell>
  );
}
