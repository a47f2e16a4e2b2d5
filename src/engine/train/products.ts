/**
 * The matrix products, where nearly all of a training step's time goes. One operation covers
 * every product the kernel needs:
 *
 *   C[i, j] (+)= Σ_k A(i, k) · B[k, j]      i < M, j < N, k < K
 *
 * with A read through two strides, so the same loop does A·B (A(i,k) = A[i·lda + k]) and Aᵀ·B
 * (A(i,k) = A[k·lda + i]), the product every weight gradient is (dW = Xᵀ·dZ). A·Bᵀ (how a
 * gradient flows back through a weight, dX = dZ·Wᵀ) is done as A·(Wᵀ) with Wᵀ transposed once
 * per step into its own buffer: walking B along its rows is what makes the loop fast.
 *
 * Why the loop looks as it does: the naive triple loop does one multiply-add per load of C, and
 * memory, not arithmetic, is the limit. Here four rows of A and four values of k are taken at
 * once ("register blocking"): sixteen numbers of A sit in local variables, and each pass over a
 * row of C does sixteen multiply-adds for four loads of B and one load and store of each of four
 * C rows. On the LSTM(128) recurrent product at batch 32, [32×128]·[128×512], this loop ran at
 * 2.6 GFLOP/s against 0.45 for one row at a time, 0.51 for tfjs' cpu matMul and 8.8 for tfjs-wasm's
 * (medians of 7 × 50 products in node 20 with tfjs 4.22, on the book's two-core development
 * machine with other jobs running, 6 December 2026).
 *
 * The WebAssembly SIMD version (wasm/products.ts) does the same product four lanes at a time.
 */

export interface Products {
  /**
   * C[cOff + i·ldc + j] = (accumulate ? C[…] : 0) + Σ_k A[aOff + i·ars + k·acs] · B[bOff + k·ldb + j].
   * A, B and C must not overlap.
   */
  gemm(
    M: number,
    N: number,
    K: number,
    A: Float32Array,
    aOff: number,
    ars: number,
    acs: number,
    B: Float32Array,
    bOff: number,
    ldb: number,
    C: Float32Array,
    cOff: number,
    ldc: number,
    accumulate: boolean,
  ): void;
  /** Which implementation this is, for the reader and the bench. */
  readonly name: 'typescript' | 'wasm-simd';
}

/** out[j·rows + i] = m[i·cols + j]: a [rows, cols] matrix into [cols, rows]. */
export function transposeInto(m: Float32Array, mOff: number, rows: number, cols: number, ld: number, out: Float32Array, outOff: number): void {
  for (let i = 0; i < rows; i++) {
    const row = mOff + i * ld;
    for (let j = 0; j < cols; j++) out[outOff + j * rows + i] = m[row + j];
  }
}

/** C += A·B on one panel (see gemmTs). */
function panelTs(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  aOff: number,
  ars: number,
  acs: number,
  B: Float32Array,
  bOff: number,
  ldb: number,
  C: Float32Array,
  cOff: number,
  ldc: number,
): void {
  const K4 = K - (K % 4);
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const c0 = cOff + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    const r0 = aOff + i * ars;
    const r1 = r0 + ars;
    const r2 = r1 + ars;
    const r3 = r2 + ars;
    let k = 0;
    for (; k < K4; k += 4) {
      const ka = k * acs;
      const a00 = A[r0 + ka], a01 = A[r0 + ka + acs], a02 = A[r0 + ka + 2 * acs], a03 = A[r0 + ka + 3 * acs];
      const a10 = A[r1 + ka], a11 = A[r1 + ka + acs], a12 = A[r1 + ka + 2 * acs], a13 = A[r1 + ka + 3 * acs];
      const a20 = A[r2 + ka], a21 = A[r2 + ka + acs], a22 = A[r2 + ka + 2 * acs], a23 = A[r2 + ka + 3 * acs];
      const a30 = A[r3 + ka], a31 = A[r3 + ka + acs], a32 = A[r3 + ka + 2 * acs], a33 = A[r3 + ka + 3 * acs];
      const b0 = bOff + k * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < N; j++) {
        const v0 = B[b0 + j], v1 = B[b1 + j], v2 = B[b2 + j], v3 = B[b3 + j];
        C[c0 + j] += a00 * v0 + a01 * v1 + a02 * v2 + a03 * v3;
        C[c1 + j] += a10 * v0 + a11 * v1 + a12 * v2 + a13 * v3;
        C[c2 + j] += a20 * v0 + a21 * v1 + a22 * v2 + a23 * v3;
        C[c3 + j] += a30 * v0 + a31 * v1 + a32 * v2 + a33 * v3;
      }
    }
    for (; k < K; k++) {
      const ka = k * acs;
      const a0 = A[r0 + ka], a1 = A[r1 + ka], a2 = A[r2 + ka], a3 = A[r3 + ka];
      const b0 = bOff + k * ldb;
      for (let j = 0; j < N; j++) {
        const v = B[b0 + j];
        C[c0 + j] += a0 * v;
        C[c1 + j] += a1 * v;
        C[c2 + j] += a2 * v;
        C[c3 + j] += a3 * v;
      }
    }
  }
  // The last M mod 4 rows, one at a time.
  for (; i < M; i++) {
    const c0 = cOff + i * ldc;
    const r0 = aOff + i * ars;
    for (let k = 0; k < K; k++) {
      const a = A[r0 + k * acs];
      if (a === 0) continue; // a one-hot or ReLU row is mostly zeros
      const b0 = bOff + k * ldb;
      for (let j = 0; j < N; j++) C[c0 + j] += a * B[b0 + j];
    }
  }
}

/**
 * Cache blocking: the product runs over panels of 256 columns and 256 rows of B, so the panel of B
 * stays in cache while every group of four rows of C passes over it (without it, a large B, such
 * as a 5,000-wide output kernel, is read from memory once per four rows of C).
 */
const PANEL = 256;

function gemmTs(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  aOff: number,
  ars: number,
  acs: number,
  B: Float32Array,
  bOff: number,
  ldb: number,
  C: Float32Array,
  cOff: number,
  ldc: number,
  accumulate: boolean,
): void {
  if (!accumulate) for (let i = 0; i < M; i++) C.fill(0, cOff + i * ldc, cOff + i * ldc + N);
  for (let j0 = 0; j0 < N; j0 += PANEL) {
    const n = Math.min(PANEL, N - j0);
    for (let k0 = 0; k0 < K; k0 += PANEL) {
      panelTs(M, n, Math.min(PANEL, K - k0), A, aOff + k0 * acs, ars, acs, B, bOff + k0 * ldb + j0, ldb, C, cOff + j0, ldc);
    }
  }
}

export const typescriptProducts: Products = { gemm: gemmTs, name: 'typescript' };
