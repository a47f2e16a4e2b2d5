/**
 * Promise-shaped calls into a Web Worker, typed by a map of call names to argument, result and
 * progress types. Every feature that trains off the main thread (toy models, sentiment, the
 * character model, MNIST) defines its own call map and worker file and shares this plumbing.
 */
import { BookError, type ReaderError, describeError, fromDescription } from '../engine/errors';

export type CallMap = Record<string, { args: unknown; result: unknown; progress?: unknown }>;

type CallRequest = { id: number; call: string; args: unknown };
/** Control messages reach a running call between its steps (the training loop yields after each). */
export type ControlAction = 'cancel' | 'pause' | 'resume';
type Request = CallRequest | { id: 0; call: '$control'; action: ControlAction };

/**
 * The worker died (an uncaught error, out of memory): it has been terminated, every pending call
 * rejected with this, and the client refuses new calls. A page shows the message and offers to
 * start a new worker (restart), no reload needed.
 */
export class WorkerCrashedError extends BookError {
  readonly crashed = true;
}

export function isWorkerCrash(error: unknown): error is WorkerCrashedError {
  return error instanceof WorkerCrashedError || (typeof error === 'object' && error !== null && (error as { crashed?: unknown }).crashed === true);
}

/** A store's fields for a failed call: a crash is shown with a restart button, anything else as an error. */
export function workerFailure(error: unknown): { crashed: ReaderError; error: null } | { error: ReaderError } {
  return isWorkerCrash(error) ? { crashed: describeError(error), error: null } : { error: describeError(error) };
}

/** A failed call carries its error as data (code, parameters, English text): an Error's own fields do not survive postMessage. */
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ReaderError } | { id: number; progress: unknown };

export interface RpcClient<C extends CallMap> {
  call<K extends keyof C & string>(
    call: K,
    args: C[K]['args'],
    onProgress?: (progress: C[K]['progress']) => void,
    transfer?: Transferable[],
  ): Promise<C[K]['result']>;
  /** Asks the worker to stop its long-running call at its next step. */
  cancel(): void;
  /** Holds a running training loop between two steps, until resume() (or cancel()). */
  pause(): void;
  resume(): void;
  /** True once the worker has crashed; a new client (a new worker) is needed. */
  readonly crashed: boolean;
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
    else entry.reject(fromDescription(reply.error));
  };
  let crashed: WorkerCrashedError | null = null;
  const crash = (message: string) => {
    if (crashed) return;
    crashed = new WorkerCrashedError('worker.crashed', `The ${name} worker stopped unexpectedly (${message}). Its model is lost unless a checkpoint was saved; restart it to go on.`, { worker: name, detail: message });
    worker.terminate();
    rejectAll(crashed);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    crash(event.message || 'unknown error');
  };
  worker.onmessageerror = () => crash('a message could not be read');
  const control = (action: ControlAction) => {
    if (!crashed) worker.postMessage({ id: 0, call: '$control', action } satisfies Request);
  };

  return {
    call(call, args, onProgress, transfer = []) {
      if (crashed) return Promise.reject(crashed);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress: onProgress as (p: unknown) => void });
        worker.postMessage({ id, call, args } satisfies Request, transfer);
      });
    },
    cancel: () => control('cancel'),
    pause: () => control('pause'),
    resume: () => control('resume'),
    get crashed() {
      return crashed !== null;
    },
    dispose() {
      worker.terminate();
      rejectAll(new BookError('worker.closed', `The ${name} worker was closed.`, { worker: name }));
    },
  };
}

export type Handlers<C extends CallMap> = {
  [K in keyof C]: (args: C[K]['args'], progress: (p: C[K]['progress']) => void) => C[K]['result'] | Promise<C[K]['result']>;
};

/** What a worker does with control messages; a bare function handles cancel only. */
export type ControlHandlers = ((action: ControlAction) => void) | { cancel(): void; pause?(): void; resume?(): void };

/** The worker's side: answers each call with its handler's result or error message. */
export function serveRpc<C extends CallMap>(scope: DedicatedWorkerGlobalScope, handlers: Handlers<C>, control: ControlHandlers): void {
  const onControl = (action: ControlAction) => {
    if (typeof control === 'function') return control(action);
    if (action === 'cancel') control.cancel();
    else control[action]?.();
  };
  scope.onmessage = (event: MessageEvent<Request>) => {
    const request = event.data;
    if (request.call === '$control') return onControl((request as { action: ControlAction }).action);
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
        (error: unknown) => post({ id, ok: false, error: describeError(error) }),
      );
  };
}

/** What a worker serves once its setup is done: the calls, and the controls a run listens to. */
export interface WorkerService<C extends CallMap> {
  handlers: Handlers<C>;
  cancel(): void;
  pause(): void;
  resume(): void;
}

/**
 * serveRpc for a worker whose handlers exist only after an asynchronous setup (loading tfjs):
 * listening starts at once, so no early message is lost, and each call and control waits for it.
 */
export function serveDeferred<C extends CallMap>(scope: DedicatedWorkerGlobalScope, service: Promise<WorkerService<C>>): void {
  const handlers = new Proxy({} as Handlers<C>, {
    get: (_, call: string) => async (args: never, progress: never) => {
      const handler = (await service).handlers[call as keyof C] as ((a: never, p: never) => unknown) | undefined;
      if (!handler) throw new Error(`Unknown worker call "${call}".`);
      return handler(args, progress);
    },
  });
  serveRpc<C>(scope, handlers, (action) => void service.then((s) => s[action]()));
}
