/**
 * The sentiment worker's real handlers run in-process on tfjs' cpu backend, with checkpoints in
 * IndexedDB as in the browser (fake-indexeddb in these tests, so the page's check for a saved
 * model sees them too), and the shipped sentences served to fetch() from public/generated.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { vi } from 'vitest';
import type { SentimentWorkerApi } from '../../src/tf/sentimentClient';
import { createSentimentHandlers } from '../../src/tf/sentimentHandlers';
import { type CheckpointStore, indexedDbCheckpoints } from '../../src/tf/training';

export function inProcessSentimentWorker(checkpoints: CheckpointStore = indexedDbCheckpoints()): SentimentWorkerApi {
  const { handlers, cancel, pause, resume } = createSentimentHandlers({ tf, checkpoints, startBackend: async () => (await tf.setBackend('cpu'), 'cpu') });
  return {
    call: (call, args, onProgress) => Promise.resolve((handlers[call] as (a: unknown, p: unknown) => unknown)(args, onProgress ?? (() => undefined))) as never,
    cancel,
    pause,
    resume,
    crashed: false,
    dispose: () => undefined,
  };
}

/** Serves public/generated/sentences.json (made by `npm run data`) to every fetch(). */
export async function serveShippedSentences(): Promise<void> {
  await tf.setBackend('cpu');
  const file = readFileSync(join(process.cwd(), 'public/generated/sentences.json'), 'utf8');
  vi.stubGlobal('fetch', async () => new Response(file, { status: 200, headers: { 'content-type': 'application/json' } }));
}
