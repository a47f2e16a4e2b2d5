/**
 * The SimpleRNN's time loop for a whole batch (single-sequence version: ../simpleRnn.ts):
 *
 *   forward:   h_t = tanh(x_t·W + h_{t−1}·U + b)
 *   backward:  dz_t = dh_t ⊙ tanh'(z_t)     dh_{t−1} = dz_t·Uᵀ     dU = Σ_t h_{t−1}ᵀ·dz_t
 *
 * Here the state is the gate's own value, so the "gates" array a is not needed: h holds it.
 */
import type { Flow, Pass } from './layer';
import { type Cell, type RecurrentCore, addColumnSums } from './cell';

export function simpleRnnCell(): Cell {
  return {
    forward(core: RecurrentCore, B: number, T: number, pass: Pass): void {
      const { units: U, z, h, recurrentKernel, bias, activation } = core;
      const act = activation.f;
      const b = bias ? bias.value : null;
      for (let s = 0; s < T; s++) {
        const prev = s * B * U;
        const next = prev + B * U;
        pass.products.gemm(B, U, U, h, prev, U, 1, recurrentKernel.value, 0, U, z, prev, U, true);
        for (let k = 0; k < B * U; k++) {
          const pre = z[prev + k] + (b ? b[k % U] : 0);
          z[prev + k] = pre;
          h[next + k] = act(pre);
        }
      }
    },

    backward(core: RecurrentCore, B: number, T: number, dOut: Flow, pass: Pass): void {
      const { units: U, z, h, dZ, dhNext, recurrentKernel, recurrentT, bias, activation } = core;
      const slope = activation.slope;
      const d = dOut.data;
      dhNext.fill(0, 0, B * U);
      for (let s = T - 1; s >= 0; s--) {
        const prev = s * B * U;
        const next = prev + B * U;
        const direct = dOut.sequence ? dOut.offset + prev : s === T - 1 ? dOut.offset : -1;
        for (let k = 0; k < B * U; k++) {
          const dh = dhNext[k] + (direct >= 0 ? d[direct + k] : 0);
          dZ[prev + k] = dh * slope(z[prev + k], h[next + k]);
        }
        pass.products.gemm(B, U, U, dZ, prev, U, 1, recurrentT, 0, U, dhNext, 0, U, false);
      }
      pass.products.gemm(U, U, T * B, h, 0, 1, U, dZ, 0, U, recurrentKernel.grad, 0, U, true);
      if (bias) addColumnSums(dZ, T * B, U, 0, U, bias.grad, 0);
    },
  };
}
