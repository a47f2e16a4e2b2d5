/// <reference lib="webworker" />
/**
 * The worker that owns a tfjs model, so that training never blocks the page. It is a thin
 * message adapter around ModelSession.
 */
import { BookError } from '../engine/errors';
import { chooseBackend, loadTf } from './backend';
import { ModelSession } from './modelSession';
import type { ModelCalls } from './workerProtocol';
import { serveRpc } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

let session: ModelSession | null = null;

function requireSession(): ModelSession {
  if (!session) throw new BookError('model.notReady', 'Build the model before using it.');
  return session;
}

serveRpc<ModelCalls>(
  self,
  {
    async build({ spec, compile, weights, needs }) {
      const tf = await loadTf();
      const backend = await chooseBackend(tf, needs);
      session ??= new ModelSession(tf);
      return { backend, ...session.build(spec, compile, weights) };
    },
    async fit({ data, options }, progress) {
      const s = requireSession();
      const { stopped } = await s.fit(data, { ...options, onEpoch: progress });
      return { stopped, weights: s.weights() };
    },
    predict: ({ x, shape }) => requireSession().predict(x, shape),
    forPython: ({ input }) => requireSession().forPython(input),
    setWeights({ weights }) {
      requireSession().setWeights(weights);
      return null;
    },
  },
  { cancel: () => session?.stop() },
);
