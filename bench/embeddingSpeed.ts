/**
 * embedding_train_speedup_vs_tfjs_cpu: one training step (batch 32 of 26 ids) of
 * Embedding(12533, 32) + LSTM(40) + Dense(2, softmax) with Adam, in node on tfjs' cpu backend:
 * stock tfjs (model.trainOnBatch, whose Embedding gradient runs UnsortedSegmentSum over the whole
 * vocabulary) against the book's tfjs engine (src/tf/training/tfjsEngine.ts: the rows looked up
 * outside the tape, their gradients summed per word id, then tfjs' own Adam), same weights, same
 * process, side by side. The stock step is timed once (it takes about a minute here: the ratio is
 * far beyond its noise); ours is the median of 20 steps after 3 warm-ups. The same engine on
 * wasm, where the stock step cannot run at all, and our kernel are printed as notes.
 */
import { seededRandom } from '../src/engine/random';
import { tweetLstm } from '../src/engine/recipeModels';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../src/tf/buildModel';
import { createKernelEngine } from '../src/tf/training/kernelEngine';
import { createTfjsEngine } from '../src/tf/training/tfjsEngine';
import type { Batch, TrainingEngine } from '../src/tf/training/types';
import type { CompileOptions, NamedWeight, Tf } from '../src/tf/types';
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
  const classes = Int32Array.from({ length: BATCH }, () => (random() < 0.5 ? 0 : 1));
  const y = new Float32Array(BATCH * 2);
  classes.forEach((c, b) => (y[b * 2 + c] = 1));
  const step: Batch = { x: { kind: 'ids', ids, batch: BATCH, steps: MAXLEN }, y: { kind: 'classes', classes }, size: BATCH };
  return { ids, y, step };
}

/** Median ms of one training step of `engine` (awaited: the tfjs engine reads its loss back). */
async function timeSteps(engine: TrainingEngine, step: Batch): Promise<number> {
  try {
    for (let i = 0; i < WARMUP; i++) await engine.trainBatch(step);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await engine.trainBatch(step);
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    engine.dispose();
  }
}

const tfjsEngine = (tf: Tf, weights: NamedWeight[]) => createTfjsEngine(tf, tweetLstm, { learningRate: compile.learningRate, weights });

export const embeddingSpeed: Bench = {
  figures: ['embedding_train_speedup_vs_tfjs_cpu'],
  async run({ note }) {
    const tf = await cpuTf();
    const { ids, y, step } = batch();
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
    const oursMs = await timeSteps(tfjsEngine(tf, weights), step);
    note(`embedding step, Embedding(${VOCAB},32)+LSTM(40)+Dense(2), batch ${BATCH}: stock tfjs cpu trainOnBatch ${stockTimes.map((t) => t.toFixed(0)).join(', ')} ms; the book's tfjs engine on cpu ${oursMs.toFixed(1)} ms (median of ${RUNS})`);
    const wasm = new WebAssembly.Module(readFileSync(join(import.meta.dirname, '../public/generated/training-kernels.wasm')));
    const kernelMs = await timeSteps(createKernelEngine(tweetLstm, { learningRate: compile.learningRate, weights }, wasm), step);
    note(`our kernel (wasm simd products) on the same step: ${kernelMs.toFixed(1)} ms (median of ${RUNS})`);
    try {
      await startWasm(tf);
      const wasmMs = await timeSteps(tfjsEngine(tf, weights), step);
      note(`the book's tfjs engine on wasm: ${wasmMs.toFixed(1)} ms per batch (stock tfjs cannot train an Embedding on wasm: no UnsortedSegmentSum kernel)`);
    } catch (error) {
      note(`the tfjs engine on wasm: not measured (${oneLine(String(error))})`);
    } finally {
      await tf.setBackend('cpu');
    }
    return [{ name: 'embedding_train_speedup_vs_tfjs_cpu', value: stockMs / oursMs, unit: 'x', digits: 1 }];
  },
};
