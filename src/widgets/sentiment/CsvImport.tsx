/**
 * "Use your own CSV": pick a file, watch it stream in, choose the text and label columns, and
 * the lab's dataset switches to it. The file is read in this tab only.
 */
import { useId, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { Button, Controls, ProgressBar, Select } from '../shell';
import { type CsvTable, defaultColumns, pickColumns, readCsvFile } from './csvImport';
import { useSentiment } from './SentimentLab';
import { type ReaderError, describeError } from '../../engine/errors';

export default function CsvImport() {
  const t = useT();
  const te = useErrorText();
  const inputId = useId();
  const setCsv = useSentiment((s) => s.setCsv);
  const [fileName, setFileName] = useState('');
  const [table, setTable] = useState<CsvTable | null>(null);
  const [columns, setColumns] = useState({ text: '', label: '' });
  const [progress, setProgress] = useState<{ fraction: number; rows: number } | null>(null);
  const [problem, setProblem] = useState<ReaderError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setProblem(null);
    setNote(null);
    setTable(null);
    setFileName(file.name);
    setProgress({ fraction: 0, rows: 0 });
    try {
      const read = await readCsvFile(file, setProgress);
      setTable(read);
      setColumns(defaultColumns(read.columns));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setProgress(null);
    }
  }

  function use() {
    if (!table) return;
    try {
      const picked = pickColumns(table, columns.text, columns.label, fileName);
      setCsv(picked);
      setNote(t('sentiment.csv.used', { rows: picked.texts.length.toLocaleString('en-US'), skipped: picked.skipped, problems: table.problems }));
      setProblem(null);
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  const options = (table?.columns ?? []).map((c) => ({ value: c, label: c }));
  return (
    <details className="sentiment-csv">
      <summary>{t('sentiment.csv.summary')}</summary>
      <p>{t('sentiment.csv.help')}</p>
      <div className="ui-field">
        <label htmlFor={inputId}>{t('sentiment.csv.file')}</label>
        <input id={inputId} type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e.target.files?.[0])} />
      </div>
      {progress && <ProgressBar label={t('sentiment.csv.reading')} value={progress.fraction} text={t('sentiment.csv.rows', { rows: progress.rows.toLocaleString('en-US') })} />}
      {table && (
        <Controls>
          <Select label={t('sentiment.csv.textColumn')} value={columns.text} onChange={(text) => setColumns((c) => ({ ...c, text }))} options={options} />
          <Select label={t('sentiment.csv.labelColumn')} value={columns.label} onChange={(label) => setColumns((c) => ({ ...c, label }))} options={options} />
          <Button className="primary" onClick={use}>
            {t('sentiment.csv.use', { rows: table.rows.length.toLocaleString('en-US') })}
          </Button>
        </Controls>
      )}
      {problem && (
        <p role="alert" className="widget-problem" data-testid="csv-problem">
          {te(problem)}
        </p>
      )}
      {note && <p role="status">{note}</p>}
    </details>
  );
}
