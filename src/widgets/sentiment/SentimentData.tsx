/**
 * Recipe 4's preprocessing on the reader's data: the shipped UCI sentences or their own CSV.
 * Shows a few texts through every stage (cleaned, ids, padded), the vocabulary by frequency, the
 * class balance and the stratified 70/30 split, with num_words, maxlen and padding to change.
 */
import { useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { formatCount } from '../../engine/paramCount';
import { DEFAULT_PREP } from '../../engine/sentimentSettings';
import { dataLink, sentimentStore } from '../../state/sentimentStore';
import { useStoreLink } from '../../state/storeLinks';
import { Controls, NumberField, Select, Stat, WidgetShell } from '../shell';
import CsvImport from './CsvImport';
import { useSentiment } from './SentimentLab';

const SAMPLE_ROWS = 4;
const TOP_WORDS = 12;

export default function SentimentData() {
  const t = useT();
  const te = useErrorText();
  const source = useSentiment((s) => s.source);
  const uci = useSentiment((s) => s.uci);
  const csv = useSentiment((s) => s.csv);
  const dataError = useSentiment((s) => s.dataError);
  const dataset = useSentiment((s) => s.dataset);
  const datasetError = useSentiment((s) => s.datasetError);
  const prep = useSentiment((s) => s.prep);
  const setPrep = useSentiment((s) => s.setPrep);
  const chooseSource = useSentiment((s) => s.chooseSource);
  const reset = useSentiment((s) => s.reset);
  const [first, setFirst] = useState(0);
  const labKey = useSentiment((s) => s.storageKey);
  const link = useStoreLink(sentimentStore.useStoreApi(), dataLink(labKey ?? '', DEFAULT_PREP));

  const texts = source === 'csv' && csv ? csv : uci;
  const ready = dataset !== null || dataError !== null || datasetError !== null;
  const rows = dataset ? Array.from({ length: Math.min(SAMPLE_ROWS, dataset.ids.length) }, (_, i) => (first + i) % dataset.ids.length) : [];
  const topWords = dataset ? [...dataset.vocab.wordIndex].slice(0, TOP_WORDS) : [];
  const countOf = dataset ? new Map(dataset.vocab.counts) : new Map<string, number>();
  const perClass = (indices: number[]) => dataset!.classes.map((_, c) => indices.filter((r) => dataset!.labels[r] === c).length);

  return (
    // The link (once the lab knows its key) keeps the choices; a CSV of the reader's stays in this browser.
    <WidgetShell link={labKey ? { ...link, files: true } : undefined} title={t('sentiment.data.title')} widget="SentimentData" onReset={reset} ready={ready}>
      <Controls>
        <Select
          label={t('sentiment.data.source')}
          value={source}
          onChange={chooseSource}
          options={[
            { value: 'uci', label: t('sentiment.data.uci') },
            ...(csv ? [{ value: 'csv' as const, label: csv.name }] : []),
          ]}
        />
        <NumberField label={t('sentiment.data.numWords')} value={prep.numWords} min={0} max={50000} step={500} onChange={(v) => setPrep({ numWords: Math.round(v) })} />
        <NumberField label={t('sentiment.data.maxlen')} value={prep.maxlen} min={0} max={500} step={1} onChange={(v) => setPrep({ maxlen: Math.round(v) })} />
        <Select
          label={t('sentiment.data.padding')}
          value={prep.padding}
          onChange={(padding) => setPrep({ padding })}
          options={[
            { value: 'post', label: t('sentiment.data.post') },
            { value: 'pre', label: t('sentiment.data.pre') },
          ]}
        />
      </Controls>
      <CsvImport />
      {dataError && (
        <p role="alert" className="widget-problem">
          {te(dataError)}
        </p>
      )}
      {datasetError && (
        <p role="alert" className="widget-problem">
          {te(datasetError)}
        </p>
      )}
      {!dataset && !dataError && !datasetError && <p role="status">{t('sentiment.data.loading')}</p>}
      {dataset && texts && (
        <>
          <div className="stats">
            <Stat label={t('sentiment.data.texts')} value={<span data-testid="text-count">{formatCount(dataset.texts.length)}</span>} />
            <Stat label={t('sentiment.data.vocab')} value={<span data-testid="vocab-size">{formatCount(dataset.vocabSize)}</span>} />
            <Stat label={t('sentiment.data.length')} value={<span data-testid="maxlen">{dataset.maxlen}</span>} />
            <Stat label={t('sentiment.data.split')} value={<span data-testid="split">{`${formatCount(dataset.train.length)} / ${formatCount(dataset.validation.length)}`}</span>} />
            {dataset.dropped > 0 && <Stat label={t('sentiment.data.dropped')} value={dataset.dropped} />}
          </div>
          <div className="table-scroll" tabIndex={0}>
            <table className="compact sentiment-classes">
              <thead>
                <tr>
                  <th scope="col">{t('sentiment.data.class')}</th>
                  <th scope="col">{t('sentiment.data.oneHot')}</th>
                  <th scope="col">{t('sentiment.data.trainCount')}</th>
                  <th scope="col">{t('sentiment.data.valCount')}</th>
                </tr>
              </thead>
              <tbody>
                {dataset.classes.map((c, i) => (
                  <tr key={c}>
                    {/* Texts and labels are data, in English: the cleaning keeps only a–z, so every dataset trained here is English. */}
                    <td lang="en">{c}</td>
                    <td>
                      <code>[{dataset.classes.map((_, j) => (j === i ? 1 : 0)).join(', ')}]</code>
                    </td>
                    <td>{perClass(dataset.train)[i]}</td>
                    <td>{perClass(dataset.validation)[i]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h4>{t('sentiment.data.pipeline')}</h4>
          <ol className="sentiment-samples" data-testid="samples">
            {rows.map((r) => (
              <li key={r}>
                <p className="sentiment-original">
                  “<span lang="en">{dataset.texts[r]}</span>” → <strong lang="en">{dataset.classes[dataset.labels[r]]}</strong>
                </p>
                <p>
                  <code>{dataset.cleaned[r]}</code>
                </p>
                <p>
                  <code className="sentiment-ids">[{dataset.ids[r].join(', ')}]</code>
                </p>
              </li>
            ))}
          </ol>
          <button type="button" className="ui-button" onClick={() => setFirst((f) => (f + SAMPLE_ROWS) % dataset.ids.length)}>
            {t('sentiment.data.more')}
          </button>
          <h4>{t('sentiment.data.topWords')}</h4>
          <p className="sentiment-words" data-testid="top-words">
            {topWords.map(([w, id]) => (
              <span key={w}>
                <code>
                  {w}:{id}
                </code>{' '}
                <small>×{countOf.get(w)}</small>
              </span>
            ))}
          </p>
        </>
      )}
      <p className="sentiment-credit">{t('sentiment.data.credit')}</p>
    </WidgetShell>
  );
}
