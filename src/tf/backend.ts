/**
 * Loads tfjs on demand and picks the backend its models live on (build, summary, predict,
 * export): wasm, else webgl, else cpu. The choice is returned so the page can tell the reader
 * which one runs. Where training runs is chosen separately, by measurement (training/engines.ts).
 */
import { BookError } from '../engine/errors';
import type { BackendName, Tf } from './types';

const PREFERENCE: BackendName[] = ['wasm', 'webgl', 'cpu'];

let loading: Promise<Tf> | null = null;

async function registerWasm(tf: Tf): Promise<void> {
  const [wasm, plain, simd, threaded] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  // The threaded build needs cross-origin isolation and crashed the page under COOP/COEP.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': plain.default,
    'tfjs-backend-wasm-simd.wasm': simd.default,
    'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
  });
}

/** tfjs itself, loaded once, with the wasm backend registered next to cpu and webgl. */
export function loadTf(): Promise<Tf> {
  loading ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    await registerWasm(tf);
    return tf;
  })();
  return loading;
}

/** Tries the backends in order of preference; the first that initialises wins. */
export async function chooseBackend(tf: Tf, preference = PREFERENCE): Promise<BackendName> {
  for (const backend of preference) {
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return backend;
      }
    } catch {
      // A backend that fails to start (no WebGL, no wasm) simply is not this machine's choice.
    }
  }
  throw new BookError('tfjs.noBackend', `No tfjs backend starts here (tried ${preference.join(', ')}).`, { tried: preference.join(', ') });
}
