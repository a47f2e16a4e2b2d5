/// <reference lib="webworker" />
/**
 * The general-purpose model worker: a model built to be read, or a small model the reader trains,
 * lives here so that training never blocks the page. A thin adapter around modelHandlers.
 */
import { chooseBackend, loadTf } from './backend';
import type { ModelCalls } from './modelCalls';
import { createModelHandlers } from './modelHandlers';
import { indexedDbCheckpoints } from './training';
import { serveDeferred } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

const worker = loadTf().then((tf) => createModelHandlers({ tf, checkpoints: indexedDbCheckpoints(), startBackend: () => chooseBackend(tf) }));

// Listening starts at once (tfjs is still loading), so no early message is lost.
serveDeferred<ModelCalls>(self, worker);
