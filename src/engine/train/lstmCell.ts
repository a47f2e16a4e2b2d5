/**
 * The LSTM's time loop for a whole batch, forward and backward (the single-sequence version the
 * chapters trace is ../lstm.ts and ../bptt/lstm.ts; these are the same equations).
 *
 * Forward, step t, gates in Keras' column order i, f, c (written g here), o:
 *   z = x_t·W + h_{t−1}·U + b          (x_t·W is already in z; the product adds h_{t−1}·U)
 *   i = σ(z_i)  f = σ(z_f)  g = tanh(z_g)  o = σ(z_o)
 *   c_t = f ⊙ c_{t−1} + i ⊙ g          h_t = o ⊙ tanh(c_t)
 *
 * Backward, step t, from dh (what the output wants plus what step t+1 handed back) and dc:
 *   dc += dh ⊙ o ⊙ tanh'(c_t)      do = dh ⊙ tanh(c_t)
 *   di = dc ⊙ g    df = dc ⊙ c_{t−1}    dg = dc ⊙ i    dc_{t−1} = dc ⊙ f
 *   dz = (di, df, dg, do) ⊙ each gate's slope      dh_{t−1} = dz·Uᵀ
 * and after the loop dU = Σ_t h_{t−1}ᵀ·dz_t (one product over all steps), db = Σ dz.
 */
import type { Arena } from './arena';
import type { Flow, Pass } from './layer';
import { type Cell, type RecurrentCore, addColumnSums } from './cell';

export function lstmCell(arena: Arena, batch: number, steps: number, units: number): Cell {
  // tanh(c_t) of every step, kept for the backward pass (dh reaches c only through it).
  const cActivated = arena.floats(steps * batch * units);

  return {
    forward(core: RecurrentCore, B: number, T: number, pass: Pass): void {
      const { z, a, h, recurrentKernel, bias, activation, recurrentActivation } = core;
      const c = core.c!;
      const U = units;
      const W4 = 4 * U;
      const sig = recurrentActivation.f;
      const act = activation.f;
      const b = bias ? bias.value : null;
      for (let s = 0; s < T; s++) {
        const zs = s * B * W4;
        const prev = s * B * U;
        const next = prev + B * U;
        // The only part that waits for the previous step: z += h_{t−1}·U.
        pass.products.gemm(B, W4, U, h, prev, U, 1, recurrentKernel.value, 0, W4, z, zs, W4, true);
        for (let r = 0; r < B; r++) {
          const row = zs + r * W4;
          const st = r * U;
          for (let j = 0; j < U; j++) {
            const zi = z[row + j] + (b ? b[j] : 0);
            const zf = z[row + U + j] + (b ? b[U + j] : 0);
            const zg = z[row + 2 * U + j] + (b ? b[2 * U + j] : 0);
            const zo = z[row + 3 * U + j] + (b ? b[3 * U + j] : 0);
            z[row + j] = zi;
            z[row + U + j] = zf;
            z[row + 2 * U + j] = zg;
            z[row + 3 * U + j] = zo;
            const i = sig(zi);
            const f = sig(zf);
            const g = act(zg);
            const o = sig(zo);
            a[row + j] = i;
            a[row + U + j] = f;
            a[row + 2 * U + j] = g;
            a[row + 3 * U + j] = o;
            const cNew = f * c[prev + st + j] + i * g;
            c[next + st + j] = cNew;
            const tc = act(cNew);
            cActivated[prev + st + j] = tc;
            h[next + st + j] = o * tc;
          }
        }
      }
    },

    backward(core: RecurrentCore, B: number, T: number, dOut: Flow, pass: Pass): void {
      const { z, a, h, dZ, dhNext, recurrentKernel, recurrentT, bias, activation, recurrentActivation } = core;
      const c = core.c!;
      const dcNext = core.dcNext!;
      const U = units;
      const W4 = 4 * U;
      const sigSlope = recurrentActivation.slope;
      const actSlope = activation.slope;
      const d = dOut.data;
      dhNext.fill(0, 0, B * U);
      dcNext.fill(0, 0, B * U);
      for (let s = T - 1; s >= 0; s--) {
        const zs = s * B * W4;
        const prev = s * B * U;
        const next = prev + B * U;
        // Where this step's own output gradient is: every step with return_sequences, else only the last.
        const direct = dOut.sequence ? dOut.offset + s * B * U : s === T - 1 ? dOut.offset : -1;
        for (let r = 0; r < B; r++) {
          const row = zs + r * W4;
          const st = r * U;
          for (let j = 0; j < U; j++) {
            const dh = dhNext[st + j] + (direct >= 0 ? d[direct + st + j] : 0);
            const i = a[row + j];
            const f = a[row + U + j];
            const g = a[row + 2 * U + j];
            const o = a[row + 3 * U + j];
            const tc = cActivated[prev + st + j];
            const dc = dcNext[st + j] + dh * o * actSlope(c[next + st + j], tc);
            dcNext[st + j] = dc * f;
            dZ[row + j] = dc * g * sigSlope(z[row + j], i);
            dZ[row + U + j] = dc * c[prev + st + j] * sigSlope(z[row + U + j], f);
            dZ[row + 2 * U + j] = dc * i * actSlope(z[row + 2 * U + j], g);
            dZ[row + 3 * U + j] = dh * tc * sigSlope(z[row + 3 * U + j], o);
          }
        }
        // dh_{t−1} = dz_t·Uᵀ, through the transposed copy of U.
        pass.products.gemm(B, U, W4, dZ, zs, W4, 1, recurrentT, 0, U, dhNext, 0, U, false);
      }
      // dU = Σ_t h_{t−1}ᵀ·dz_t: blocks 0 … T−1 of h are exactly the h_{t−1} of steps 0 … T−1.
      pass.products.gemm(U, W4, T * B, h, 0, 1, U, dZ, 0, W4, recurrentKernel.grad, 0, W4, true);
      if (bias) addColumnSums(dZ, T * B, W4, 0, W4, bias.grad, 0);
    },
  };
}
