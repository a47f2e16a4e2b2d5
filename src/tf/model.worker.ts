/// <reference lib="webworker" />
/**
 * The general-purpose model worker: a model built to be read, or a small model the reader trains,
 * lives here so that training never blocks the page. A thin adapter around modelHandlers.
 */
import { chooseBackend, loadTf } from './backend';
import type { ModelCalls } from './modelCalls';
import { createModelHandlers } from './modelHandlers';
import { indexedDbCheckpoints } from './training';
import { type Handlers, serveRpc } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

const worker = loadTf().then((tf) => createModelHandlers({ tf, checkpoints: indexedDbCheckpoints(), startBackend: () => chooseBackend(tf) }));

// Listening starts at once (tfjs is still loading), so no early message is lost.
const deferred = new Proxy({} as Handlers<ModelCalls>, {
  get: (_, call: keyof ModelCalls) => async (args: never, progress: never) => ((await worker).handlers[call] as (a: never, p: never) => unknown)(args, progress),
});
serveRpc<ModelCalls>(self, deferred, (action) => void worker.then((w) => w[action]()));
