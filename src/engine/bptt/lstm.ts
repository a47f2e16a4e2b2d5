/**
 * Backpropagation through one LSTM step (gates i, f, g, o; c_t = f⊙c_{t-1} + i⊙g; h_t = o⊙tanh(c_t)):
 *
 *   do  = dh ⊙ tanh(c_t)
 *   dc  = dc_from_later + dh ⊙ o ⊙ tanh'(c_t)
 *   df  = dc ⊙ c_{t-1}    di = dc ⊙ g    dg = dc ⊙ i
 *   dc_{t-1} = dc ⊙ f
 *
 * then each gate's pre-activation gradient goes through x·W_k + h·U_k + b_k as in a SimpleRNN.
 * The line dc_{t-1} = dc ⊙ f is the cell's additive path: no weight matrix and no squashing
 * between c_t and c_{t-1}, only the forget gate, which can sit near 1 for many steps.
 */
import type { ElementwiseActivation } from '../activations';
import type { LSTMStep, LSTMWeights } from '../lstm';
import { type CellBackward, type FusedGrads, plainGatesBackward, throughActivation } from './common';

export function lstmCell(
  weights: LSTMWeights,
  activation: ElementwiseActivation = 'tanh',
  recurrentActivation: ElementwiseActivation = 'sigmoid',
): CellBackward<LSTMStep, FusedGrads> {
  const units = weights.recurrentKernel.rows;
  return {
    units,
    hasCarry: true,
    step(s, dh, dCarry, grads) {
      const dc = new Float64Array(units);
      const dGate = { i: new Float64Array(units), f: new Float64Array(units), g: new Float64Array(units), o: new Float64Array(units) };
      const dcPrev = new Float64Array(units);
      const through = throughActivation(activation, Float64Array.from(dh, (v, j) => v * s.o.activation[j]), s.c, s.cActivated);
      for (let j = 0; j < units; j++) {
        dGate.o[j] = dh[j] * s.cActivated[j];
        dc[j] = (dCarry ? dCarry[j] : 0) + through[j];
        dGate.f[j] = dc[j] * s.cPrev[j];
        dGate.i[j] = dc[j] * s.g.activation[j];
        dGate.g[j] = dc[j] * s.i.activation[j];
        dcPrev[j] = dc[j] * s.f.activation[j];
      }
      // Fused in Keras' column order i, f, c (the candidate g), o.
      const dz = new Float64Array(4 * units);
      dz.set(throughActivation(recurrentActivation, dGate.i, s.i.preActivation, s.i.activation), 0);
      dz.set(throughActivation(recurrentActivation, dGate.f, s.f.preActivation, s.f.activation), units);
      dz.set(throughActivation(activation, dGate.g, s.g.preActivation, s.g.activation), 2 * units);
      dz.set(throughActivation(recurrentActivation, dGate.o, s.o.preActivation, s.o.activation), 3 * units);
      return { ...plainGatesBackward(weights, s.x, s.hPrev, dz, grads), dCarryPrev: dcPrev, dz, dCarry: dc };
    },
  };
}
