/**
 * A binary file fetched with its progress reported as the bytes arrive, for data sets large
 * enough that the reader should see them coming (the MNIST digits). No tfjs here: the page uses
 * it as well as the workers.
 */
import { BookError } from '../engine/errors';

export async function fetchBytes(url: string, onProgress: (loaded: number, total: number) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    // Offline, and the file was never loaded here (large data is saved for offline use only once
    // it has been used): say that, rather than the browser's "Failed to fetch".
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      const file = url.slice(url.lastIndexOf('/') + 1);
      throw new BookError('data.offline', `You are offline, and ${file} has not been saved on this device yet. Open this chapter once while online to load it; after that it works offline too.`, { file }, { cause: error });
    }
    throw error;
  }
  if (!response.ok || !response.body) throw new BookError('data.http', `Could not load ${url} (HTTP ${response.status}).`, { url, status: response.status });
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, Math.max(total, loaded));
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
