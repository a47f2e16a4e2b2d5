/**
 * A sentiment model for ModelExport: its weights and model.predict for one review, read together
 * from the worker where the model lives, the review cleaned and encoded the way the lab encodes
 * everything it reads. The lab's trainer and each model of the comparison use the one builder.
 */
import { type Translate, useT } from '../../book/i18n';
import { STOP_WORD_SET } from '../../engine/labelledTexts';
import type { TensorValues } from '../../engine/notebook/writeNotebook';
import { encodeForModel } from '../../engine/sentimentPreprocess';
import { vocabularyOf } from '../../engine/sentimentVocabulary';
import type { ModelInfo } from '../../state/sentimentModel';
import type { ModelForPython } from '../../tf/notebookExport';
import type { ModelExportProps, PythonExport } from '../shared/ModelExport';
import { useSentiment } from './SentimentLab';

/** One review in the UCI sentences' style; what matters is that its words are in most vocabularies. */
const EXAMPLE = 'The food was great and the service was really good';

export interface SentimentExportSource {
  info: ModelInfo;
  /** The worker's weights and prediction for one input. */
  read(input: TensorValues): Promise<ModelForPython>;
  epochs: number;
  learningRate: number;
  backend: string | null;
}

export async function sentimentPythonExport(t: Translate, { info, read, epochs, learningRate, backend }: SentimentExportSource): Promise<PythonExport> {
  const encoded = encodeForModel(EXAMPLE, { vocab: vocabularyOf(info), maxlen: info.maxlen, options: { padding: info.padding, truncating: info.truncating } }, STOP_WORD_SET);
  const { weights, example } = await read({ values: Float32Array.from(encoded.padded), shape: [1, info.maxlen] });
  return {
    spec: info.spec,
    weights,
    backend,
    trained: epochs > 0 ? `${t('notebook.fact.epochs', { epochs })}, Adam ${learningRate}, ${info.datasetName}` : null,
    example: { ...example, description: t('notebook.sentiment.example', { text: EXAMPLE, classes: info.classes.join(', ') }) },
    training: { optimizer: 'adam', learningRate, loss: 'categorical_crossentropy', metrics: ['accuracy'] },
  };
}

/** File name of a sentiment model's notebook, from its layers. */
export const sentimentExportName = (info: Pick<ModelInfo, 'spec'> | null) => `unrolled-sentiment-${info?.spec.layers.map((l) => l.name).join('-') ?? 'model'}`;

/** The lab's trained model for ModelExport. */
export function useSentimentExport(): ModelExportProps {
  const t = useT();
  const model = useSentiment((s) => s.model);
  const phase = useSentiment((s) => s.phase);
  const forPython = useSentiment((s) => s.forPython);
  const backend = useSentiment((s) => s.backend);
  const history = useSentiment((s) => s.history);
  const learningRate = useSentiment((s) => s.run?.learningRate ?? s.settings.learningRate);
  const ready = model !== null && phase !== 'training' && phase !== 'building';

  return {
    spec: model?.spec ?? null,
    summary: t('notebook.sentiment.summary', { dataset: model?.datasetName ?? '' }),
    name: sentimentExportName(model),
    prepare: ready ? () => sentimentPythonExport(t, { info: model, read: forPython, epochs: history.length, learningRate, backend }) : null,
  };
}
