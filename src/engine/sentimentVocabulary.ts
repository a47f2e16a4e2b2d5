/**
 * A trained sentiment model keeps its vocabulary as a plain word list (what is saved and exported
 * next to the weights); these turn a dataset's vocabulary into that list and the list back into a
 * Vocabulary the text encoder reads.
 */
import type { SentimentDataset } from './sentimentPreprocess';
import type { Vocabulary } from './text';

/** The encoder's vocabulary for a model's word list (vocabWords[i] has id i + 1). */
export function vocabularyOf(model: { vocabWords: string[]; numWords: number | undefined }): Vocabulary {
  return { counts: [], wordIndex: new Map(model.vocabWords.map((w, i) => [w, i + 1])), options: { filters: '', numWords: model.numWords } };
}

/** Words by id, for the ids the model's embedding has rows for. */
export function vocabWordsOf(dataset: SentimentDataset): string[] {
  const words: string[] = [];
  for (const [word, id] of dataset.vocab.wordIndex) if (id < dataset.vocabSize) words[id - 1] = word;
  return words;
}
