/**
 * What a recurrent layer (recurrent.ts) and its cells (lstmCell.ts, gruCell.ts, simpleRnnCell.ts)
 * share: the arrays the time loops work on, the cell interface, and the bias-gradient sum. Kept
 * apart from recurrent.ts so the cells do not import the layer that imports them.
 */
import type { Flow, Param, Pass } from './layer';
import type { Pointwise } from './pointwise';

/** The arrays a cell's loops read and write; sizes are for the planned capacity. */
export interface RecurrentCore {
  units: number;
  gates: number;
  /** U [units, gates·units] and its transpose [gates·units, units], refreshed after every update. */
  recurrentKernel: Param;
  recurrentT: Float32Array;
  bias: Param | null;
  /** Pre-activations per step [steps·batch, gates·units]; x·W only until the cell adds h·U and b. */
  z: Float32Array;
  /** The gates' values (post-activation), same layout as z. */
  a: Float32Array;
  /** States, [(steps+1)·batch, units]: block 0 the initial state, block s+1 after step s. */
  h: Float32Array;
  /** LSTM cell states, same layout as h; null for the others. */
  c: Float32Array | null;
  /** Gradient on each step's x·W term, [steps·batch, gates·units], written by the cell's backward loop. */
  dZ: Float32Array;
  /** dL/dh_{t−1} (and dL/dc_{t−1}) handed from one backward step to the one before, [batch, units]. */
  dhNext: Float32Array;
  dcNext: Float32Array | null;
  activation: Pointwise;
  recurrentActivation: Pointwise;
}

export interface Cell {
  /** Runs the steps: on entry z holds x_t·W for each step, h (and c) block 0 the initial state. */
  forward(core: RecurrentCore, batch: number, steps: number, pass: Pass): void;
  /**
   * Walks the steps backwards from dL/d(outputs) (every step's h, or only the last), fills
   * core.dZ, and adds the recurrent kernel's and bias' gradients.
   */
  backward(core: RecurrentCore, batch: number, steps: number, dOut: Flow, pass: Pass): void;
}

/** Σ over rows of dZ's columns [from, from+width) into bias gradient entries [into, into+width). */
export function addColumnSums(dZ: Float32Array, rows: number, ld: number, from: number, width: number, grad: Float32Array, into: number): void {
  for (let r = 0; r < rows; r++) {
    const row = r * ld + from;
    for (let j = 0; j < width; j++) grad[into + j] += dZ[row + j];
  }
}
