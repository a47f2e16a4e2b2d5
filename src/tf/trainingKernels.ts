/**
 * Loads the training kernel's WebAssembly SIMD products (public/generated/training-kernels.wasm,
 * compiled from src/engine/train/wasm/products.ts by `npm run data`) for createKernelTrainer's
 * `wasm` option. Compiled once per worker (or page) and shared by every trainer in it. Resolves to
 * null where wasm SIMD is missing or the file cannot be fetched: the kernel then runs its
 * TypeScript products, the same numbers, slower. Compiling asynchronously also keeps clear of
 * Chrome's limit on synchronous compiles on the main thread.
 */
import { wasmSimdSupported } from '../engine/train';

export const TRAINING_KERNELS_URL = `${import.meta.env.BASE_URL}generated/training-kernels.wasm`;

let compiled: Promise<WebAssembly.Module | null> | null = null;

export function loadTrainingKernels(url = TRAINING_KERNELS_URL): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    if (!wasmSimdSupported()) return null;
    try {
      const response = await fetch(url);
      if (!response.ok) return null;
      return await WebAssembly.compile(await response.arrayBuffer());
    } catch {
      return null;
    }
  })();
  return compiled;
}
