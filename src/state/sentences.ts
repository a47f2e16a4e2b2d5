/**
 * Loads the sentiment chapters' shipped data: the 3,000 UCI sentences built by
 * scripts/data/sentences.ts into /generated/sentences.json. Fetched once per page and shared by
 * every sentiment widget (the file never changes while the page is open); a failed fetch is
 * forgotten so the next widget can try again.
 */
import { BookError, errorMessage } from '../engine/errors';
import { type LabelledTexts, isSentencesFile, sentencesToTexts } from '../engine/labelledTexts';

export const SENTENCES_URL = `${import.meta.env.BASE_URL}generated/sentences.json`;

let cached: Promise<LabelledTexts> | null = null;

/** The 3,000 UCI sentences, fetched once per page. */
export function loadSentences(fetcher: typeof fetch = fetch): Promise<LabelledTexts> {
  cached ??= (async () => {
    let response: Response;
    try {
      response = await fetcher(SENTENCES_URL);
    } catch (error) {
      throw new BookError('sentences.fetchFailed', `Could not load the sentences (${SENTENCES_URL}): ${errorMessage(error)}.`, { url: SENTENCES_URL, detail: errorMessage(error) });
    }
    if (!response.ok) throw new BookError('sentences.http', `Could not load the sentences: ${SENTENCES_URL} answered ${response.status}. Run "npm run data" to build it.`, { url: SENTENCES_URL, status: response.status });
    const data: unknown = await response.json().catch(() => null);
    if (!isSentencesFile(data)) throw new BookError('sentences.badFile', `${SENTENCES_URL} is not the sentences file the book expects; rebuild it with "npm run data".`, { url: SENTENCES_URL });
    return sentencesToTexts(data);
  })();
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
