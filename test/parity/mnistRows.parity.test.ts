import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MNIST_PIXELS, decodeDigits, digitPixels } from '../../src/engine/mnistDigits';
import { mnistRowModel, readRows } from '../../src/engine/mnistRows';
import { maxAbsDiff } from '../../src/engine/matrix';
import { describeModel } from '../../src/engine/paramCount';
import { seededRandom } from '../../src/engine/random';
import { ModelSession } from '../../src/tf/modelSession';
import { buildModel } from '../../src/tf/buildModel';
import { createKernelTrainer } from '../../src/engine/train';
import { denseWeightsOf, lstmWeightsOf, readWeights, writeWeights } from '../../src/tf/weights';
import { randomise, tf } from './recurrentParity';

const test = decodeDigits(new Uint8Array(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'generated', 'mnist-test.bin'))));
const digits = [0, 1, 2].map((i) => digitPixels(test, i));
const noise = (() => {
  const random = seededRandom(7);
  return Float32Array.from({ length: MNIST_PIXELS }, () => random());
})();

function randomModel(units: number, seed: number) {
  const session = new ModelSession(tf);
  const weights = randomise(session.build(mnistRowModel(units)).weights, seed);
  session.setWeights(weights);
  return { session, weights };
}

describe('engine row-by-row reading vs tfjs (LSTM with unitForgetBias, Dense softmax)', () => {
  for (const units of [4, 16, 32]) {
    it(`LSTM(${units}): the probabilities after the last row equal model.predict`, () => {
      const { session, weights } = randomModel(units, units * 31);
      for (const pixels of [...digits, noise]) {
        const trace = readRows(pixels, lstmWeightsOf(weights, 'lstm'), denseWeightsOf(weights, 'out'));
        const fromTf = session.predict(pixels, [1, 28, 28]).values;
        expect(trace.probabilities).toHaveLength(28);
        expect(maxAbsDiff(trace.probabilities[27], fromTf)).toBeLessThan(1e-5);
        expect(trace.probabilities[27].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      session.dispose();
    });
  }

  it('the probabilities after row t equal tfjs reading only the first t rows', () => {
    const { weights } = randomModel(8, 5);
    const session = new ModelSession(tf);
    session.build({ ...mnistRowModel(8), inputShape: [null, 28] }, weights);
    const trace = readRows(digits[0], lstmWeightsOf(weights, 'lstm'), denseWeightsOf(weights, 'out'));
    for (const rows of [1, 7, 14, 21]) {
      const fromTf = session.predict(digits[0].subarray(0, rows * 28), [1, rows, 28]).values;
      expect(maxAbsDiff(trace.probabilities[rows - 1], fromTf)).toBeLessThan(1e-5);
    }
    session.dispose();
  });

  it("the training kernel's forward pass gives the same probabilities as the tfjs model", () => {
    const model = buildModel(tf, mnistRowModel(16));
    writeWeights(tf, model, randomise(readWeights(model), 99));
    const x = Float32Array.from([...digits[0], ...digits[1]]);
    const kernel = createKernelTrainer(mnistRowModel(16), { optimizer: { learningRate: 0 }, weights: readWeights(model) });
    const mine = kernel.predict({ kind: 'values', values: x, batch: 2, steps: 28, features: 28 }).values;
    const theirs = tf.tidy(() => (model.predict(tf.tensor3d(x, [2, 28, 28])) as import('@tensorflow/tfjs').Tensor).dataSync());
    expect(maxAbsDiff(mine, theirs)).toBeLessThan(1e-5);
    model.dispose();
  });
});

describe('parameter arithmetic of the source model', () => {
  it('LSTM(128) on 28 pixels is 80,384 and Dense(10) is 1,290, in our arithmetic and in tfjs', () => {
    const rows = describeModel(mnistRowModel(128)).rows;
    expect(rows.map((r) => r.params)).toEqual([80_384, 1_290]);
    expect(rows[0].formula).toBe('28·512 + 128·512 + 512 = 80,384');
    expect(rows[1].formula).toBe('128·10 + 10 = 1,290');
    const session = new ModelSession(tf);
    const built = session.build(mnistRowModel(128));
    expect(built.layerParams.map((l) => l.params)).toEqual([80_384, 1_290]);
    session.dispose();
  });

  it('a fresh model starts with forget-gate bias 1 (unitForgetBias) and the other gates at 0', () => {
    const session = new ModelSession(tf);
    const { bias } = lstmWeightsOf(session.build(mnistRowModel(6)).weights, 'lstm');
    expect(Array.from(bias)).toEqual([...Array(6).fill(0), ...Array(6).fill(1), ...Array(12).fill(0)]);
    session.dispose();
  });
});
