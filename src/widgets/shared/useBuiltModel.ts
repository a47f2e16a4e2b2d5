/**
 * Builds a ModelSpec in tfjs, in a worker of the widget's own, and hands back what the book
 * shows of it: summary lines, tfjs' own per-layer counts, weights and the backend. The worker
 * ends with the widget. A spec tfjs cannot build comes back as its error message.
 */
import { useEffect, useState } from 'react';
import type { ModelSpec } from '../../engine/spec';
import { createModelWorker } from '../../tf/modelWorkerClient';
import type { BackendName, NamedWeight } from '../../tf/types';

export type BuiltModelState =
  | { status: 'building' }
  | { status: 'error'; error: string }
  | { status: 'ready'; summary: string[]; layerParams: { name: string; params: number }[]; weights: NamedWeight[]; backend: BackendName };

const COMPILE = { optimizer: 'adam', learningRate: 0.001, loss: 'meanSquaredError' } as const;

export function useBuiltModel(spec: ModelSpec): BuiltModelState {
  const key = JSON.stringify(spec);
  const [state, setState] = useState<{ key: string; value: BuiltModelState }>({ key, value: { status: 'building' } });

  useEffect(() => {
    const worker = createModelWorker();
    let live = true;
    worker.call('build', { spec: JSON.parse(key) as ModelSpec, compile: COMPILE }).then(
      (built) => live && setState({ key, value: { status: 'ready', ...built } }),
      (error: Error) => live && setState({ key, value: { status: 'error', error: error.message } }),
    );
    return () => {
      live = false;
      worker.dispose();
    };
  }, [key]);

  return state.key === key ? state.value : { status: 'building' };
}
