/**
 * Adam, written as tfjs-core's AdamOptimizer computes it (optimizers/adam_optimizer.js), so a
 * step here and a step there give the same weights:
 *
 *   m ← β1·m + (1 − β1)·g           v ← β2·v + (1 − β2)·g²
 *   w ← w − lr · (m / (1 − β1^t)) / (√(v / (1 − β2^t)) + ε)
 *
 * Two details matter for matching: ε is added to √v̂ (not inside the root), and β^t is not
 * computed as a power but kept as a running float32 product (accBeta1 starts at β1 and is
 * multiplied by β1 after each step), as tfjs keeps it in a scalar variable.
 */
import type { Arena } from './arena';
import type { Param } from './layer';
import type { AdamSettings, KernelOptimizerState } from './types';

export class Adam {
  readonly m: Float32Array[];
  readonly v: Float32Array[];
  iterations = 0;
  accBeta1: number;
  accBeta2: number;
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(arena: Arena, params: Param[], settings: AdamSettings) {
    // From the shapes: while the arena is being measured the param views are still empty.
    const size = (p: Param) => p.shape.reduce((a, b) => a * b, 1);
    this.m = params.map((p) => arena.floats(size(p)));
    this.v = params.map((p) => arena.floats(size(p)));
    this.learningRate = settings.learningRate;
    this.beta1 = settings.beta1 ?? 0.9;
    this.beta2 = settings.beta2 ?? 0.999;
    this.epsilon = settings.epsilon ?? 1e-7;
    this.accBeta1 = Math.fround(this.beta1);
    this.accBeta2 = Math.fround(this.beta2);
  }

  /** One update of every param from its grad, scaled by `gradScale` (the clipping factor, 1 when not clipped). */
  step(params: Param[], gradScale: number): void {
    const { beta1, beta2, epsilon } = this;
    const oneMinusAcc1 = Math.fround(1 - this.accBeta1);
    const oneMinusAcc2 = Math.fround(1 - this.accBeta2);
    const lr = this.learningRate;
    for (let p = 0; p < params.length; p++) {
      const w = params[p].value;
      const g = params[p].grad;
      const m = this.m[p];
      const v = this.v[p];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] * gradScale;
        const mi = beta1 * m[i] + (1 - beta1) * gi;
        const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] += -lr * (mi / oneMinusAcc1 / (Math.sqrt(vi / oneMinusAcc2) + epsilon));
      }
    }
    this.accBeta1 = Math.fround(this.accBeta1 * beta1);
    this.accBeta2 = Math.fround(this.accBeta2 * beta2);
    this.iterations++;
  }

  state(dropoutRandomState: number): KernelOptimizerState {
    return {
      kind: 'adam',
      iterations: this.iterations,
      accBeta1: this.accBeta1,
      accBeta2: this.accBeta2,
      m: this.m.map((a) => Float32Array.from(a)),
      v: this.v.map((a) => Float32Array.from(a)),
      dropoutRandomState,
    };
  }

  setState(state: KernelOptimizerState): void {
    if (state.kind !== 'adam') throw new Error(`Optimizer state of kind "${state.kind}" cannot resume Adam.`);
    if (state.m.length !== this.m.length || state.v.length !== this.v.length) {
      throw new Error(`The optimizer state has ${state.m.length} moment arrays; this model has ${this.m.length} weights.`);
    }
    state.m.forEach((a, i) => {
      if (a.length !== this.m[i].length || state.v[i].length !== this.v[i].length) throw new Error(`Moment array ${i} has ${a.length} values, the weight ${this.m[i].length}.`);
      this.m[i].set(a);
      this.v[i].set(state.v[i]);
    });
    this.iterations = state.iterations;
    this.accBeta1 = state.accBeta1;
    this.accBeta2 = state.accBeta2;
  }
}
