/**
 * embedding_train_speedup_vs_tfjs_cpu: one training step (batch 32 of 26 ids) of
 * Embedding(12533, 32) + LSTM(40) + Dense(2, softmax) with Adam, in node on tfjs' cpu backend:
 * stock tfjs (model.trainOnBatch, whose Embedding gradient runs UnsortedSegmentSum over the whole
 * vocabulary) against the book's sparse step (src/tf/trainLoop.ts), same weights, same process,
 * side by side. The stock step is timed once (it takes about a minute here: the ratio is far
 * beyond its noise); ours is the median of 20 steps after 3 warm-ups. The sparse step on wasm, where the stock
 * step cannot run at all, is printed as a note.
 */
import { seededRandom } from '../src/engine/random';
import { tweetLstm } from '../src/engine/recipeModels';
import { buildModel } from '../src/tf/buildModel';
import { EmbeddingTrainer } from '../src/tf/trainLoop';
import type { CompileOptions, Tf } from '../src/tf/types';
import { readWeights } from '../src/tf/weights';
import { cpuTf } from '../test/parity/tfjs';
import { type Bench, median, oneLine } from './figure';
import { startWasm } from './forward';

const BATCH = 32;
const MAXLEN = 26;
const VOCAB = 12533;
const STOCK_RUNS = 1;
const WARMUP = 3;
const RUNS = 20;
const compile: CompileOptions = { optimizer: 'adam', learningRate: 0.001, loss: 'categoricalCrossentropy' };

function batch() {
  const random = seededRandom(4);
  const ids = Int32Array.from({ length: BATCH * MAXLEN }, () => Math.floor(random() * VOCAB));
  const y = new Float32Array(BATCH * 2);
  for (let b = 0; b < BATCH; b++) y[b * 2 + (random() < 0.5 ? 0 : 1)] = 1;
  return { ids, y };
}

function timeSparse(tf: Tf, weights: ReturnType<typeof readWeights>, ids: Int32Array, y: Float32Array): number {
  const trainer = new EmbeddingTrainer(tf, tweetLstm, compile, weights);
  try {
    for (let i = 0; i < WARMUP; i++) trainer.trainStep(ids, y, BATCH);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      trainer.trainStep(ids, y, BATCH);
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    trainer.dispose();
  }
}

export const embeddingSpeed: Bench = {
  figures: ['embedding_train_speedup_vs_tfjs_cpu'],
  async run({ note }) {
    const tf = await cpuTf();
    const { ids, y } = batch();
    const stock = buildModel(tf, tweetLstm);
    stock.compile({ optimizer: tf.train.adam(compile.learningRate), loss: compile.loss });
    const weights = readWeights(stock);
    const stockTimes: number[] = [];
    for (let i = 0; i < STOCK_RUNS; i++) {
      const x = tf.tensor2d(Float32Array.from(ids), [BATCH, MAXLEN]);
      const yt = tf.tensor2d(y, [BATCH, 2]);
      const start = performance.now();
      await stock.trainOnBatch(x, yt);
      stockTimes.push(performance.now() - start);
      tf.dispose([x, yt]);
    }
    stock.dispose();
    const stockMs = Math.min(...stockTimes);
    const oursMs = timeSparse(tf, weights, ids, y);
    note(`embedding step, Embedding(${VOCAB},32)+LSTM(40)+Dense(2), batch ${BATCH}: stock tfjs cpu trainOnBatch ${stockTimes.map((t) => t.toFixed(0)).join(', ')} ms; sparse step on cpu ${oursMs.toFixed(1)} ms (median of ${RUNS})`);
    try {
      await startWasm(tf);
      const wasmMs = timeSparse(tf, weights, ids, y);
      note(`sparse step on wasm: ${wasmMs.toFixed(1)} ms per batch (stock tfjs cannot train an Embedding on wasm: no UnsortedSegmentSum kernel)`);
    } catch (error) {
      note(`sparse step on wasm: not measured (${oneLine(String(error))})`);
    } finally {
      await tf.setBackend('cpu');
    }
    return [{ name: 'embedding_train_speedup_vs_tfjs_cpu', value: stockMs / oursMs, unit: 'x', digits: 1 }];
  },
};
