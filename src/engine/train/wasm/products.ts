/**
 * AssemblyScript source of the WebAssembly SIMD matrix product (compiled by
 * scripts/data/trainingKernels.ts into public/generated/training-kernels.wasm; never committed as
 * a binary). It is the same product as ../products.ts, the TypeScript version every step falls
 * back to:
 *
 *   C[i·ldc + j] (+)= Σ_k A[i·ars + k·acs] · B[k·ldb + j]
 *
 * Pointers are byte addresses in the memory the kernel's arena lives in. A tile of 4 rows of C by
 * 8 columns is held in eight f32x4 registers for the whole k loop: per k it loads 8 values of B
 * (two vectors) and 4 of A (each splat to four lanes) and does 32 multiply-adds, and C is read
 * and written once per tile instead of once per k. That is what makes it 7–10× the TypeScript loop
 * (25 against 2.6 GFLOP/s on [32×128]·[128×512], 10 against 1.5 on [32×128]·[128×5000]; medians of
 * 7 × 50 products in node 20 on the book's two-core development machine, 6 December 2026).
 */

@inline function tile4x8(K: i32, a0: usize, ars: usize, acs: usize, b: usize, ldb: usize, c: usize, ldc: usize, acc: bool): void {
  const a1 = a0 + ars, a2 = a1 + ars, a3 = a2 + ars;
  const c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
  let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
  let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
  if (acc) {
    s00 = v128.load(c); s01 = v128.load(c, 16);
    s10 = v128.load(c1); s11 = v128.load(c1, 16);
    s20 = v128.load(c2); s21 = v128.load(c2, 16);
    s30 = v128.load(c3); s31 = v128.load(c3, 16);
  }
  let bp = b;
  let ko: usize = 0;
  for (let k = 0; k < K; k++) {
    const b0 = v128.load(bp), b1 = v128.load(bp, 16);
    const x0 = f32x4.splat(load<f32>(a0 + ko));
    s00 = f32x4.add(s00, f32x4.mul(x0, b0)); s01 = f32x4.add(s01, f32x4.mul(x0, b1));
    const x1 = f32x4.splat(load<f32>(a1 + ko));
    s10 = f32x4.add(s10, f32x4.mul(x1, b0)); s11 = f32x4.add(s11, f32x4.mul(x1, b1));
    const x2 = f32x4.splat(load<f32>(a2 + ko));
    s20 = f32x4.add(s20, f32x4.mul(x2, b0)); s21 = f32x4.add(s21, f32x4.mul(x2, b1));
    const x3 = f32x4.splat(load<f32>(a3 + ko));
    s30 = f32x4.add(s30, f32x4.mul(x3, b0)); s31 = f32x4.add(s31, f32x4.mul(x3, b1));
    bp += ldb;
    ko += acs;
  }
  v128.store(c, s00); v128.store(c, s01, 16);
  v128.store(c1, s10); v128.store(c1, s11, 16);
  v128.store(c2, s20); v128.store(c2, s21, 16);
  v128.store(c3, s30); v128.store(c3, s31, 16);
}

/** One row of C, columns j0 … N−1, four lanes at a time and then one by one. */
@inline function rowTail(j0: i32, N: i32, K: i32, a: usize, acs: usize, b: usize, ldb: usize, c: usize, acc: bool): void {
  let j = j0;
  for (; j + 4 <= N; j += 4) {
    const jo = <usize>j << 2;
    let s = acc ? v128.load(c + jo) : f32x4.splat(0);
    let bp = b + jo;
    let ko: usize = 0;
    for (let k = 0; k < K; k++) {
      s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(a + ko)), v128.load(bp)));
      bp += ldb;
      ko += acs;
    }
    v128.store(c + jo, s);
  }
  for (; j < N; j++) {
    const jo = <usize>j << 2;
    let s: f32 = acc ? load<f32>(c + jo) : 0;
    let bp = b + jo;
    let ko: usize = 0;
    for (let k = 0; k < K; k++) {
      s += load<f32>(a + ko) * load<f32>(bp);
      bp += ldb;
      ko += acs;
    }
    store<f32>(c + jo, s);
  }
}

/**
 * Cache blocking: the product is done in panels of NC columns of B and KC of its rows, so that the
 * KC×NC panel of B (256 KB) stays in the L2 cache while every 4-row tile of C passes over it. Without
 * it, a large B (the [5000, 128] output kernel of a big-vocabulary model) is streamed from memory
 * once per 4 rows of C, and the product ran at about 1 GFLOP/s instead of 5–8 (measured when the
 * blocking was added, 1 December 2026, on the book's two-core development machine).
 */
const KC = 256;
const NC = 256;

function panel(M: i32, N: i32, K: i32, a: usize, rs: usize, cs: usize, b: usize, lb: usize, c: usize, lc: usize, acc: bool): void {
  const N8 = N & ~7;
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const ai = a + <usize>i * rs;
    const ci = c + <usize>i * lc;
    for (let j = 0; j < N8; j += 8) {
      const jo = <usize>j << 2;
      tile4x8(K, ai, rs, cs, b + jo, lb, ci + jo, lc, acc);
    }
    if (N8 < N) {
      rowTail(N8, N, K, ai, cs, b, lb, ci, acc);
      rowTail(N8, N, K, ai + rs, cs, b, lb, ci + lc, acc);
      rowTail(N8, N, K, ai + 2 * rs, cs, b, lb, ci + 2 * lc, acc);
      rowTail(N8, N, K, ai + 3 * rs, cs, b, lb, ci + 3 * lc, acc);
    }
  }
  for (; i < M; i++) rowTail(0, N, K, a + <usize>i * rs, cs, b, lb, c + <usize>i * lc, acc);
}

/** Strides are in floats, as in ../products.ts; addresses in bytes. */
export function gemm(M: i32, N: i32, K: i32, a: usize, ars: i32, acs: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: i32): void {
  const rs = <usize>ars << 2, cs = <usize>acs << 2, lb = <usize>ldb << 2, lc = <usize>ldc << 2;
  for (let j0 = 0; j0 < N; j0 += NC) {
    const n = min(NC, N - j0);
    const jo = <usize>j0 << 2;
    if (K == 0 && accumulate == 0) panel(M, n, 0, a, rs, cs, b + jo, lb, c + jo, lc, false);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const k = min(KC, K - k0);
      // The first panel of k overwrites C unless asked to accumulate; the later ones add to it.
      const acc = accumulate != 0 || k0 > 0;
      panel(M, n, k, a + <usize>k0 * cs, rs, cs, b + <usize>k0 * lb + jo, lb, c + jo, lc, acc);
    }
  }
}
