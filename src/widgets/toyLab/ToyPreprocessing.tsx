/**
 * Recipe 3's preprocessing, one stage per row: the reader edits documents and labels and sees
 * word counts, ids, encoded docs, padding and one-hot targets follow.
 */
import { useErrorText, useT } from '../../book/i18n';
import { Controls, Select, TextArea, WidgetShell } from '../shell';
import { useToyCorpus, useToyLab, useToyLink } from './useToyLab';

const json = (v: unknown) => JSON.stringify(v).replace(/,/g, ', ');

export default function ToyPreprocessing() {
  const t = useT();
  const te = useErrorText();
  const corpus = useToyCorpus();
  const docsText = useToyLab((s) => s.docsText);
  const labelsText = useToyLab((s) => s.labelsText);
  const padding = useToyLab((s) => s.padding);
  const setText = useToyLab((s) => s.setText);
  const setPadding = useToyLab((s) => s.setPadding);
  const reset = useToyLab((s) => s.reset);
  const link = useToyLink('preprocessing');

  return (
    <WidgetShell title={t('toy.prep.title')} onReset={reset} widget="ToyPreprocessing" link={link}>
      <Controls>
        <TextArea label={t('toy.prep.docs')} value={docsText} onChange={(v) => setText('docsText', v)} rows={3} maxLength={2000} />
        <TextArea label={t('toy.prep.labels')} value={labelsText} onChange={(v) => setText('labelsText', v)} rows={3} maxLength={1000} />
        <Select
          label={t('toy.prep.padding')}
          value={padding}
          onChange={setPadding}
          options={[
            { value: 'pre', label: t('toy.prep.pre') },
            { value: 'post', label: t('toy.prep.post') },
          ]}
        />
      </Controls>
      {corpus instanceof Error ? (
        <p role="alert" className="widget-problem">
          {te(corpus)}
        </p>
      ) : (
        <ol className="pipeline">
          <li>
            <h4>{t('toy.prep.counts')}</h4>
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t('toy.prep.word')}</th>
                  <th scope="col">{t('toy.prep.count')}</th>
                  <th scope="col">id</th>
                </tr>
              </thead>
              <tbody>
                {corpus.vocab.counts.map(([word, count]) => (
                  <tr key={word}>
                    <td>
                      <code>{word}</code>
                    </td>
                    <td>{count}</td>
                    <td>{corpus.vocab.wordIndex.get(word)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
          <li>
            <h4>{t('toy.prep.ids')}</h4>
            <pre tabIndex={0} data-testid="word-index">{json(Object.fromEntries([...corpus.vocab.wordIndex].sort(([a], [b]) => (a < b ? -1 : 1))))}</pre>
          </li>
          <li>
            <h4>{t('toy.prep.encoded')}</h4>
            <pre tabIndex={0} data-testid="encoded">
              encoded_docs = {json(corpus.encodedDocs)}
              {'\n'}encoded_labels = {json(corpus.encodedLabels)}
            </pre>
          </li>
          <li>
            <h4>{t('toy.prep.padded', { maxlen: corpus.maxlen, padding })}</h4>
            <pre tabIndex={0} data-testid="padded">{json(corpus.padded)}</pre>
          </li>
          <li>
            <h4>{t('toy.prep.oneHot', { n: corpus.numClasses })}</h4>
            <pre tabIndex={0} data-testid="one-hot">{corpus.oneHot.map((row) => json(row)).join('\n')}</pre>
          </li>
        </ol>
      )}
    </WidgetShell>
  );
}
