/**
 * Recipe 14: an LSTM reads a 28×28 digit as 28 time steps of 28 pixels, top row first, and a
 * dense softmax on its last hidden state names the digit. The model only ever sees h_28, but
 * applying the same dense head to every h_t shows what it "would say" after each row — how its
 * guess firms up as more of the digit arrives.
 */
import { type DenseWeights, denseForward } from './dense';
import { type LSTMWeights, lstmForward } from './lstm';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE, digitRows } from './mnistDigits';
import type { ModelSpec } from './spec';

/** The source's model with `units` hidden units (it uses 128) and forget-gate bias 1. */
export function mnistRowModel(units: number): ModelSpec {
  return {
    inputShape: [MNIST_SIDE, MNIST_SIDE],
    layers: [
      { kind: 'lstm', name: 'lstm', units, unitForgetBias: true },
      { kind: 'dense', name: 'out', units: MNIST_CLASSES, activation: 'softmax' },
    ],
  };
}

export interface RowTrace {
  /** h_t after reading row t, t = 0..27. */
  h: Float32Array[];
  /** c_t after reading row t. */
  c: Float32Array[];
  /** softmax(h_t·W + b) after row t; the last one is the model's prediction. */
  probabilities: Float32Array[];
}

// #region listing:read-rows
export function readRows(pixels: ArrayLike<number>, lstm: LSTMWeights, head: DenseWeights): RowTrace {
  if (pixels.length !== MNIST_PIXELS) throw new Error(`A digit has ${MNIST_PIXELS} pixels, not ${pixels.length}.`);
  // 28 rows of 28 grey levels, top row first, one per time step: h_t and c_t after every row.
  const steps = lstmForward(digitRows(pixels), lstm);
  return {
    h: steps.map((s) => s.h),
    c: steps.map((s) => s.c),
    // The model's one dense softmax head, applied to every h_t: what it would say after row t.
    probabilities: steps.map((s) => denseForward(s.h, head, 'softmax').output),
  };
}
// #endregion

/** Index of the largest value: the predicted class. */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Moves the ink so its centre of mass sits in the middle of the grid, as MNIST's digits were
 * prepared; a digit drawn in a corner is otherwise a pattern the model has never seen. Shifts by
 * whole pixels; ink pushed past an edge is lost, which a centring shift rarely causes.
 */
export function centreByMass(pixels: ArrayLike<number>): Float32Array {
  const { dr, dc } = massShift(pixels);
  const out = new Float32Array(MNIST_PIXELS);
  for (let r = 0; r < MNIST_SIDE; r++) {
    for (let c = 0; c < MNIST_SIDE; c++) {
      const tr = r + dr;
      const tc = c + dc;
      if (tr >= 0 && tr < MNIST_SIDE && tc >= 0 && tc < MNIST_SIDE) out[tr * MNIST_SIDE + tc] = pixels[r * MNIST_SIDE + c];
    }
  }
  return out;
}

/** The whole-pixel shift (rows down, columns right) that centreByMass applies; 0, 0 for no ink. */
export function massShift(pixels: ArrayLike<number>): { dr: number; dc: number } {
  let mass = 0;
  let sumR = 0;
  let sumC = 0;
  for (let r = 0; r < MNIST_SIDE; r++) {
    for (let c = 0; c < MNIST_SIDE; c++) {
      const v = pixels[r * MNIST_SIDE + c];
      mass += v;
      sumR += v * r;
      sumC += v * c;
    }
  }
  if (mass === 0) return { dr: 0, dc: 0 };
  const centre = (MNIST_SIDE - 1) / 2;
  return { dr: Math.round(centre - sumR / mass), dc: Math.round(centre - sumC / mass) };
}

/**
 * A soft round brush like a pen on MNIST's anti-aliased scans: each cell near (row, col) gains
 * strength·exp(−d²/2σ²) of ink, capped at 1. Row and col are in cell units and may be fractional.
 */
export function depositInk(pixels: Float32Array, row: number, col: number, { sigma = 0.9, strength = 0.55 } = {}): void {
  const reach = Math.ceil(3 * sigma);
  for (let r = Math.max(0, Math.floor(row - reach)); r <= Math.min(MNIST_SIDE - 1, Math.ceil(row + reach)); r++) {
    for (let c = Math.max(0, Math.floor(col - reach)); c <= Math.min(MNIST_SIDE - 1, Math.ceil(col + reach)); c++) {
      const d2 = (r + 0.5 - row) ** 2 + (c + 0.5 - col) ** 2;
      const i = r * MNIST_SIDE + c;
      pixels[i] = Math.min(1, pixels[i] + strength * Math.exp(-d2 / (2 * sigma * sigma)));
    }
  }
}
