/**
 * Starting weights for a kernel trained without weights handed in, drawn the way
 * src/tf/buildModel.ts asks tfjs to draw them (seeded here, so a run can be repeated):
 * Glorot-uniform kernels U(±√(6 / (fan_in + fan_out))), zero biases (the LSTM's forget block at
 * one with unit_forget_bias), embeddings U(±0.05). A loop that builds the tfjs model anyway
 * usually copies that model's weights in instead (setWeights), so both start identical.
 */
import type { Random } from '../random';
import type { Param } from './layer';

/** A standard normal draw (Box–Muller). */
function normal(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Rows of a [rows, cols] matrix made orthonormal (or its columns, when there are fewer): Gram–Schmidt on a normal draw. */
function orthogonal(out: Float32Array, rows: number, cols: number, random: Random): void {
  const byRows = rows <= cols;
  const n = byRows ? rows : cols;
  const len = byRows ? cols : rows;
  const vecs = Array.from({ length: n }, () => Float64Array.from({ length: len }, () => normal(random)));
  vecs.forEach((v, i) => {
    for (let k = 0; k < i; k++) {
      let dot = 0;
      for (let j = 0; j < len; j++) dot += v[j] * vecs[k][j];
      for (let j = 0; j < len; j++) v[j] -= dot * vecs[k][j];
    }
    let norm = 0;
    for (let j = 0; j < len; j++) norm += v[j] * v[j];
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < len; j++) v[j] /= norm;
  });
  for (let i = 0; i < n; i++) for (let j = 0; j < len; j++) out[byRows ? i * cols + j : j * cols + i] = vecs[i][j];
}

export function initialise(param: Param, random: Random): void {
  const w = param.value;
  const init = param.init;
  switch (init.kind) {
    case 'zeros':
      w.fill(0);
      return;
    case 'ones':
      w.fill(1);
      return;
    case 'forgetBias':
      w.fill(0);
      w.fill(1, init.units, 2 * init.units);
      return;
    case 'uniform':
      for (let i = 0; i < w.length; i++) w[i] = (random() * 2 - 1) * init.limit;
      return;
    case 'glorotUniform': {
      const limit = Math.sqrt(6 / (init.fanIn + init.fanOut));
      for (let i = 0; i < w.length; i++) w[i] = (random() * 2 - 1) * limit;
      return;
    }
    case 'glorotNormal': {
      // tfjs: a normal truncated at two standard deviations, widened so its spread is √(2 / (fan_in + fan_out)).
      const std = Math.sqrt(2 / (init.fanIn + init.fanOut)) / 0.87962566103423978;
      for (let i = 0; i < w.length; i++) {
        let x = normal(random);
        while (Math.abs(x) > 2) x = normal(random);
        w[i] = x * std;
      }
      return;
    }
    case 'orthogonal':
      orthogonal(w, param.shape[0], param.shape[1], random);
      return;
  }
}
