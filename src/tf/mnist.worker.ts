/// <reference lib="webworker" />
/**
 * The MNIST worker: the digits, the model and its training live here so the page stays
 * responsive while the LSTM learns. A thin adapter around mnistTrainer.
 */
import { chooseBackend, loadTf } from './backend';
import { fetchBytes } from './fetchBytes';
import type { MnistCalls } from './mnistCalls';
import { createMnistHandlers } from './mnistTrainer';
import { indexedDbCheckpoints } from './training';
import { type Handlers, serveRpc } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

const trainer = loadTf().then((tf) =>
  createMnistHandlers({
    tf,
    checkpoints: indexedDbCheckpoints(),
    startBackend: () => chooseBackend(tf),
    fetchBytes,
  }),
);

// Listening starts at once (tfjs is still loading), so no early message is lost.
const deferred = new Proxy({} as Handlers<MnistCalls>, {
  get: (_, call: keyof MnistCalls) => async (args: never, progress: never) => ((await trainer).handlers[call] as (a: never, p: never) => unknown)(args, progress),
});
serveRpc<MnistCalls>(self, deferred, (action) => void trainer.then((t) => t[action]()));
