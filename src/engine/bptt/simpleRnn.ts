/**
 * Backpropagation through one SimpleRNN step, h_t = act(a_t), a_t = x_t·W + h_{t-1}·U + b:
 *
 *   da_t = dh_t ⊙ act'(a_t)
 *   dW += x_tᵀ·da_t    dU += h_{t-1}ᵀ·da_t    db += da_t
 *   dx_t = da_t·Wᵀ     dh_{t-1} = da_t·Uᵀ
 *
 * The last line is the whole story of vanishing gradients: every step back multiplies by
 * diag(act'(a_t))·Uᵀ, and tanh' ≤ 1.
 */
import type { ElementwiseActivation } from '../activations';
import type { SimpleRNNStep, SimpleRNNWeights } from '../simpleRnn';
import { type CellBackward, type FusedGrads, plainGatesBackward, throughActivation } from './common';

export function simpleRnnCell(weights: SimpleRNNWeights, activation: ElementwiseActivation = 'tanh'): CellBackward<SimpleRNNStep, FusedGrads> {
  return {
    units: weights.recurrentKernel.rows,
    hasCarry: false,
    // #region listing:simple-rnn-backward-step
    step(s, dh, _dCarry, grads) {
      // da_t = dh_t ⊙ act'(a_t): through tanh, 1 − h_t² per unit
      const da = throughActivation(activation, dh, s.preActivation, s.h);
      return { ...plainGatesBackward(weights, s.x, s.hPrev, da, grads), dCarryPrev: null, dz: da };
    },
    // #endregion
  };
}
