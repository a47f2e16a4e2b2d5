/**
 * The GRU's time loop for a whole batch, forward and backward, in both forms Keras knows (the
 * single-sequence version is ../gru.ts and ../bptt/gru.ts). Gate blocks z, r, h:
 *
 *   z = σ(x·W_z + h_{t−1}·U_z + b_z)     r = σ(x·W_r + h_{t−1}·U_r + b_r)
 *   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ h̃
 *   reset before (tfjs, one bias [3u]):       h̃ = tanh(x·W_h + (r ⊙ h_{t−1})·U_h + b_h)
 *   reset after (Keras 2, bias [2, 3u]):      h̃ = tanh(x·W_h + b_h,in + r ⊙ (h_{t−1}·U_h + b_h,rec))
 *
 * Reset before needs two products per step (U_z,r first, since r decides what U_h sees); reset
 * after needs one, h_{t−1}·U for all three blocks, which is why cuDNN and Keras 2 prefer it.
 *
 * Backward, from dh:
 *   dz = dh ⊙ (h_{t−1} − h̃) ⊙ σ'     dã = dh ⊙ (1 − z) ⊙ tanh'     dh_{t−1} gets dh ⊙ z directly
 *   reset before: d(r⊙h) = dã·U_hᵀ,  dr = d(r⊙h) ⊙ h_{t−1},  dh_{t−1} += d(r⊙h) ⊙ r + (dz, dr)·U_z,rᵀ
 *   reset after:  dr = dã ⊙ p_h,  the recurrent side gets (dz, dr, dã ⊙ r),  dh_{t−1} += that·Uᵀ
 */
import type { Arena } from './arena';
import type { Flow, Pass } from './layer';
import { type Cell, type RecurrentCore, addColumnSums } from './cell';

export function gruCell(arena: Arena, batch: number, steps: number, units: number, resetAfter: boolean): Cell {
  return resetAfter ? resetAfterCell(arena, batch, steps, units) : resetBeforeCell(arena, batch, steps, units);
}

function resetBeforeCell(arena: Arena, batch: number, steps: number, units: number): Cell {
  // r ⊙ h_{t−1} of every step: what U_h multiplied, so its gradient is (r⊙h)ᵀ·dã.
  const resetH = arena.floats(steps * batch * units);
  // d(r ⊙ h_{t−1}) of one step.
  const dResetH = arena.floats(batch * units);

  return {
    forward(core: RecurrentCore, B: number, T: number, pass: Pass): void {
      const { z, a, h, recurrentKernel, bias, activation, recurrentActivation } = core;
      const U = units;
      const W3 = 3 * U;
      const sig = recurrentActivation.f;
      const act = activation.f;
      const b = bias ? bias.value : null;
      for (let s = 0; s < T; s++) {
        const zs = s * B * W3;
        const prev = s * B * U;
        const next = prev + B * U;
        // z, r: += h_{t−1}·U_z,r (the first 2u columns of U).
        pass.products.gemm(B, 2 * U, U, h, prev, U, 1, recurrentKernel.value, 0, W3, z, zs, W3, true);
        for (let r = 0; r < B; r++) {
          const row = zs + r * W3;
          const st = prev + r * U;
          for (let j = 0; j < U; j++) {
            const zz = z[row + j] + (b ? b[j] : 0);
            const zr = z[row + U + j] + (b ? b[U + j] : 0);
            z[row + j] = zz;
            z[row + U + j] = zr;
            const gr = sig(zr);
            a[row + j] = sig(zz);
            a[row + U + j] = gr;
            resetH[st + j] = gr * h[st + j];
          }
        }
        // The candidate: += (r ⊙ h_{t−1})·U_h.
        pass.products.gemm(B, U, U, resetH, prev, U, 1, recurrentKernel.value, 2 * U, W3, z, zs + 2 * U, W3, true);
        for (let r = 0; r < B; r++) {
          const row = zs + r * W3;
          const st = r * U;
          for (let j = 0; j < U; j++) {
            const zh = z[row + 2 * U + j] + (b ? b[2 * U + j] : 0);
            z[row + 2 * U + j] = zh;
            const hh = act(zh);
            a[row + 2 * U + j] = hh;
            const gz = a[row + j];
            h[next + st + j] = gz * h[prev + st + j] + (1 - gz) * hh;
          }
        }
      }
    },

    backward(core: RecurrentCore, B: number, T: number, dOut: Flow, pass: Pass): void {
      const { z, a, h, dZ, dhNext, recurrentKernel, recurrentT, bias, activation, recurrentActivation } = core;
      const U = units;
      const W3 = 3 * U;
      const sigSlope = recurrentActivation.slope;
      const actSlope = activation.slope;
      const d = dOut.data;
      dhNext.fill(0, 0, B * U);
      for (let s = T - 1; s >= 0; s--) {
        const zs = s * B * W3;
        const prev = s * B * U;
        const direct = dOut.sequence ? dOut.offset + s * B * U : s === T - 1 ? dOut.offset : -1;
        for (let r = 0; r < B; r++) {
          const row = zs + r * W3;
          const st = r * U;
          for (let j = 0; j < U; j++) {
            const dh = dhNext[st + j] + (direct >= 0 ? d[direct + st + j] : 0);
            const gz = a[row + j];
            const hh = a[row + 2 * U + j];
            dZ[row + j] = dh * (h[prev + st + j] - hh) * sigSlope(z[row + j], gz);
            dZ[row + 2 * U + j] = dh * (1 - gz) * actSlope(z[row + 2 * U + j], hh);
            dhNext[st + j] = dh * gz;
          }
        }
        // d(r ⊙ h_{t−1}) = dã·U_hᵀ (rows 2u… of the transposed U).
        pass.products.gemm(B, U, U, dZ, zs + 2 * U, W3, 1, recurrentT, 2 * U * U, U, dResetH, 0, U, false);
        for (let r = 0; r < B; r++) {
          const row = zs + r * W3;
          const st = r * U;
          for (let j = 0; j < U; j++) {
            const gr = a[row + U + j];
            dZ[row + U + j] = dResetH[st + j] * h[prev + st + j] * sigSlope(z[row + U + j], gr);
            dhNext[st + j] += dResetH[st + j] * gr;
          }
        }
        // dh_{t−1} += (dz, dr)·U_z,rᵀ.
        pass.products.gemm(B, U, 2 * U, dZ, zs, W3, 1, recurrentT, 0, U, dhNext, 0, U, true);
      }
      const dU = recurrentKernel.grad;
      pass.products.gemm(U, 2 * U, T * B, h, 0, 1, U, dZ, 0, W3, dU, 0, W3, true);
      pass.products.gemm(U, U, T * B, resetH, 0, 1, U, dZ, 2 * U, W3, dU, 2 * U, W3, true);
      if (bias) addColumnSums(dZ, T * B, W3, 0, W3, bias.grad, 0);
    },
  };
}

