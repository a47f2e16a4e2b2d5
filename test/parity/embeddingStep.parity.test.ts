/**
 * The sentiment models' training steps against stock tfjs: from the same weights, three Adam
 * steps on the same batches by model.trainOnBatch (tfjs differentiating the Embedding lookup
 * itself, UnsortedSegmentSum) and by each engine of the one training loop — the tfjs engine,
 * which looks the rows up outside the tape and sums their gradients per word id, and our kernel,
 * whose Embedding gradient is sparse — must give the same losses and leave every weight the
 * same, embedding included. The batches use different ids, so rows a step does not touch still
 * move on Adam's momentum, as tfjs' dense update moves them.
 */
import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../../src/engine/matrix';
import { seededRandom } from '../../src/engine/random';
import type { ModelSpec } from '../../src/engine/spec';
import { buildModel } from '../../src/tf/buildModel';
import { type Batch, type TrainingEngine, createKernelEngine, createTfjsEngine } from '../../src/tf/training';
import { readWeights } from '../../src/tf/weights';
import { cpuTf } from './tfjs';

const VOCAB = 40;
const MAXLEN = 7;
const BATCH = 12;
const STEPS = 3;
const LEARNING_RATE = 0.01;

function specWith(recurrent: ModelSpec['layers'][number], out: ModelSpec['layers'][number]): ModelSpec {
  return { inputShape: [MAXLEN], layers: [{ kind: 'embedding', name: 'embedding', inputDim: VOCAB, outputDim: 5 }, recurrent, out] };
}

const cases: { name: string; spec: ModelSpec; loss: 'categoricalCrossentropy' | 'binaryCrossentropy'; classes: number }[] = [
  { name: 'SimpleRNN + softmax', spec: specWith({ kind: 'simpleRNN', name: 'rnn', units: 6 }, { kind: 'dense', name: 'out', units: 2, activation: 'softmax' }), loss: 'categoricalCrossentropy', classes: 2 },
  { name: 'LSTM + softmax over 3 classes', spec: specWith({ kind: 'lstm', name: 'lstm', units: 4 }, { kind: 'dense', name: 'out', units: 3, activation: 'softmax' }), loss: 'categoricalCrossentropy', classes: 3 },
  { name: 'GRU + sigmoid', spec: specWith({ kind: 'gru', name: 'gru', units: 3 }, { kind: 'dense', name: 'out', units: 1, activation: 'sigmoid' }), loss: 'binaryCrossentropy', classes: 1 },
];

/** One batch: ids repeat inside it (a small vocabulary), so the per-row sums are exercised; each batch draws its own. */
function batchOf(seed: number, classes: number): { batch: Batch; y: Float32Array } {
  const random = seededRandom(seed);
  const ids = Int32Array.from({ length: BATCH * MAXLEN }, () => Math.floor(random() * VOCAB * 0.6));
  const y = new Float32Array(BATCH * Math.max(classes, 1));
  const labels = Int32Array.from({ length: BATCH }, () => Math.floor(random() * Math.max(classes, 2)));
  labels.forEach((label, b) => (classes === 1 ? (y[b] = label) : (y[b * classes + label] = 1)));
  const target = classes === 1 ? { kind: 'values' as const, values: Float32Array.from(y) } : { kind: 'classes' as const, classes: labels };
  return { batch: { x: { kind: 'ids', ids, batch: BATCH, steps: MAXLEN }, y: target, size: BATCH }, y };
}

describe('the sentiment engines equal stock tfjs trainOnBatch, step for step', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const tf = await cpuTf();
      const batches = Array.from({ length: STEPS }, (_, step) => batchOf(11 + step, c.classes));

      const stock = buildModel(tf, c.spec);
      stock.compile({ optimizer: tf.train.adam(LEARNING_RATE), loss: c.loss });
      const initial = readWeights(stock);
      const settings = { learningRate: LEARNING_RATE, weights: initial, loss: c.loss };
      const engines: TrainingEngine[] = [createTfjsEngine(tf, c.spec, settings), createKernelEngine(c.spec, settings)];

      for (const { batch, y } of batches) {
        const ids = (batch.x as { ids: Int32Array }).ids;
        const xT = tf.tensor2d(Float32Array.from(ids), [BATCH, MAXLEN]);
        const yT = tf.tensor2d(y, [BATCH, Math.max(c.classes, 1)]);
        const stockLoss = (await stock.trainOnBatch(xT, yT)) as number;
        tf.dispose([xT, yT]);
        for (const engine of engines) {
          const { loss, finite } = await engine.trainBatch(batch);
          expect(finite).toBe(true);
          expect(Math.abs(loss - stockLoss), engine.name).toBeLessThan(1e-5);
        }
      }
      const after = readWeights(stock);
      for (const engine of engines) {
        const ours = engine.getWeights();
        expect(ours.map((w) => w.shape)).toEqual(after.map((w) => w.shape));
        ours.forEach((w, i) => {
          expect(maxAbsDiff(w.values, after[i].values), `${engine.name} ${w.name}`).toBeLessThan(1e-5);
          // The steps must have changed the weights, or the comparison proves nothing.
          expect(maxAbsDiff(w.values, initial[i].values), w.name).toBeGreaterThan(1e-4);
        });
        engine.dispose();
      }
      stock.dispose();
    });
  }
});
