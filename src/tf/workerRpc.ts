/**
 * Promise-shaped calls into a Web Worker, typed by a map of call names to argument, result and
 * progress types. Every feature that trains off the main thread (toy models, sentiment, the
 * character model, MNIST) defines its own call map and worker file and shares this plumbing.
 */
import { errorMessage } from '../engine/errors';

export type CallMap = Record<string, { args: unknown; result: unknown; progress?: unknown }>;

type CallRequest = { id: number; call: string; args: unknown };
type Request = CallRequest | { id: 0; call: '$cancel' };

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string } | { id: number; progress: unknown };

export interface RpcClient<C extends CallMap> {
  call<K extends keyof C & string>(
    call: K,
    args: C[K]['args'],
    onProgress?: (progress: C[K]['progress']) => void,
    transfer?: Transferable[],
  ): Promise<C[K]['result']>;
  /** Asks the worker to stop its long-running call at its next checkpoint. */
  cancel(): void;
  /** Ends the worker; calls still pending are rejected. */
  dispose(): void;
}

export function createRpcClient<C extends CallMap>(worker: Worker, name: string): RpcClient<C> {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; onProgress?(p: unknown): void }>();
  let nextId = 1;
  const rejectAll = (error: Error) => {
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  };

  worker.onmessage = (event: MessageEvent<Reply>) => {
    const reply = event.data;
    const entry = pending.get(reply.id);
    if (!entry) return;
    if ('progress' in reply) return entry.onProgress?.(reply.progress);
    pending.delete(reply.id);
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(new Error(reply.error));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    rejectAll(new Error(`The ${name} worker failed: ${event.message || 'unknown error'}`));
  };

  return {
    call(call, args, onProgress, transfer = []) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: onProgress as (p: unknown) => void });
        worker.postMessage({ id, call, args } satisfies Request, transfer);
      });
    },
    cancel: () => worker.postMessage({ id: 0, call: '$cancel' } satisfies Request),
    dispose() {
      worker.terminate();
      rejectAll(new Error(`The ${name} worker was closed.`));
    },
  };
}

export type Handlers<C extends CallMap> = {
  [K in keyof C]: (args: C[K]['args'], progress: (p: C[K]['progress']) => void) => C[K]['result'] | Promise<C[K]['result']>;
};

/** The worker's side: answers each call with its handler's result or error message. */
export function serveRpc<C extends CallMap>(scope: DedicatedWorkerGlobalScope, handlers: Handlers<C>, onCancel: () => void): void {
  scope.onmessage = (event: MessageEvent<Request>) => {
    const request = event.data;
    if (request.call === '$cancel') return onCancel();
    const { id, call, args } = request as CallRequest;
    const post = (reply: Reply) => scope.postMessage(reply);
    const handler = handlers[call as keyof C];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`Unknown worker call "${call}".`);
        return handler(args as never, (progress) => post({ id, progress }));
      })
      .then(
        (result) => post({ id, ok: true, result }),
        (error: unknown) => post({ id, ok: false, error: errorMessage(error) }),
      );
  };
}
