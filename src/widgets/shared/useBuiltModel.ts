/**
 * Builds a ModelSpec in tfjs, in a worker of the widget's own, and hands back what the book
 * shows of it: summary lines, tfjs' own per-layer counts, weights and the backend. One worker
 * serves the widget's whole life (a new spec is a new build, not a new worker and a new tfjs
 * load) and ends with the widget. A spec tfjs cannot build comes back as its error (code and parameters, for the reader's language).
 */
import { useEffect, useRef, useState } from 'react';
import { type ReaderError, describeError } from '../../engine/errors';
import type { ModelSpec } from '../../engine/spec';
import { type ModelWorkerApi, createModelWorker } from '../../tf/modelWorkerClient';
import type { BackendName, NamedWeight } from '../../tf/types';

export type BuiltModelState =
  | { status: 'building' }
  | { status: 'error'; error: ReaderError }
  | { status: 'ready'; summary: string[]; layerParams: { name: string; params: number }[]; weights: NamedWeight[]; backend: BackendName };

export function useBuiltModel(spec: ModelSpec): BuiltModelState {
  const key = JSON.stringify(spec);
  const [state, setState] = useState<{ key: string; value: BuiltModelState }>({ key, value: { status: 'building' } });
  const worker = useRef<ModelWorkerApi | null>(null);

  useEffect(
    () => () => {
      worker.current?.dispose();
      worker.current = null;
    },
    [],
  );

  useEffect(() => {
    let live = true;
    worker.current ??= createModelWorker();
    worker.current.call('build', { spec: JSON.parse(key) as ModelSpec }).then(
      (built) => live && setState({ key, value: { status: 'ready', ...built } }),
      (error: unknown) => live && setState({ key, value: { status: 'error', error: describeError(error) } }),
    );
    // A result for a spec the reader has already changed is dropped; the newer build answers later.
    return () => {
      live = false;
    };
  }, [key]);

  return state.key === key ? state.value : { status: 'building' };
}
