/// <reference lib="webworker" />
/** The sentiment worker: a message adapter around createSentimentHandlers. */
import { chooseBackend, loadTf } from './backend';
import type { SentimentCalls } from './sentimentCalls';
import { createSentimentHandlers, indexedDbModelStore } from './sentimentHandlers';
import { serveRpc } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

const { handlers, cancel } = createSentimentHandlers({ tf: loadTf, backend: chooseBackend, store: indexedDbModelStore });
serveRpc<SentimentCalls>(self, handlers, { cancel });
