/**
 * The WebAssembly SIMD products (wasm/products.ts, compiled at build time) behind the same
 * Products interface as the TypeScript loop. The caller hands over the compiled module (src/tf
 * fetches public/generated/training-kernels.wasm; node tests read the file): the engine itself
 * loads nothing, so it runs unchanged in a page, a worker or node.
 *
 * The module works on the arena's own WebAssembly.Memory, so A, B and C are passed as byte
 * addresses (a view's byteOffset plus its offset) and nothing is copied in or out.
 */
import type { Products } from './products';

interface GemmExports {
  gemm(M: number, N: number, K: number, a: number, ars: number, acs: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
}

/** The smallest module using a v128 instruction: whether this browser runs wasm SIMD at all. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export function wasmProducts(module: WebAssembly.Module, memory: WebAssembly.Memory): Products {
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('The training kernels aborted (a bug: an index left the arena).');
      },
    },
  });
  const exports = instance.exports as unknown as GemmExports;
  const buffer = memory.buffer;
  return {
    name: 'wasm-simd',
    gemm(M, N, K, A, aOff, ars, acs, B, bOff, ldb, C, cOff, ldc, accumulate) {
      if (M === 0 || N === 0) return;
      if (A.buffer !== buffer || B.buffer !== buffer || C.buffer !== buffer) throw new Error('wasm products need views of the arena memory.');
      exports.gemm(M, N, K, A.byteOffset + aOff * 4, ars, acs, B.byteOffset + bOff * 4, ldb, C.byteOffset + cOff * 4, ldc, accumulate ? 1 : 0);
    },
  };
}
