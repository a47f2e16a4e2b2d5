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
import { serveDeferred } from './workerRpc';

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
serveDeferred<MnistCalls>(self, trainer);
