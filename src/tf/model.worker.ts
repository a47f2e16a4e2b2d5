/// <reference lib="webworker" />
/**
 * The worker that owns a tfjs model, so that training never blocks the page. It is a thin
 * message adapter around ModelSession.
 */
import { chooseBackend, loadTf } from './backend';
import { ModelSession } from './modelSession';
import type { WorkerMessage, WorkerRequest } from './workerProtocol';

declare const self: DedicatedWorkerGlobalScope;

let session: ModelSession | null = null;

const post = (message: WorkerMessage) => self.postMessage(message);

async function handle(request: Exclude<WorkerRequest, { call: 'stop' }>): Promise<unknown> {
  switch (request.call) {
    case 'build': {
      const tf = await loadTf();
      const backend = await chooseBackend(tf, request.args.needs);
      session ??= new ModelSession(tf);
      return { backend, ...session.build(request.args.spec, request.args.compile, request.args.weights) };
    }
    case 'fit': {
      const s = requireSession();
      const { stopped } = await s.fit(request.args.data, { ...request.args.options, onEpoch: (epoch) => post({ id: request.id, epoch }) });
      return { stopped, weights: s.weights() };
    }
    case 'predict':
      return requireSession().predict(request.args.x, request.args.shape);
    case 'setWeights':
      requireSession().setWeights(request.args.weights);
      return null;
  }
}

function requireSession(): ModelSession {
  if (!session) throw new Error('Build the model before using it.');
  return session;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.call === 'stop') {
    session?.stop();
    return;
  }
  handle(request).then(
    (result) => post({ id: request.id, ok: true, result }),
    (error: unknown) => post({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
};
