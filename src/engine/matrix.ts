/**
 * The little linear algebra the book needs, on Float32Array like tfjs. A Matrix is row-major
 * [rows, cols]; a weight matrix is stored the way Keras and tfjs store kernels: [inputs, units],
 * so a row vector times it, x·W, gives one value per unit.
 */

export interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export function matrix(rows: number, cols: number, values?: ArrayLike<number>): Matrix {
  const data = new Float32Array(rows * cols);
  if (values) {
    if (values.length !== rows * cols) {
      throw new Error(`A ${rows}×${cols} matrix needs ${rows * cols} values, got ${values.length}.`);
    }
    data.set(values);
  }
  return { rows, cols, data };
}

export function fromRows(rows: number[][]): Matrix {
  const cols = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== cols)) throw new Error('Every row of a matrix needs the same length.');
  return matrix(rows.length, cols, rows.flat());
}

export function get(m: Matrix, r: number, c: number): number {
  return m.data[r * m.cols + c];
}

export function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, r) => Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
}

/** x·W for a row vector x of length W.rows. */
export function vecMat(x: ArrayLike<number>, w: Matrix): Float32Array {
  if (x.length !== w.rows) throw new Error(`Cannot multiply a vector of ${x.length} by a ${w.rows}×${w.cols} matrix.`);
  const out = new Float32Array(w.cols);
  for (let j = 0; j < w.cols; j++) {
    let sum = 0;
    for (let i = 0; i < w.rows; i++) sum += x[i] * w.data[i * w.cols + j];
    out[j] = sum;
  }
  return out;
}

/** Elementwise sum of equally long vectors. */
export function add(...vectors: ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(vectors[0].length);
  for (const v of vectors) {
    if (v.length !== out.length) throw new Error(`Cannot add vectors of lengths ${out.length} and ${v.length}.`);
    for (let i = 0; i < out.length; i++) out[i] += v[i];
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Cannot compare ${a.length} values with ${b.length}.`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
