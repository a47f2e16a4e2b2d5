/**
 * Bring your own: a .txt file to train on (read with progress; its vocabulary size and first 200
 * characters shown, as the source prints them), or a pre-trained tfjs layers char model exported
 * from Keras, to generate with and inspect.
 */
import { type DragEvent, useId, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { buildCharVocabulary } from '../../engine/charBatches';
import { charsPerBatch, checkTextLength } from '../../engine/fileChecks';
import { CharLmStore, PRESETS } from '../../state/charLmStore';
import { Button, ProgressBar, WidgetShell } from '../shell';
import { readTextFile, sortModelFiles } from './readFiles';
import { type ReaderError, describeError } from '../../engine/errors';

/** Everything here is a file of the reader's, which no link carries: the link only scrolls here, and says so. */
const LINK = { param: 'char-lm-own', files: true };

export default function CharLmOwn() {
  const t = useT();
  const te = useErrorText();
  const textId = useId();
  const modelId = useId();
  const ownText = CharLmStore.useStore((s) => s.ownText);
  const useText = CharLmStore.useStore((s) => s.useText);
  const importModel = CharLmStore.useStore((s) => s.importModel);
  const useTrained = CharLmStore.useStore((s) => s.useTrained);
  const model = CharLmStore.useStore((s) => s.model);
  const importError = CharLmStore.useStore((s) => s.importError);
  const phase = CharLmStore.useStore((s) => s.phase);
  const preset = CharLmStore.useStore((s) => s.preset);
  const [reading, setReading] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [problem, setProblem] = useState<ReaderError | null>(null);

  const readText = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    try {
      setReading({ name: file.name, loaded: 0, total: file.size });
      const text = await readTextFile(file, (loaded, total) => setReading({ name: file.name, loaded, total }));
      setReading(null);
      // Checked here, before the store sees it: a rejected file leaves the current text training.
      const { batchSize, numSteps } = PRESETS[preset];
      const short = checkTextLength(file.name, text, charsPerBatch(batchSize, numSteps));
      if (short) throw short;
      await useText({ name: file.name, text });
    } catch (error) {
      setReading(null);
      setProblem(describeError(error));
    }
  };

  const readModel = async (files: File[]) => {
    setProblem(null);
    if (files.length === 0) return;
    try {
      await importModel(await sortModelFiles(files));
    } catch (error) {
      setProblem(describeError(error));
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const files = [...event.dataTransfer.files];
    if (files.length === 1 && !files[0].name.toLowerCase().endsWith('.json')) void readText(files[0]);
    else void readModel(files);
  };

  const vocabSize = ownText ? buildCharVocabulary(ownText.text).chars.length : 0;
  const busy = phase === 'training' || phase === 'loading';

  return (
    <WidgetShell link={LINK} title={t('charLm.own.title')} widget="CharLmOwn">
      <div className="char-drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <div className="ui-field">
          <label htmlFor={textId}>{t('charLm.own.text')}</label>
          <input id={textId} type="file" accept=".txt,text/plain" disabled={busy} onChange={(e) => void readText(e.target.files?.[0])} />
        </div>
        <div className="ui-field">
          <label htmlFor={modelId}>{t('charLm.own.model')}</label>
          <input id={modelId} type="file" multiple accept=".json,.bin,application/json,application/octet-stream" disabled={busy} onChange={(e) => void readModel([...(e.target.files ?? [])])} />
        </div>
        <p className="caption">{t('charLm.own.drop')}</p>
      </div>
      {reading && <ProgressBar label={t('charLm.own.reading', { name: reading.name })} value={reading.loaded} max={reading.total || 1} />}
      {(problem || importError) && (
        <p role="alert" className="widget-problem" data-testid="own-problem">
          {te(problem ?? importError)}
        </p>
      )}
      {ownText && (
        <>
          <p data-testid="own-text">{t('charLm.own.loaded', { name: ownText.name, chars: ownText.text.length.toLocaleString('en'), vocab: vocabSize.toLocaleString('en') })}</p>
          <pre className="char-first200" tabIndex={0}>{JSON.stringify(ownText.text.slice(0, 200))}</pre>
          <Button onClick={() => void useText(null)} disabled={busy}>
            {t('charLm.own.useMoby')}
          </Button>
        </>
      )}
      {model?.source === 'imported' && (
        <>
          <p data-testid="model-info">
            {t('charLm.own.modelLoaded', {
              layers: model.layers.length,
              gates: [...new Set(model.layers.map((l) => l.recurrentActivation))].join('/'),
              input: model.inputLayout,
              vocab: model.vocabulary.length,
              window: model.window ? t('charLm.own.window', { n: model.window }) : '',
            })}
          </p>
          <Button onClick={() => void useTrained()}>{t('charLm.own.useTrained')}</Button>
        </>
      )}
    </WidgetShell>
  );
}
