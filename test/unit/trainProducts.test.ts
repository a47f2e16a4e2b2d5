/**
 * The kernel's matrix products (TypeScript, and the WebAssembly SIMD build of
 * src/engine/train/wasm/products.ts) against the plain triple loop, on shapes that exercise every
 * edge: rows not a multiple of 4, columns not a multiple of 8, strided sub-blocks, A read
 * transposed, and sizes past the wasm version's 256×256 cache panels.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import { BufferArena } from '../../src/engine/train/arena';
import { type Products, typescriptProducts } from '../../src/engine/train/products';
import { wasmProducts } from '../../src/engine/train/wasmProducts';

const arena = new BufferArena(4_000_000, true);
const module = new WebAssembly.Module(readFileSync(join(import.meta.dirname, '../../public/generated/training-kernels.wasm')));
const wasm = wasmProducts(module, arena.memory!);

interface Shape {
  M: number;
  N: number;
  K: number;
  transposeA: boolean;
  accumulate: boolean;
}

const SHAPES: Shape[] = [
  { M: 1, N: 1, K: 1, transposeA: false, accumulate: false },
  { M: 7, N: 13, K: 5, transposeA: false, accumulate: true },
  { M: 9, N: 21, K: 3, transposeA: true, accumulate: false },
  { M: 37, N: 300, K: 530, transposeA: false, accumulate: true },
  { M: 130, N: 517, K: 270, transposeA: true, accumulate: true },
  { M: 33, N: 83, K: 600, transposeA: false, accumulate: false },
];

function check(products: Products, shape: Shape, seed: number): number {
  const { M, N, K, transposeA, accumulate } = shape;
  const random = seededRandom(seed);
  const pad = 3;
  const lda = (transposeA ? M : K) + pad;
  const ldb = N + pad;
  const ldc = N + pad;
  const fill = (a: Float32Array) => {
    for (let i = 0; i < a.length; i++) a[i] = random() - 0.5;
    return a;
  };
  const A = fill(arena.floats((transposeA ? K : M) * lda + 2));
  const B = fill(arena.floats(K * ldb + 2));
  const C = fill(arena.floats(M * ldc + 2));
  const before = Float32Array.from(C);
  const [ars, acs] = transposeA ? [1, lda] : [lda, 1];
  products.gemm(M, N, K, A, 2, ars, acs, B, 1, ldb, C, 2, ldc, accumulate);
  let worst = 0;
  for (let i = 0; i < C.length; i++) {
    const r = Math.floor((i - 2) / ldc);
    const j = (i - 2) % ldc;
    const inside = i >= 2 && r < M && j < N;
    let want = before[i];
    if (inside) {
      let sum = accumulate ? before[i] : 0;
      for (let k = 0; k < K; k++) sum += A[2 + r * ars + k * acs] * B[1 + k * ldb + j];
      want = sum;
    }
    worst = Math.max(worst, Math.abs(C[i] - want));
  }
  return worst;
}

describe('matrix products', () => {
  for (const products of [typescriptProducts, wasm]) {
    SHAPES.forEach((shape, n) => {
      it(`${products.name}: ${shape.M}×${shape.K}${shape.transposeA ? 'ᵀ' : ''} · ${shape.K}×${shape.N}${shape.accumulate ? ' (accumulate)' : ''}`, () => {
        // float32 sums of up to 600 products of values below 0.5: within 1e-4 of the float64 loop; outside C untouched.
        expect(check(products, shape, n + 1)).toBeLessThan(1e-4);
      });
    });
  }
});
