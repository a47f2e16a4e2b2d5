/**
 * A stand-in for the model worker that runs the same ModelSession in-process on tfjs' cpu
 * backend: component tests then exercise the real build/fit/predict path without a Worker.
 */
import * as tf from '@tensorflow/tfjs';
import { ModelSession } from '../../src/tf/modelSession';
import type { ModelWorkerApi } from '../../src/tf/modelWorkerClient';

export function createInProcessWorker(): ModelWorkerApi {
  const session = new ModelSession(tf);
  return {
    async call(call, args, onEpoch) {
      await tf.setBackend('cpu');
      const a = args as never as Record<string, never>;
      switch (call) {
        case 'build':
          return { backend: 'cpu', ...session.build(a.spec, a.compile, a.weights) } as never;
        case 'fit': {
          const { stopped } = await session.fit(a.data, { ...(a.options as object), onEpoch } as never);
          return { stopped, weights: session.weights() } as never;
        }
        case 'predict':
          return session.predict(a.x, a.shape) as never;
        case 'forPython':
          return session.forPython(a.input) as never;
        case 'setWeights':
          session.setWeights(a.weights);
          return null as never;
      }
      throw new Error(`Unknown call ${String(call)}`);
    },
    cancel: () => session.stop(),
    pause: () => undefined,
    resume: () => undefined,
    crashed: false,
    dispose: () => session.dispose(),
  };
}
