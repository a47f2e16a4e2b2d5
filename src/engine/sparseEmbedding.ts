/**
 * An embedding table trained sparsely, from scratch. A batch of 32 tweets of 26 ids touches at
 * most 832 of the 12,533 rows, so the lookup copies those rows and the update visits only them:
 *
 *   lookup:   x[b, t, :] = E[ids[b, t], :]
 *   gradient: dE[r, :] = Σ over (b, t) with ids[b, t] = r of dx[b, t, :]   (only rows r in the batch)
 *   update:   lazy Adam on those rows only.
 *
 * Lazy Adam (TensorFlow's LazyAdamOptimizer) keeps Adam's moments m, v per row but decays and
 * applies them only when a row is in the batch; the bias correction uses the global step, as
 * tfjs' Adam does. On a row's first update it is exactly Adam; later it differs from dense Adam
 * only for rows that sat out some batches (dense Adam keeps moving them on old momentum).
 */

/** Copies the rows `ids` of a [rows, dim] table into out ([ids.length, dim]). */
export function gatherRows(table: Float32Array, dim: number, ids: ArrayLike<number>, out = new Float32Array(ids.length * dim)): Float32Array {
  const rows = table.length / dim;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (!(id >= 0 && id < rows)) throw new Error(`Word id ${id} is outside the embedding table (0 to ${rows - 1}).`);
    out.set(table.subarray(id * dim, (id + 1) * dim), k * dim);
  }
  return out;
}

/** Σ of the gradient rows per distinct id, over this batch's ids only. */
export function segmentSumRows(ids: ArrayLike<number>, grads: ArrayLike<number>, dim: number): { rows: Int32Array; sums: Float32Array } {
  const slot = new Map<number, number>();
  for (let k = 0; k < ids.length; k++) if (!slot.has(ids[k])) slot.set(ids[k], slot.size);
  const sums = new Float64Array(slot.size * dim);
  for (let k = 0; k < ids.length; k++) {
    const base = slot.get(ids[k])! * dim;
    for (let d = 0; d < dim; d++) sums[base + d] += grads[k * dim + d];
  }
  return { rows: Int32Array.from(slot.keys()), sums: Float32Array.from(sums) };
}

export interface AdamSettings {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** tfjs uses its backend's epsilon (1e-7 on cpu and wasm). */
  epsilon?: number;
}

export class LazyAdam {
  readonly m: Float32Array;
  readonly v: Float32Array;
  /** Updates applied so far (the global step t, shared by every row). */
  step = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(
    size: number,
    private readonly dim: number,
    private readonly settings: AdamSettings,
  ) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
    this.beta1 = settings.beta1 ?? 0.9;
    this.beta2 = settings.beta2 ?? 0.999;
    this.epsilon = settings.epsilon ?? 1e-7;
  }

  /** table[rows[k]] -= lr · m̂ / (√v̂ + ε), with grads[k] the summed gradient of row rows[k]. */
  apply(table: Float32Array, rows: ArrayLike<number>, grads: ArrayLike<number>): void {
    const { dim, m, v, beta1, beta2, epsilon } = this;
    this.step += 1;
    const correct1 = 1 - beta1 ** this.step;
    const correct2 = 1 - beta2 ** this.step;
    const lr = this.settings.learningRate;
    for (let k = 0; k < rows.length; k++) {
      const base = rows[k] * dim;
      for (let d = 0; d < dim; d++) {
        const i = base + d;
        const g = grads[k * dim + d];
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        table[i] -= (lr * (m[i] / correct1)) / (Math.sqrt(v[i] / correct2) + epsilon);
      }
    }
  }
}
