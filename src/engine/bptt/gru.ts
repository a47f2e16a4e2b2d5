/**
 * Backpropagation through one GRU step, h_t = z⊙h_{t-1} + (1−z)⊙h̃:
 *
 *   dz = dh ⊙ (h_{t-1} − h̃)     dh̃ = dh ⊙ (1 − z)     dh_{t-1} gets dh ⊙ z directly
 *
 * The direct term dh ⊙ z is the GRU's version of the LSTM's cell path: with z near 1 a unit
 * hands its gradient back almost untouched. Then the candidate's pre-activation gradient:
 *
 *   reset before (tfjs): a_h = x·W_h + (r⊙h_{t-1})·U_h + b_h
 *     d(r⊙h) = da_h·U_hᵀ,  dr = d(r⊙h) ⊙ h_{t-1},  dh_{t-1} += d(r⊙h) ⊙ r,  dU_h += (r⊙h)ᵀ·da_h
 *   reset after (tf.keras' default in TensorFlow 2): a_h = x·W_h + b_in + r ⊙ (h_{t-1}·U_h + b_rec)
 *     dp = da_h ⊙ r,  dr = da_h ⊙ p,  and p = h·U_h + b_rec passes dp back like any gate
 */
import type { ElementwiseActivation } from '../activations';
import type { GRUStep, GRUWeights } from '../gru';
import { type Matrix, matrix } from '../matrix';
import {
  type CellBackward,
  type FusedGradients,
  type FusedGrads,
  addInto,
  addOuter,
  backThrough,
  fusedGradients,
  fusedGradsLike,
  kernelBackward,
  throughActivation,
} from './common';

/** With reset_after the recurrent bias row [3·units] has its own gradient. */
export interface GRUGrads extends FusedGrads {
  recurrentBias?: Float64Array;
}

export function gruGradsLike(weights: GRUWeights): GRUGrads {
  const grads: GRUGrads = fusedGradsLike(weights.kernel, weights.recurrentKernel);
  if (weights.resetAfter) grads.recurrentBias = new Float64Array(weights.kernel.cols);
  return grads;
}

/** Gradients in the weights' own layout: a [2, 3·units] bias (input row, recurrent row) with reset_after. */
export type GRUGradients = Omit<FusedGradients, 'bias'> & { bias: Float32Array | Matrix };

export function gruGradients(weights: GRUWeights, grads: GRUGrads): GRUGradients {
  const plain = fusedGradients(grads);
  if (!weights.resetAfter || !grads.recurrentBias) return plain;
  return { ...plain, bias: matrix(2, weights.kernel.cols, [...grads.bias, ...grads.recurrentBias]) };
}

export function gruCell(
  weights: GRUWeights,
  activation: ElementwiseActivation = 'tanh',
  recurrentActivation: ElementwiseActivation = 'sigmoid',
): CellBackward<GRUStep, GRUGrads> {
  const units = weights.recurrentKernel.rows;
  const recurrentKernel = weights.recurrentKernel;
  return {
    units,
    hasCarry: false,
    step(s, dh, _dCarry, grads) {
      const hh = s.candidate.activation;
      const z = s.z.activation;
      const r = s.r.activation;
      const dhPrev = Float64Array.from(dh, (v, j) => v * z[j]);
      const daZ = throughActivation(
        recurrentActivation,
        Float64Array.from(dh, (v, j) => v * (s.hPrev[j] - hh[j])),
        s.z.preActivation,
        z,
      );
      const daH = throughActivation(activation, Float64Array.from(dh, (v, j) => v * (1 - z[j])), s.candidate.preActivation, hh);

      // What the candidate's recurrent path hands to r and to h_{t-1}, and the recurrent-side gradient of its block.
      let dr: Float64Array;
      let dRecurrentH: Float64Array;
      if (!weights.resetAfter) {
        const dResetH = backThrough(recurrentKernel, daH, 2 * units);
        dr = Float64Array.from(dResetH, (v, j) => v * s.hPrev[j]);
        for (let j = 0; j < units; j++) dhPrev[j] += dResetH[j] * r[j];
        dRecurrentH = daH; // its input is r⊙h_{t-1}, handled below
      } else {
        const p = s.recurrentProjection!;
        dr = Float64Array.from(daH, (v, j) => v * p[j]);
        dRecurrentH = Float64Array.from(daH, (v, j) => v * r[j]);
      }
      const daR = throughActivation(recurrentActivation, dr, s.r.preActivation, r);

      const dz = new Float64Array(3 * units);
      dz.set(daZ, 0);
      dz.set(daR, units);
      dz.set(daH, 2 * units);
      const dx = kernelBackward(weights.kernel, s.x, dz, grads);

      // Recurrent side: z and r read h_{t-1}; the candidate block reads r⊙h_{t-1} (reset before)
      // or h_{t-1} with its gradient scaled by r (reset after).
      const dRecurrent = new Float64Array(3 * units);
      dRecurrent.set(daZ, 0);
      dRecurrent.set(daR, units);
      if (weights.resetAfter) dRecurrent.set(dRecurrentH, 2 * units);
      const gatesOnly = weights.resetAfter ? dRecurrent : dRecurrent.subarray(0, 2 * units);
      addInto(dhPrev, backThrough(recurrentKernel, gatesOnly));
      if (grads) {
        addOuter(grads.recurrentKernel, s.hPrev, gatesOnly);
        if (!weights.resetAfter) addOuter(grads.recurrentKernel, s.resetHPrev!, dRecurrentH, 2 * units);
        if (grads.recurrentBias) addInto(grads.recurrentBias, dRecurrent);
      }
      return { dx, dhPrev, dCarryPrev: null, dz };
    },
  };
}
