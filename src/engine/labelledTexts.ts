/**
 * The form every sentiment data source is turned into (the shipped UCI sentences, a reader's CSV),
 * the stop-word list the preprocessing uses, and the check that the shipped sentences file is
 * what the book expects. Pure: loading the file is src/state/sentences.ts.
 */
import { eng } from 'stopword';

/** Texts with one label each, plus where they came from: the form every source is turned into. */
export interface LabelledTexts {
  /** A short name for the reader, the same in every edition: "UCI (IMDB, Yelp, Amazon)" or a file name. */
  name: string;
  texts: string[];
  labels: string[];
  /** Per text, an index into `sources` (UCI only). */
  source?: number[];
  sources?: string[];
}

/** npm `stopword`'s English list: unlike NLTK's it keeps "no" and "not", which carry sentiment. */
export const STOP_WORDS: readonly string[] = eng;
export const STOP_WORD_SET: ReadonlySet<string> = new Set(eng);

export const UCI_LABELS = ['negative', 'positive'] as const;

/** The shipped sentences as scripts/data/sentences.ts writes them. */
export interface SentencesFile {
  sources: string[];
  source: number[];
  text: string[];
  label: number[];
}

export function isSentencesFile(value: unknown): value is SentencesFile {
  const v = value as SentencesFile;
  return (
    !!v &&
    Array.isArray(v.sources) &&
    Array.isArray(v.source) &&
    Array.isArray(v.text) &&
    Array.isArray(v.label) &&
    v.text.length === v.label.length &&
    v.text.length === v.source.length
  );
}

export function sentencesToTexts(data: SentencesFile): LabelledTexts {
  return {
    name: 'UCI (IMDB, Yelp, Amazon)',
    texts: data.text,
    labels: data.label.map((l) => UCI_LABELS[l] ?? String(l)),
    source: data.source,
    sources: data.sources,
  };
}
