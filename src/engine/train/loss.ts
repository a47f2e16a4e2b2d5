/**
 * The head's activation and the loss, differentiated together, per output row:
 *
 *   softmax + cross-entropy:  L = −log p_target,   dL/dz = p − onehot(target)
 *   sigmoid + binary CE:      L = −y log p − (1−y) log(1−p),   dL/dz = p − y
 *   linear + squared error:   L = (z − y)²,   dL/dz = 2(z − y)
 *
 * each divided by the number of rows (and units, for the last two) because the loss is a mean.
 * The softmax over V classes is computed once per row, in place, with the largest logit
 * subtracted so exp cannot overflow; the gradient is written straight over it (p − onehot
 * touches one entry beyond p itself), so a 5,000-wide output costs one pass, not a one-hot
 * target tensor, a log and a product.
 *
 * tfjs' layers losses clip probabilities to [ε, 1 − ε] (ε = 1e-7) before the log, and a value
 * outside that band passes no gradient. Mirrored here: a row predicted with p_target > 1 − ε
 * already gives 0 gradient in model.fit, and gives 0 here.
 *
 * Rows arrive time-major (row t·batch + b); targets are batch-major (row b·steps + t), as given.
 */
import type { Arena } from './arena';
import type { KernelLoss, KernelTarget } from './types';

const EPSILON = 1e-7;
const LOW = Math.fround(EPSILON);
const HIGH = Math.fround(1 - EPSILON);

export interface LossValue {
  loss: number;
  accuracy: number;
}

export interface RowLayout {
  rows: number;
  batch: number;
  steps: number;
  sequence: boolean;
}

/** The batch-major index of time-major row r. */
export const targetRow = (r: number, l: RowLayout): number => (l.sequence ? (r % l.batch) * l.steps + Math.floor(r / l.batch) : r);

export class HeadLoss {
  /** dL/d(logits), [rows, units], time-major like the logits. */
  readonly dLogits: Float32Array;
  /** The head's outputs (probabilities for softmax and sigmoid). */
  readonly outputs: Float32Array;

  constructor(
    arena: Arena,
    readonly kind: KernelLoss,
    private readonly units: number,
    rows: number,
  ) {
    this.dLogits = arena.floats(rows * units);
    this.outputs = arena.floats(rows * units);
  }

  /** Loss and accuracy of the rows; with `gradient`, dLogits too. */
  compute(logits: Float32Array, layout: RowLayout, target: KernelTarget | null, gradient: boolean): LossValue {
    const N = this.units;
    const { rows } = layout;
    const p = this.outputs;
    const dz = this.dLogits;
    let total = 0;
    let right = 0;
    switch (this.kind) {
      case 'categoricalCrossentropy':
      case 'softmaxCrossEntropy': {
        const clipped = this.kind === 'categoricalCrossentropy';
        for (let r = 0; r < rows; r++) {
          const o = r * N;
          let max = -Infinity;
          let best = 0;
          for (let j = 0; j < N; j++) {
            if (logits[o + j] > max) {
              max = logits[o + j];
              best = j;
            }
          }
          let sum = 0;
          for (let j = 0; j < N; j++) {
            const e = Math.exp(logits[o + j] - max);
            p[o + j] = e;
            sum += e;
          }
          const logSum = Math.log(sum);
          for (let j = 0; j < N; j++) p[o + j] /= sum;
          if (!target) continue;
          const t = targetRow(r, layout);
          if (target.kind === 'classes') {
            const k = target.classes[t];
            if (k === best) right++;
            const pk = Math.fround(p[o + k]);
            const inside = !clipped || (pk >= LOW && pk <= HIGH);
            total += clipped ? -Math.log(Math.min(HIGH, Math.max(LOW, pk))) : -(logits[o + k] - max - logSum);
            if (!gradient) continue;
            if (!inside) {
              dz.fill(0, o, o + N);
              continue;
            }
            for (let j = 0; j < N; j++) dz[o + j] = p[o + j] / rows;
            dz[o + k] -= 1 / rows;
          } else {
            // A one-hot or soft target row y: L = −Σ y_k log p_k (tfjs: each p_k clipped, and 0 gradient where clipped).
            const y = target.values;
            const yo = t * N;
            let yBest = 0;
            let dot = 0;
            for (let j = 0; j < N; j++) {
              const yj = y[yo + j];
              if (yj > y[yo + yBest]) yBest = j;
              if (yj === 0) continue;
              const pj = Math.fround(p[o + j]);
              total -= yj * (clipped ? Math.log(Math.min(HIGH, Math.max(LOW, pj))) : logits[o + j] - max - logSum);
              // dL/dp_j = −y_j/p_j where not clipped; then through the softmax: dz_j = p_j (g_j − Σ p_k g_k).
              if (!clipped || (pj >= LOW && pj <= HIGH)) dot -= yj;
            }
            if (yBest === best) right++;
            if (!gradient) continue;
            for (let j = 0; j < N; j++) {
              const yj = y[yo + j];
              const pj = Math.fround(p[o + j]);
              const g = yj !== 0 && (!clipped || (pj >= LOW && pj <= HIGH)) ? -yj / p[o + j] : 0;
              dz[o + j] = (p[o + j] * (g - dot)) / rows;
            }
          }
        }
        return { loss: target ? total / rows : NaN, accuracy: target ? right / rows : NaN };
      }
      case 'binaryCrossentropy': {
        const count = rows * N;
        for (let r = 0; r < rows; r++) {
          const o = r * N;
          const yo = targetRow(r, layout) * N;
          for (let j = 0; j < N; j++) {
            const prob = 1 / (1 + Math.exp(-logits[o + j]));
            p[o + j] = prob;
            if (!target) continue;
            const y = target.kind === 'values' ? target.values[yo + j] : target.classes[yo + j];
            const pc = Math.min(HIGH, Math.max(LOW, Math.fround(prob)));
            total -= y * Math.log(pc) + (1 - y) * Math.log(1 - pc);
            if ((prob > 0.5 ? 1 : 0) === y) right++;
            if (gradient) dz[o + j] = pc === Math.fround(prob) ? (prob - y) / count : 0;
          }
        }
        return { loss: target ? total / count : NaN, accuracy: target ? right / count : NaN };
      }
      case 'meanSquaredError': {
        const count = rows * N;
        for (let r = 0; r < rows; r++) {
          const o = r * N;
          const yo = targetRow(r, layout) * N;
          for (let j = 0; j < N; j++) {
            p[o + j] = logits[o + j];
            if (!target) continue;
            const y = target.kind === 'values' ? target.values[yo + j] : target.classes[yo + j];
            const e = logits[o + j] - y;
            total += e * e;
            if (gradient) dz[o + j] = (2 * e) / count;
          }
        }
        return { loss: target ? total / count : NaN, accuracy: NaN };
      }
    }
  }
}
