/**
 * The head's activation and the loss, differentiated together, per output row:
 *
 *   softmax + cross-entropy:  L = −log p_target,   dL/dz = p − onehot(target)
 *   sigmoid + binary CE:      L = −y log p − (1−y) log(1−p),   dL/dz = p − y
 *   linear + squared error:   L = (z − y)²,   dL/dz = 2(z − y)
 *
 * each divided by the number of rows (and units, for the last two) because the loss is a mean.
 * The softmax over V classes is computed once per row, in place over the logits, with the
 * largest logit subtracted so exp cannot overflow; the gradient is written straight over it
 * (p − onehot touches one entry beyond p itself): a 5,000-wide output costs a max, an exp and a
 * scaling pass per row, with no one-hot target, no log of every probability and no extra buffer.
 *
 * tfjs' layers losses clip probabilities to [ε, 1 − ε] (ε = 1e-7) before the log, and a value
 * outside that band passes no gradient. Mirrored here: a row predicted with p_target > 1 − ε
 * already gives 0 gradient in model.fit, and gives 0 here.
 *
 * Rows arrive time-major (row t·batch + b); targets are batch-major (row b·steps + t), as given.
 */
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
  constructor(
    readonly kind: KernelLoss,
    private readonly units: number,
  ) {}

  /**
   * Loss and accuracy of the rows, working in place on the logits: afterwards they hold the
   * head's outputs (probabilities for softmax and sigmoid), or, with `gradient`, dL/d(logits).
   * No buffer beside the logits is needed, which for a 5,000-wide output saves three of
   * [steps·batch, 5000] floats.
   */
  compute(z: Float32Array, layout: RowLayout, target: KernelTarget | null, gradient: boolean): LossValue {
    const N = this.units;
    const { rows } = layout;
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
            if (z[o + j] > max) {
              max = z[o + j];
              best = j;
            }
          }
          const t = target ? targetRow(r, layout) : 0;
          // What the unclipped loss needs from the logits, read before they are overwritten.
          const k = target?.kind === 'classes' ? target.classes[t] : -1;
          const zk = k >= 0 ? z[o + k] : 0;
          let yz = 0;
          let ySum = 0;
          if (target?.kind === 'values') {
            for (let j = 0; j < N; j++) {
              yz += target.values[t * N + j] * z[o + j];
              ySum += target.values[t * N + j];
            }
          }
          let sum = 0;
          for (let j = 0; j < N; j++) {
            const e = Math.exp(z[o + j] - max);
            z[o + j] = e;
            sum += e;
          }
          const logSum = Math.log(sum);
          if (!target) {
            for (let j = 0; j < N; j++) z[o + j] /= sum;
            continue;
          }
          if (target.kind === 'classes') {
            if (k === best) right++;
            const pk = Math.fround(z[o + k] / sum);
            const inside = !clipped || (pk >= LOW && pk <= HIGH);
            total += clipped ? -Math.log(Math.min(HIGH, Math.max(LOW, pk))) : -(zk - max - logSum);
            // One pass: the probabilities, or straight away the gradient (p − onehot) / rows.
            const scale = !gradient ? 1 / sum : inside ? 1 / (sum * rows) : 0;
            for (let j = 0; j < N; j++) z[o + j] *= scale;
            if (gradient && inside) z[o + k] -= 1 / rows;
            continue;
          }
          // A one-hot or soft target row y: L = −Σ y_k log p_k (tfjs: each p_k clipped, no gradient where clipped).
          const y = target.values;
          const yo = t * N;
          let yBest = 0;
          let dot = 0;
          for (let j = 0; j < N; j++) {
            z[o + j] /= sum;
            const yj = y[yo + j];
            if (yj > y[yo + yBest]) yBest = j;
            if (yj === 0 || !clipped) continue;
            const pj = Math.fround(z[o + j]);
            total -= yj * Math.log(Math.min(HIGH, Math.max(LOW, pj)));
            if (pj >= LOW && pj <= HIGH) dot -= yj;
          }
          if (!clipped) {
            total -= yz - ySum * (max + logSum);
            dot = -ySum;
          }
          if (yBest === best) right++;
          if (!gradient) continue;
          // dL/dp_j = −y_j/p_j where not clipped; through the softmax dz_j = p_j (g_j − Σ p_k g_k), Σ p_k g_k = dot.
          for (let j = 0; j < N; j++) {
            const yj = y[yo + j];
            const pj = z[o + j];
            const live = yj !== 0 && (!clipped || (Math.fround(pj) >= LOW && Math.fround(pj) <= HIGH));
            z[o + j] = ((live ? -yj : 0) - pj * dot) / rows;
          }
        }
        return { loss: target ? total / rows : NaN, accuracy: target ? right / rows : NaN };
      }
      case 'binaryCrossentropy': {
        const count = rows * N;
        for (let r = 0; r < rows; r++) {
          const o = r * N;
          const yo = target ? targetRow(r, layout) * N : 0;
          for (let j = 0; j < N; j++) {
            const prob = 1 / (1 + Math.exp(-z[o + j]));
            z[o + j] = prob;
            if (!target) continue;
            const y = target.kind === 'values' ? target.values[yo + j] : target.classes[yo + j];
            const pc = Math.min(HIGH, Math.max(LOW, Math.fround(prob)));
            total -= y * Math.log(pc) + (1 - y) * Math.log(1 - pc);
            if ((prob > 0.5 ? 1 : 0) === y) right++;
            if (gradient) z[o + j] = pc === Math.fround(prob) ? (prob - y) / count : 0;
          }
        }
        return { loss: target ? total / count : NaN, accuracy: target ? right / count : NaN };
      }
      case 'meanSquaredError': {
        const count = rows * N;
        if (!target) return { loss: NaN, accuracy: NaN };
        for (let r = 0; r < rows; r++) {
          const o = r * N;
          const yo = targetRow(r, layout) * N;
          for (let j = 0; j < N; j++) {
            const y = target.kind === 'values' ? target.values[yo + j] : target.classes[yo + j];
            const e = z[o + j] - y;
            total += e * e;
            if (gradient) z[o + j] = (2 * e) / count;
          }
        }
        return { loss: total / count, accuracy: NaN };
      }
    }
  }
}
