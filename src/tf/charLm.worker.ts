/// <reference lib="webworker" />
/**
 * The character-model worker: training, sampling, unit traces and model import run here so the
 * page stays responsive through minutes of training. A thin adapter around charLmTrainer.
 */
import { BookError } from '../engine/errors';
import { chooseBackend, loadTf } from './backend';
import type { CharLmCalls } from './charLmCalls';
import { createCharLmHandlers } from './charLmTrainer';
import { indexedDbCheckpoints } from './training';
import type { BackendName } from './types';
import { serveDeferred } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

let backend: Promise<BackendName> | null = null;

async function fetchText(url: string, onProgress: (loaded: number, total: number) => void): Promise<string> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new BookError('data.http', `Could not load ${url} (HTTP ${response.status}).`, { url, status: response.status });
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.length;
    text += decoder.decode(value, { stream: true });
    onProgress(loaded, total);
  }
  return (text + decoder.decode()).replace(/\r\n?/g, '\n');
}

const trainer = loadTf().then((tf) =>
  createCharLmHandlers({
    tf,
    checkpoints: indexedDbCheckpoints(),
    startBackend: () => (backend ??= chooseBackend(tf)),
    fetchText,
  }),
);

// Listening starts at once (tfjs is still loading), so no early message is lost.
serveDeferred<CharLmCalls>(self, trainer);
