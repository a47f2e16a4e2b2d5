/**
 * The sentiment lab's trained model for ModelExport: its weights as the worker handed them over
 * after training (or restoring, or importing), and the worker's model.predict for one review,
 * cleaned and encoded the way the lab encodes everything it reads.
 */
import { BookError } from '../../engine/errors';
import { useT } from '../../book/i18n';
import { STOP_WORD_SET } from '../../engine/labelledTexts';
import { encodeForModel } from '../../engine/sentimentPreprocess';
import { vocabularyOf } from '../../engine/sentimentVocabulary';
import type { ModelExportProps, PythonExport } from '../shared/ModelExport';
import { useSentiment } from './SentimentLab';

/** One review in the UCI sentences' style; what matters is that its words are in most vocabularies. */
const EXAMPLE = 'The food was great and the service was really good';

export function useSentimentExport(): ModelExportProps {
  const t = useT();
  const model = useSentiment((s) => s.model);
  const phase = useSentiment((s) => s.phase);
  const predict = useSentiment((s) => s.predict);
  const backend = useSentiment((s) => s.backend);
  const history = useSentiment((s) => s.history);
  const learningRate = useSentiment((s) => s.settings.learningRate);

  const ready = model !== null && phase !== 'training' && phase !== 'building';

  async function prepare(): Promise<PythonExport> {
    if (!model) throw new BookError('model.none', 'There is no trained model yet.');
    const encoded = encodeForModel(EXAMPLE, { vocab: vocabularyOf(model), maxlen: model.maxlen, options: { padding: model.padding, truncating: model.truncating } }, STOP_WORD_SET);
    const values = await predict([encoded.padded]);
    return {
      spec: model.spec,
      weights: model.weights,
      backend,
      trained: history.length > 0 ? `${t('notebook.fact.epochs', { epochs: history.length })}, Adam ${learningRate}, ${model.datasetName}` : null,
      example: {
        input: { values: Float32Array.from(encoded.padded), shape: [1, model.maxlen] },
        outputs: [{ values: Float32Array.from(values), shape: [1, values.length] }],
        description: t('notebook.sentiment.example', { text: EXAMPLE, classes: model.classes.join(', ') }),
      },
      training: { optimizer: 'adam', learningRate, loss: 'categorical_crossentropy', metrics: ['accuracy'] },
    };
  }

  return {
    spec: model?.spec ?? null,
    summary: t('notebook.sentiment.summary', { dataset: model?.datasetName ?? '' }),
    name: `unrolled-sentiment-${model?.spec.layers.map((l) => l.name).join('-') ?? 'model'}`,
    prepare: ready ? prepare : null,
  };
}
