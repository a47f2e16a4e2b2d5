/**
 * The book's metadata in an imported sentiment model.json, checked against the model's layers
 * (src/engine/sentimentModelMeta.ts): what it accepts, and a coded refusal for each way it can
 * fail to fit.
 */
import { describe, expect, it } from 'vitest';
import { strings } from '../../src/book/i18n';
import { BookError } from '../../src/engine/errors';
import { readSentimentModelMeta } from '../../src/engine/sentimentModelMeta';
import type { ModelSpec } from '../../src/engine/spec';

const spec = (maxlen: number | null, inputDim = 6, classes = 2): ModelSpec => ({
  inputShape: [maxlen],
  layers: [
    { kind: 'embedding', name: 'embedding', inputDim, outputDim: 3 },
    { kind: 'lstm', name: 'lstm', units: 4 },
    { kind: 'dense', name: 'out', units: classes, activation: 'softmax' },
  ],
});
const meta = (fields: Record<string, unknown>) => ({ unrolled: { vocabWords: ['good', 'bad', 'food'], classes: ['negative', 'positive'], maxlen: 8, ...fields } });

function refusal(metadata: unknown, s: ModelSpec): BookError {
  try {
    readSentimentModelMeta(metadata, s);
  } catch (error) {
    expect(error).toBeInstanceOf(BookError);
    expect(`error.${(error as BookError).code}` in strings.en).toBe(true);
    return error as BookError;
  }
  throw new Error('expected a refusal');
}

describe('sentiment model metadata', () => {
  it('reads what the book exports, the input length from the model before the metadata', () => {
    expect(readSentimentModelMeta(meta({ padding: 'pre', numWords: 5, datasetName: 'uci' }), spec(20))).toEqual({
      vocabWords: ['good', 'bad', 'food'],
      numWords: 5,
      classes: ['negative', 'positive'],
      maxlen: 20,
      padding: 'pre',
      truncating: 'post',
      datasetName: 'uci',
    });
    // A model without a fixed input length pads to the metadata's maxlen; odd optional fields fall back.
    expect(readSentimentModelMeta(meta({ numWords: 'many', datasetName: 7 }), spec(null))).toMatchObject({ maxlen: 8, numWords: undefined, datasetName: 'imported' });
  });

  it('refuses metadata that does not fit the layers, each with its own code', () => {
    expect(refusal(null, spec(8)).code).toBe('modelFiles.noVocabulary');
    expect(refusal(meta({ vocabWords: ['good', 3] }), spec(8)).code).toBe('modelFiles.noVocabulary');
    expect(refusal(meta({ classes: 'positive' }), spec(8)).code).toBe('modelFiles.noVocabulary');
    // Three words need ids 1–3, so an Embedding of 3 rows (ids 0–2) cannot read them.
    expect(refusal(meta({}), spec(8, 3)).params).toEqual({ words: 3, last: 2 });
    expect(refusal(meta({}), spec(8, 6, 3)).params).toEqual({ classes: 2, units: 3 });
    expect(refusal(meta({ maxlen: 2.5 }), spec(null)).code).toBe('modelFiles.noMaxlen');
    expect(refusal(meta({}), { inputShape: [8], layers: [{ kind: 'lstm', name: 'lstm', units: 4 }] }).code).toBe('modelFiles.noEmbedding');
  });
});
