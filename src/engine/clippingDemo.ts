/**
 * A tiny exploding problem for the clipping demo: the chapter's one-unit linear RNN
 * (h_t = W·x_t + U·h_{t-1}, no squashing) reads a constant stream x_t = 1 for a few steps, and
 * plain SGD fits h_T to a target. With U a little above 1, ∂L/∂U carries powers of U up to
 * U^{T-1}, so the first gradient is huge, one step throws U far past 1, and the loss overflows.
 * Clipping the gradient's global norm caps every step at learningRate · clipNorm.
 */
import { backpropThroughTime, clipByGlobalNorm, globalNorm, halfSquaredErrorOnLast } from './bptt';
import { matrix } from './matrix';

export interface ClippingProblem {
  u: number;
  w: number;
  steps: number;
  target: number;
  learningRate: number;
  sgdSteps: number;
}

export const CLIPPING_DEFAULTS: ClippingProblem = { u: 1.2, w: 0.5, steps: 12, target: 3, learningRate: 0.01, sgdSteps: 15 };

export interface SgdStep {
  loss: number;
  /** Global norm of the gradient over W, U and b, before clipping. */
  norm: number;
  /** After clipping (equal to norm when no clipping is done or needed). */
  appliedNorm: number;
  u: number;
  w: number;
}

export interface SgdRun {
  /** One entry per SGD step taken, then one for the final weights; stops early once the loss is no longer finite. */
  steps: SgdStep[];
  diverged: boolean;
}

export function sgdRun(problem: ClippingProblem, clipNorm: number | null): SgdRun {
  const kernel = matrix(1, 1, [problem.w]);
  const recurrentKernel = matrix(1, 1, [problem.u]);
  const bias = new Float32Array(1);
  const inputs = Array.from({ length: problem.steps }, () => [1]);
  const loss = halfSquaredErrorOnLast([problem.target]);
  const steps: SgdStep[] = [];
  for (let k = 0; k <= problem.sgdSteps; k++) {
    const r = backpropThroughTime({ kind: 'simpleRNN', activation: 'linear', weights: { kernel, recurrentKernel, bias } }, inputs, loss);
    const grads = [r.weights.kernel.data, r.weights.recurrentKernel.data, r.weights.bias as Float32Array];
    const norm = globalNorm(grads);
    const applied = clipNorm === null ? { arrays: grads, scale: 1 } : clipByGlobalNorm(grads, clipNorm);
    steps.push({ loss: r.loss, norm, appliedNorm: norm * applied.scale, u: recurrentKernel.data[0], w: kernel.data[0] });
    if (!Number.isFinite(r.loss) || !Number.isFinite(norm)) return { steps, diverged: true };
    if (k === problem.sgdSteps) break;
    [kernel.data, recurrentKernel.data, bias].forEach((weights, a) => {
      for (let i = 0; i < weights.length; i++) weights[i] -= problem.learningRate * applied.arrays[a][i];
    });
  }
  return { steps, diverged: false };
}