function resetAfterCell(arena: Arena, batch: number, steps: number, units: number): Cell {
  // p = h_{t−1}·U + b_rec of every step, all three blocks; r scales its h block.
  const projection = arena.floats(steps * batch * 3 * units);
  // The recurrent side's gradient: (dz, dr, dã ⊙ r), which differs from dZ in its h block.
  const dRecurrent = arena.floats(steps * batch * 3 * units);

  return {
    forward(core: RecurrentCore, B: number, T: number, pass: Pass): void {
      const { z, a, h, recurrentKernel, bias, activation, recurrentActivation } = core;
      const U = units;
      const W3 = 3 * U;
      const sig = recurrentActivation.f;
      const act = activation.f;
      const b = bias ? bias.value : null;
      for (let s = 0; s < T; s++) {
        const zs = s * B * W3;
        const prev = s * B * U;
        const next = prev + B * U;
        pass.products.gemm(B, W3, U, h, prev, U, 1, recurrentKernel.value, 0, W3, projection, zs, W3, false);
        for (let r = 0; r < B; r++) {
          const row = zs + r * W3;
          const st = r * U;
          for (let j = 0; j < U; j++) {
            const pz = projection[row + j] + (b ? b[W3 + j] : 0);
            const pr = projection[row + U + j] + (b ? b[W3 + U + j] : 0);
            const ph = projection[row + 2 * U + j] + (b ? b[W3 + 2 * U + j] : 0);
            projection[row + j] = pz;
            projection[row + U + j] = pr;
            projection[row + 2 * U + j] = ph;
            const zz = z[row + j] + (b ? b[j] : 0) + pz;
            const zr = z[row + U + j] + (b ? b[U + j] : 0) + pr;
            const gz = sig(zz);
            const gr = sig(zr);
            const zh = z[row + 2 * U + j] + (b ? b[2 * U + j] : 0) + gr * ph;
            const hh = act(zh);
            z[row + j] = zz;
            z[row + U + j] = zr;
            z[row + 2 * U + j] = zh;
            a[row + j] = gz;
            a[row + U + j] = gr;
            a[row + 2 * U + j] = hh;
            h[next + st + j] = gz * h[prev + st + j] + (1 - gz) * hh;
          }
        }
      }
    },

    backward(core: RecurrentCore, B: number, T: number, dOut: Flow, pass: Pass): void {
      const { z, a, h, dZ, dhNext, recurrentKernel, recurrentT, bias, activation, recurrentActivation } = core;
      const U = units;
      const W3 = 3 * U;
      const sigSlope = recurrentActivation.slope;
      const actSlope = activation.slope;
      const d = dOut.data;
      dhNext.fill(0, 0, B * U);
      for (let s = T - 1; s >= 0; s--) {
        const zs = s * B * W3;
        const prev = s * B * U;
        const direct = dOut.sequence ? dOut.offset + s * B * U : s === T - 1 ? dOut.offset : -1;
        for (let r = 0; r < B; r++) {
          const row = zs + r * W3;
          const st = r * U;
          for (let j = 0; j < U; j++) {
            const dh = dhNext[st + j] + (direct >= 0 ? d[direct + st + j] : 0);
            const gz = a[row + j];
            const gr = a[row + U + j];
            const hh = a[row + 2 * U + j];
            const dzz = dh * (h[prev + st + j] - hh) * sigSlope(z[row + j], gz);
            const dzh = dh * (1 - gz) * actSlope(z[row + 2 * U + j], hh);
            const dzr = dzh * projection[row + 2 * U + j] * sigSlope(z[row + U + j], gr);
            dZ[row + j] = dzz;
            dZ[row + U + j] = dzr;
            dZ[row + 2 * U + j] = dzh;
            dRecurrent[row + j] = dzz;
            dRecurrent[row + U + j] = dzr;
            dRecurrent[row + 2 * U + j] = dzh * gr;
            dhNext[st + j] = dh * gz;
          }
        }
        pass.products.gemm(B, U, W3, dRecurrent, zs, W3, 1, recurrentT, 0, U, dhNext, 0, U, true);
      }
      pass.products.gemm(U, W3, T * B, h, 0, 1, U, dRecurrent, 0, W3, recurrentKernel.grad, 0, W3, true);
      if (bias) {
        addColumnSums(dZ, T * B, W3, 0, W3, bias.grad, 0);
        addColumnSums(dRecurrent, T * B, W3, 0, W3, bias.grad, W3);
      }
    },
  };
}
