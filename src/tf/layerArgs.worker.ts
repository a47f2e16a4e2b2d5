/// <reference lib="webworker" />
/**
 * The layer playground's worker. It only builds models and reads them back (no training), but
 * building can take a while (orthogonal init of a wide LSTM), so it stays off the main thread.
 */
import { chooseBackend, loadTf } from './backend';
import { buildFunctional, inspectFunctional } from './buildFunctional';
import type { LayerArgsCalls } from './layerArgsProtocol';
import { readModelForPython } from './notebookExport';
import { serveRpc } from './workerRpc';

declare const self: DedicatedWorkerGlobalScope;

let backend: ReturnType<typeof chooseBackend> | null = null;

serveRpc<LayerArgsCalls>(
  self,
  {
    async inspect({ spec }) {
      const tf = await loadTf();
      backend ??= chooseBackend(tf);
      return { backend: await backend, ...inspectFunctional(tf, spec) };
    },
    async forPython({ spec, input }) {
      const tf = await loadTf();
      backend ??= chooseBackend(tf);
      const chosen = await backend;
      const model = buildFunctional(tf, spec);
      try {
        return { backend: chosen, ...readModelForPython(tf, model, input) };
      } finally {
        model.dispose();
      }
    },
  },
  // A build cannot be interrupted; the page ends the worker instead when the reader moves on.
  () => undefined,
);
