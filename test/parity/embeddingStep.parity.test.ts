/**
 * The sparse embedding step (src/tf/trainLoop.ts) against tfjs' own trainOnBatch: from the same
 * weights, one Adam step on the same batch must leave every weight the same, embedding included.
 */
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../src/engine/matrix';
import { seededRandom } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import { buildModel } from '../../src/tf/buildModel';
import { EmbeddingTrainer } from '../../src/tf/trainLoop';
import type { CompileOptions } from '../../src/tf/types';
import { readWeights } from '../../src/tf/weights';
import { cpuTf } from './tfjs';

const VOCAB = 40;
const MAXLEN = 7;
const BATCH = 12;

function specWith(recurrent: ModelSpec['layers'][number], out: ModelSpec['layers'][number]): ModelSpec {
  return { inputShape: [MAXLEN], layers: [{ kind: 'embedding', name: 'embedding', inputDim: VOCAB, outputDim: 5 }, recurrent, out] };
}

const cases: { name: string; spec: ModelSpec; compile: CompileOptions; classes: number }[] = [
  {
    name: 'SimpleRNN + softmax',
    spec: specWith({ kind: 'simpleRNN', name: 'rnn', units: 6 }, { kind: 'dense', name: 'out', units: 2, activation: 'softmax' }),
    compile: { optimizer: 'adam', learningRate: 0.01, loss: 'categoricalCrossentropy' },
    classes: 2,
  },
  {
    name: 'LSTM + softmax over 3 classes',
    spec: specWith({ kind: 'lstm', name: 'lstm', units: 4 }, { kind: 'dense', name: 'out', units: 3, activation: 'softmax' }),
    compile: { optimizer: 'adam', learningRate: 0.02, loss: 'categoricalCrossentropy' },
    classes: 3,
  },
  {
    name: 'GRU + sigmoid',
    spec: specWith({ kind: 'gru', name: 'gru', units: 3 }, { kind: 'dense', name: 'out', units: 1, activation: 'sigmoid' }),
    compile: { optimizer: 'adam', learningRate: 0.01, loss: 'binaryCrossentropy' },
    classes: 1,
  },
];

describe('sparse embedding step equals tfjs trainOnBatch', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const tf = await cpuTf();
      const random = seededRandom(11);
      // Ids repeat inside the batch (a small vocabulary), so the per-row sums are exercised.
      const ids = Int32Array.from({ length: BATCH * MAXLEN }, () => Math.floor(random() * VOCAB * 0.6));
      const y = new Float32Array(BATCH * c.classes);
      for (let b = 0; b < BATCH; b++) {
        if (c.classes === 1) y[b] = random() < 0.5 ? 1 : 0;
        else y[b * c.classes + Math.floor(random() * c.classes)] = 1;
      }

      const stock = buildModel(tf, c.spec);
      stock.compile({ optimizer: tf.train.adam(c.compile.learningRate), loss: c.compile.loss });
      const initial = readWeights(stock);
      const fast = new EmbeddingTrainer(tf, c.spec, c.compile, initial);

      for (let step = 0; step < 2; step++) {
        const xT = tf.tensor2d(Float32Array.from(ids), [BATCH, MAXLEN]);
        const yT = tf.tensor2d(y, [BATCH, c.classes]);
        const stockLoss = (await stock.trainOnBatch(xT, yT)) as number;
        tf.dispose([xT, yT]);
        const { loss } = fast.trainStep(ids, y, BATCH);
        expect(Math.abs(loss - stockLoss)).toBeLessThan(1e-5);
      }
      const after = readWeights(stock);
      const ours = fast.weights();
      expect(ours.map((w) => w.shape)).toEqual(after.map((w) => w.shape));
      ours.forEach((w, i) => {
        expect(maxAbsDiff(w.values, after[i].values), w.name).toBeLessThan(1e-5);
        // The step must have changed the weights, or the comparison proves nothing.
        expect(maxAbsDiff(w.values, initial[i].values), w.name).toBeGreaterThan(1e-4);
      });
      stock.dispose();
      fast.dispose();
    });
  }
});
