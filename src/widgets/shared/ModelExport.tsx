/**
 * A model leaving the browser: "Copy as Keras" and "Copy as tfjs" from the one code generator
 * (src/engine/modelCode), and "Download notebook (.ipynb)" from the one notebook writer
 * (src/engine/notebook). Every trainer and model summary in the book places this component; the
 * widget hands it the spec and, where a live model exists, a `prepare` that fetches that model's
 * weights and its tfjs prediction for one example from the widget's worker.
 *
 *   <ModelExport spec={spec} name="toy-rnn" prepare={() => store.forPython()} />
 */
import { useMemo, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { kerasCode } from '../../engine/modelCode/keras';
import { tfjsCode } from '../../engine/modelCode/tfjs';
import { describeModel, formatCount } from '../../engine/paramCount';
import type { SamplingSettings } from '../../engine/notebook/samplingCode';
import type { WeightArray } from '../../engine/notebook/weightSlots';
import { type NotebookExample, type NotebookTraining, notebookJson, writeNotebook } from '../../engine/notebook/writeNotebook';
import type { ModelSpec } from '../../engine/spec';
import { Button } from '../shell/controls';
import { CopyCode } from './CopyCode';
import { notebookText } from './notebookText';
import { type ReaderError, describeError } from '../../engine/errors';

/** What a widget gathers from its live model for a notebook. */
export interface PythonExport {
  spec: ModelSpec;
  weights: WeightArray[];
  example: NotebookExample;
  /** How the model was trained, in the reader's words; null when it never was. */
  trained: string | null;
  backend: string | null;
  sampling?: SamplingSettings;
  training?: NotebookTraining;
}

export interface ModelExportProps {
  /** The model the code describes; null while there is none (the spec cannot be built). */
  spec: ModelSpec | null;
  /** What the model is, one sentence, for the notebook's first cell. */
  summary: string;
  /** File name without extension, e.g. "unrolled-toy-rnn". */
  name: string;
  /** Fetches weights and a prediction; absent when the widget has no live model. */
  prepare?: (() => Promise<PythonExport>) | null;
  /** Open the panel from the start (the layer playground, whose lesson is the code). */
  open?: boolean;
  testId?: string;
}

function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ipynb+json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy once click() returns; the URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

type Status = { kind: 'idle' } | { kind: 'preparing' } | { kind: 'done'; file: string } | { kind: 'failed'; reason: ReaderError };

export function ModelExport({ spec, summary, name, prepare, open = false, testId = 'model-export' }: ModelExportProps) {
  const t = useT();
  const te = useErrorText();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const python = useMemo(() => (spec ? kerasCode(spec) : ''), [spec]);
  const typescript = useMemo(() => (spec ? tfjsCode(spec) : ''), [spec]);

  async function download() {
    if (!prepare) return;
    setStatus({ kind: 'preparing' });
    try {
      const data = await prepare();
      const exported = new Date();
      const facts: [string, string][] = [
        [t('notebook.fact.chapter'), `${document.title} (${window.location.href})`],
        [t('notebook.fact.trained'), data.trained ?? t('notebook.fact.untrained')],
        ...(data.backend ? [[t('notebook.fact.backend'), data.backend] as [string, string]] : []),
        [t('notebook.fact.params'), formatCount(describeModel(data.spec).totalParams)],
        [t('notebook.fact.exported'), exported.toISOString()],
      ];
      const notebook = writeNotebook(
        { spec: data.spec, weights: data.weights, example: data.example, about: { title: document.title, summary, facts }, sampling: data.sampling, training: data.training },
        notebookText(t),
      );
      const file = `${name}.ipynb`;
      downloadText(notebookJson(notebook), file);
      setStatus({ kind: 'done', file });
    } catch (error) {
      setStatus({ kind: 'failed', reason: describeError(error) });
    }
  }

  if (!spec) return null;
  return (
    <details className="model-export" open={open} data-testid={testId}>
      <summary>{t('notebook.title')}</summary>
      <p>{t('notebook.hint')}</p>
      <div className="model-export-download">
        <Button onClick={download} disabled={!prepare || status.kind === 'preparing'}>
          {t('notebook.download')}
        </Button>
        <span role="status" className={status.kind === 'failed' ? 'widget-problem' : undefined}>
          {status.kind === 'preparing'
            ? t('notebook.preparing')
            : status.kind === 'done'
              ? t('notebook.downloaded', { file: status.file })
              : status.kind === 'failed'
                ? t('notebook.failed', { reason: te(status.reason) })
                : !prepare
                  ? t('notebook.unavailable')
                  : ''}
        </span>
      </div>
      <div className="model-export-codes">
        <CopyCode code={python} language="python" label={t('notebook.kerasLabel')} action={t('notebook.keras')} testId="code-python" />
        <CopyCode code={typescript} language="ts" label={t('notebook.tfjsLabel')} action={t('notebook.tfjs')} testId="code-ts" />
      </div>
    </details>
  );
}
