/**
 * The sentiment chapters' data: the shipped UCI sentences (built by scripts/data/sentences.ts
 * into /generated/sentences.json) and the stop-word list the preprocessing uses. A reader's own
 * CSV arrives through csvImport.ts in the same LabelledTexts form.
 */
import { eng } from 'stopword';

/** Texts with one label each, plus where they came from: the form every source is turned into. */
export interface LabelledTexts {
  /** A short name for the reader: "UCI sentences (IMDB, Yelp, Amazon)" or a file name. */
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
export const SENTENCES_URL = '/generated/sentences.json';

interface SentencesFile {
  sources: string[];
  source: number[];
  text: string[];
  label: number[];
}

function isSentencesFile(value: unknown): value is SentencesFile {
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

let cached: Promise<LabelledTexts> | null = null;

/** The 3,000 UCI sentences, fetched once per page. */
export function loadSentences(fetcher: typeof fetch = fetch): Promise<LabelledTexts> {
  cached ??= (async () => {
    let response: Response;
    try {
      response = await fetcher(SENTENCES_URL);
    } catch (error) {
      throw new Error(`Could not load the sentences (${SENTENCES_URL}): ${error instanceof Error ? error.message : String(error)}.`);
    }
    if (!response.ok) throw new Error(`Could not load the sentences: ${SENTENCES_URL} answered ${response.status}. Run "npm run data" to build it.`);
    const data: unknown = await response.json().catch(() => null);
    if (!isSentencesFile(data)) throw new Error(`${SENTENCES_URL} is not the sentences file the book expects; rebuild it with "npm run data".`);
    return {
      name: 'UCI sentences (IMDB, Yelp, Amazon)',
      texts: data.text,
      labels: data.label.map((l) => UCI_LABELS[l] ?? String(l)),
      source: data.source,
      sources: data.sources,
    };
  })();
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
