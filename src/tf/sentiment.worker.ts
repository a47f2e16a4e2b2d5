/// <reference lib="webworker" />
/**
 * The sentiment worker: the models, their training and their checkpoints live here so the page
 * stays responsive while they learn. A thin adapter around sentimentHandlers.
 */
import { chooseBackend, loadTf } from './backend';
import type { SentimentCalls } from './sentimentCalls';
import { createSentimentHandlers } from './sentimentHandlers';
import { indexedDbCheckpoints } from './training';
import { serveDeferred } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

const worker = loadTf().then((tf) => createSentimentHandlers({ tf, checkpoints: indexedDbCheckpoints(), startBackend: () => chooseBackend(tf) }));

// Listening starts at once (tfjs is still loading), so no early message is lost.
serveDeferred<SentimentCalls>(self, worker);
