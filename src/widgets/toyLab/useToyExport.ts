/**
 * The toy lab's model for ModelExport: its spec, and a notebook source that carries the trained
 * weights, tfjs' prediction for the first document, and the two documents themselves, so the
 * notebook can go on training in Keras with the same loss and optimizer.
 */
import { useT } from '../../book/i18n';
import { toySpec } from '../../state/toyLabStore';
import type { ModelExportProps, PythonExport } from '../shared/ModelExport';
import { useToyCorpus, useToyLab } from './useToyLab';

export function useToyExport(): ModelExportProps {
  const t = useT();
  const corpus = useToyCorpus();
  const cell = useToyLab((s) => s.cell);
  const phase = useToyLab((s) => s.phase);
  const forPython = useToyLab((s) => s.forPython);
  const history = useToyLab((s) => s.history);
  const backend = useToyLab((s) => s.backend);
  const learningRate = useToyLab((s) => s.learningRate);
  const docsText = useToyLab((s) => s.docsText);

  async function prepare(): Promise<PythonExport> {
    const { spec, corpus: data, weights, example } = await forPython();
    const n = data.padded.length;
    const first = docsText.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
    return {
      spec,
      weights,
      backend,
      trained: history.length > 0 ? `${t('notebook.fact.epochs', { epochs: history.length })}, Adam ${learningRate}` : null,
      example: { ...example, description: t('toy.notebook.example', { doc: first, ids: JSON.stringify(data.padded[0]) }) },
      training: {
        optimizer: 'adam',
        learningRate,
        loss: 'categorical_crossentropy',
        metrics: ['accuracy'],
        data: {
          x: { values: Float32Array.from(data.padded.flat()), shape: [n, data.maxlen, 1] },
          y: { values: Float32Array.from(data.oneHot.flat()), shape: [n, data.numClasses] },
          epochs: 500,
          batchSize: n,
        },
      },
    };
  }

  return {
    spec: corpus instanceof Error ? null : toySpec(cell, corpus),
    summary: t(cell === 'lstm' ? 'toy.notebook.lstm' : 'toy.notebook.rnn'),
    name: cell === 'lstm' ? 'unrolled-toy-lstm' : 'unrolled-toy-rnn',
    prepare: phase === 'ready' ? prepare : null,
  };
}
