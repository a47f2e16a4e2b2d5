/**
 * The kernel's head losses (src/engine/train/loss.ts) against tfjs layers' losses on the same
 * logits: the loss and dL/d(logits) (tf.grad through the head's activation), for class-id and
 * value targets, including rows so confident that tfjs' probability clipping stops their gradient.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { seededRandom, uniformArray } from '../../src/engine/random';
import { HeadLoss } from '../../src/engine/train/loss';
import type { KernelLoss, KernelTarget } from '../../src/engine/train';
import { relativeError, tfLoss } from './kernelParity';
import { cpuTf } from './tfjs';

const tf = await cpuTf();
const ROWS = 6;
const N = 5;

function logits(seed: number): Float32Array {
  const z = uniformArray(ROWS * N, 3, seededRandom(seed));
  // Row 0 so sure of class 2 that p > 1 − 1e-7, row 1 so sure of class 4 that p < 1e-7 for the rest.
  z.set([0, 0, 40, 0, 0], 0);
  z.set([-30, -30, -30, -30, 30], N);
  return z;
}

const classes = Int32Array.from([2, 0, 1, 3, 4, 0]);
const oneHot = Float32Array.from({ length: ROWS * N }, (_, i) => (classes[Math.floor(i / N)] === i % N ? 1 : 0));
const bits = Float32Array.from({ length: ROWS * N }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);

const CASES: { loss: KernelLoss; target: KernelTarget; tfTarget: Float32Array; activation: 'softmax' | 'sigmoid' | 'linear' }[] = [
  { loss: 'categoricalCrossentropy', target: { kind: 'classes', classes }, tfTarget: oneHot, activation: 'softmax' },
  { loss: 'categoricalCrossentropy', target: { kind: 'values', values: oneHot }, tfTarget: oneHot, activation: 'softmax' },
  { loss: 'softmaxCrossEntropy', target: { kind: 'classes', classes }, tfTarget: oneHot, activation: 'softmax' },
  { loss: 'softmaxCrossEntropy', target: { kind: 'values', values: oneHot }, tfTarget: oneHot, activation: 'softmax' },
  { loss: 'binaryCrossentropy', target: { kind: 'values', values: bits }, tfTarget: bits, activation: 'sigmoid' },
  { loss: 'meanSquaredError', target: { kind: 'values', values: bits }, tfTarget: bits, activation: 'linear' },
];

describe('head losses = tfjs layers losses (value and dL/dlogits)', () => {
  CASES.forEach((c, n) => {
    it(`${c.loss}, ${c.target.kind} targets`, () => {
      const z = logits(n + 1);
      const zt = tf.tensor2d(Float32Array.from(z), [ROWS, N]);
      const y = tf.tensor2d(c.tfTarget, [ROWS, N]);
      const head = (t: Tensor) => (c.activation === 'softmax' ? tf.softmax(t) : c.activation === 'sigmoid' ? tf.sigmoid(t) : t);
      const f = (t: Tensor) => tfLoss(tf, c.loss, y, head(t));
      const want = f(zt).dataSync()[0];
      const wantGrad = tf.grad(f)(zt).dataSync() as Float32Array;
      const layout = { rows: ROWS, batch: ROWS, steps: 1, sequence: false };
      const got = new HeadLoss(c.loss, N).compute(z, layout, c.target, true);
      expect(Math.abs(got.loss - want) / Math.abs(want)).toBeLessThan(1e-5);
      expect(relativeError(z, wantGrad)).toBeLessThan(1e-5);
      if (c.loss === 'categoricalCrossentropy') {
        // The saturated row passes no gradient in either.
        expect(Array.from(z.subarray(0, N))).toEqual([0, 0, 0, 0, 0]);
        expect(Array.from(wantGrad.subarray(0, N))).toEqual([0, 0, 0, 0, 0]);
      }
      tf.dispose([zt, y]);
    });
  });
});
