/**
 * The trained model as files: it is saved in this browser automatically (IndexedDB); here the
 * reader can download it as a tfjs model (model.json + weights .bin), load such files back, or
 * forget the saved copy. Downloads are made from blob: URLs; nothing is sent anywhere.
 */
import { useId, useState } from 'react';
import { useErrorText, useT } from '../../book/i18n';
import { Button, Controls } from '../shell';
import { useSentiment } from './SentimentLab';
import { BookError, type ReaderError, describeError } from '../../engine/errors';
import { checkFileSet, checkWeightBytes, MAX_MODEL_BYTES, weightsManifestOf } from '../../engine/fileChecks';
import { readTextFile } from '../shared/readFile';

function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const baseName = (path: string) => path.split('/').pop() ?? path;

/**
 * model.json and its weight files from a file input, the weights joined in manifest order. The
 * manifest must list its files and weights, and the files must hold the bytes it describes.
 */
export async function readModelFiles(files: File[]): Promise<{ modelJson: string; weights: ArrayBuffer }> {
  const problem = checkFileSet(files, MAX_MODEL_BYTES);
  if (problem) throw problem;
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (!json) throw new BookError('modelFiles.noJson', 'Choose the model.json file together with its .bin weight file(s).');
  const modelJson = await readTextFile(json, undefined, MAX_MODEL_BYTES);
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(modelJson);
  } catch {
    // Not JSON: refused below as a file without a manifest.
  }
  const manifest = weightsManifestOf(parsed);
  if (!manifest) throw new BookError('modelFiles.noManifest', `${json.name} is not a tfjs model.json (it has no weightsManifest).`, { file: json.name });
  const parts: ArrayBuffer[] = [];
  for (const path of manifest.paths) {
    const file = files.find((f) => f.name === baseName(path));
    if (!file) throw new BookError('modelFiles.missingWeights', `model.json needs the weight file "${baseName(path)}"; choose it together with model.json.`, { file: baseName(path) });
    parts.push(await file.arrayBuffer());
  }
  const out = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  const sizeProblem = checkWeightBytes(manifest.weights, out.length);
  if (sizeProblem) throw sizeProblem;
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return { modelJson, weights: out.buffer };
}

export default function ModelFiles() {
  const t = useT();
  const te = useErrorText();
  const inputId = useId();
  const model = useSentiment((s) => s.model);
  const savedAt = useSentiment((s) => s.savedAt);
  const phase = useSentiment((s) => s.phase);
  const storageProblem = useSentiment((s) => s.storageProblem);
  const exportModel = useSentiment((s) => s.exportModel);
  const importModel = useSentiment((s) => s.importModel);
  const forget = useSentiment((s) => s.forget);
  const [problem, setProblem] = useState<ReaderError | null>(null);
  const busy = phase === 'training' || phase === 'building';

  async function onExport() {
    setProblem(null);
    try {
      const { modelJson, weights, stem } = await exportModel();
      download(`${stem}.json`, modelJson, 'application/json');
      download(`${stem}.weights.bin`, weights, 'application/octet-stream');
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  async function onImport(list: FileList | null) {
    setProblem(null);
    if (!list || list.length === 0) return;
    try {
      const { modelJson, weights } = await readModelFiles([...list]);
      await importModel(modelJson, weights);
    } catch (error) {
      setProblem(describeError(error));
    }
  }

  return (
    <section className="sentiment-files" aria-label={t('sentiment.files.title')}>
      <p role="status" data-testid="saved-status" data-saved={savedAt ? 'yes' : 'no'}>
        {savedAt ? t('sentiment.files.saved', { when: new Date(savedAt).toLocaleString() }) : t('sentiment.files.notSaved')}
      </p>
      <Controls>
        <Button onClick={() => void onExport()} disabled={!model || busy}>
          {t('sentiment.files.export')}
        </Button>
        <div className="ui-field">
          <label htmlFor={inputId}>{t('sentiment.files.import')}</label>
          <input id={inputId} type="file" multiple accept=".json,.bin,application/json,application/octet-stream" disabled={busy} onChange={(e) => void onImport(e.target.files)} />
        </div>
        <Button onClick={() => void forget()} disabled={!model || busy}>
          {t('sentiment.files.forget')}
        </Button>
      </Controls>
      {(problem || storageProblem) && (
        <p role="alert" className="widget-problem">
          {te(problem ?? storageProblem)}
        </p>
      )}
    </section>
  );
}
