/**
 * Training for models that start with an Embedding, with a training step of our own instead of
 * tfjs' fit(). Why: tfjs differentiates the embedding lookup with UnsortedSegmentSum, which on
 * the cpu backend loops over the whole vocabulary (45 s per batch of 32 at 12,533 words) and does
 * not exist on wasm at all. Here the lookup happens outside tfjs' tape:
 *
 *   1. gather the batch's rows of the embedding table in JS (src/engine/sparseEmbedding.ts);
 *   2. run the layers after the embedding on them and let tfjs differentiate the loss with
 *      respect to those layers' weights AND the gathered rows (an input variable);
 *   3. Adam (tfjs') updates the other layers; the rows' gradients are summed per word id and
 *      lazy Adam updates only the rows this batch used.
 *
 * One such step from the same weights equals tfjs' own step (test/parity/embeddingStep).
 * The full tfjs model (with its Embedding layer) stays alive for the summary, saving and export;
 * its embedding variable is refreshed from the JS table whenever someone reads it.
 */
import { BookError } from '../engine/errors';
import type { Tensor, Variable } from '@tensorflow/tfjs';
import type { ModelSpec } from '../engine/spec';
import { seededRandom } from '../engine/random';
import { LazyAdam, gatherRows, segmentSumRows } from '../engine/sparseEmbedding';
import { type TfModel, buildModel } from './buildModel';
import type { BuiltModel } from './modelSession';
import { captureSummary, layerParamCounts } from './summary';
import type { CompileOptions, EpochLog, NamedWeight, Tf } from './types';
import { readWeights, writeWeights } from './weights';

/** Ids [n, maxlen] and targets [n, classes] (one-hot, or [n, 1] of 0/1 for a sigmoid output). */
export interface IdData {
  x: Int32Array;
  y: Float32Array;
  n: number;
  maxlen: number;
}

export type StopReason = 'done' | 'cancelled' | 'earlyStopping' | 'nan' | 'diverged' | 'timeLimit';

export interface TrainProgress {
  /** 1-based epoch of this run and the number asked for. */
  epoch: number;
  epochs: number;
  /** Batches done in this epoch, and per epoch. */
  batch: number;
  batches: number;
  /** Running mean over this epoch's batches so far. */
  loss: number;
  accuracy: number;
  elapsedMs: number;
  /** Estimated time left for the whole run, from the mean batch time so far. */
  etaMs: number;
  /** Set when an epoch has just ended (with validation figures). */
  log?: EpochLog;
}

export interface TrainRunOptions {
  epochs: number;
  batchSize: number;
  /** Stop when validation loss has not improved for this many epochs (0 = never). */
  patience?: number;
  /** On an early stop, NaN or divergence, go back to the weights of the best validation loss. */
  restoreBest?: boolean;
  /** Stop (and validate) after this much training time. */
  timeLimitMs?: number;
  /** Seed of the per-epoch shuffle. */
  seed?: number;
  onProgress?: (progress: TrainProgress) => void;
  /** Polled between batches; true ends the run after the current batch. */
  shouldStop?: () => boolean;
}

export interface TrainRunResult {
  history: EpochLog[];
  stopReason: StopReason;
  /** 1-based epoch (of this run) whose weights the model holds at the end, when restored. */
  bestEpoch: number | null;
  /** The batch at which the loss went bad, for 'nan' and 'diverged'. */
  badBatch?: { epoch: number; batch: number; loss: number };
}

/** Lets queued messages (a cancel) run between batches without the 4 ms clamp of nested timers. */
function yieldToEvents(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

interface Snapshot {
  table: Float32Array;
  rest: Float32Array[];
}

export class EmbeddingTrainer {
  readonly model: TfModel;
  readonly spec: ModelSpec;
  private readonly tf: Tf;
  private readonly table: Float32Array;
  private readonly dim: number;
  private readonly rows: number;
  private readonly restVars: Variable[];
  private readonly optimizer: ReturnType<Tf['train']['adam']>;
  private readonly lazyAdam: LazyAdam;
  private readonly binary: boolean;
  private tableDirty = false;

  constructor(tf: Tf, spec: ModelSpec, compile: CompileOptions, weights?: NamedWeight[]) {
    const first = spec.layers[0];
    if (first?.kind !== 'embedding') throw new Error('The sparse embedding trainer needs a model whose first layer is an Embedding.');
    if (compile.optimizer !== 'adam') throw new Error(`The sparse embedding trainer uses Adam; "${compile.optimizer}" is not supported.`);
    if (compile.loss !== 'categoricalCrossentropy' && compile.loss !== 'binaryCrossentropy') {
      throw new Error(`The sparse embedding trainer supports categorical or binary cross-entropy, not ${compile.loss}.`);
    }
    this.tf = tf;
    this.spec = spec;
    this.binary = compile.loss === 'binaryCrossentropy';
    this.model = buildModel(tf, spec);
    if (weights) writeWeights(tf, this.model, weights);
    this.dim = first.outputDim;
    this.rows = first.inputDim;
    this.table = Float32Array.from(this.embeddingVariable().dataSync() as Float32Array);
    this.restVars = this.model.layers.slice(1).flatMap((layer) => layer.trainableWeights.map((w) => w.read() as Variable));
    this.optimizer = tf.train.adam(compile.learningRate);
    this.lazyAdam = new LazyAdam(this.table.length, this.dim, { learningRate: compile.learningRate, epsilon: tf.backend().epsilon() });
  }

  private embeddingVariable(): Variable {
    return this.model.layers[0].trainableWeights[0].read() as Variable;
  }

  describe(): BuiltModel {
    return { summary: captureSummary(this.model), layerParams: layerParamCounts(this.model), weights: this.weights() };
  }

  /** Layers after the embedding, on already-looked-up rows [batch, time, dim]. */
  private forwardEmbedded(x: Tensor, training: boolean): Tensor {
    return this.model.layers.slice(1).reduce((h, layer) => layer.apply(h, { training }) as Tensor, x);
  }

  private lookup(ids: Int32Array, batch: number, maxlen: number): Tensor {
    return this.tf.tensor3d(gatherRows(this.table, this.dim, ids), [batch, maxlen, this.dim]);
  }

  private lossOf(y: Tensor, out: Tensor): Tensor {
    const { metrics } = this.tf;
    return (this.binary ? metrics.binaryCrossentropy(y, out) : metrics.categoricalCrossentropy(y, out)).mean();
  }

  private correctOf(y: Tensor, out: Tensor): Tensor {
    const tf = this.tf;
    const hits = this.binary ? tf.equal(tf.greater(out, 0.5), tf.greater(y, 0.5)) : tf.equal(tf.argMax(out, -1), tf.argMax(y, -1));
    return hits.cast('float32').sum();
  }

  /** One optimisation step on one batch; returns its loss and how many it got right. */
  trainStep(ids: Int32Array, y: Float32Array, batch: number): { loss: number; correct: number } {
    const tf = this.tf;
    const maxlen = ids.length / batch;
    const input = tf.variable(this.lookup(ids, batch, maxlen), true);
    const yT = tf.tensor2d(y, [batch, y.length / batch]);
    let correctT: Tensor | null = null;
    try {
      const { value, grads } = tf.variableGrads(() => {
        const out = this.forwardEmbedded(input, true);
        correctT = tf.keep(this.correctOf(yT, out));
        return this.lossOf(yT, out) as never;
      }, [...this.restVars, input]);
      const rowGrads = grads[input.name].dataSync();
      const restGrads = Object.fromEntries(this.restVars.map((v) => [v.name, grads[v.name]]));
      this.optimizer.applyGradients(restGrads as never);
      const { rows, sums } = segmentSumRows(ids, rowGrads, this.dim);
      this.lazyAdam.apply(this.table, rows, sums);
      this.tableDirty = true;
      const loss = value.dataSync()[0];
      const correct = (correctT as Tensor | null)?.dataSync()[0] ?? 0;
      tf.dispose([value, ...Object.values(grads)]);
      return { loss, correct };
    } finally {
      tf.dispose([input, yT, ...(correctT ? [correctT] : [])]);
    }
  }

  /** Model output for ids [n, maxlen], in batches. */
  predict(ids: Int32Array, n: number, batchSize = 256): Float32Array {
    const maxlen = ids.length / Math.max(1, n);
    const parts: Float32Array[] = [];
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const slice = ids.subarray(start * maxlen, (start + size) * maxlen);
      parts.push(this.tf.tidy(() => this.forwardEmbedded(this.lookup(slice, size, maxlen), false).dataSync() as Float32Array));
    }
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  }

  evaluate(data: IdData, batchSize = 256): { loss: number; accuracy: number } {
    const tf = this.tf;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < data.n; start += batchSize) {
      const size = Math.min(batchSize, data.n - start);
      const ids = data.x.subarray(start * data.maxlen, (start + size) * data.maxlen);
      const classes = data.y.length / data.n;
      const [l, c] = tf.tidy(() => {
        const out = this.forwardEmbedded(this.lookup(ids, size, data.maxlen), false);
        const y = tf.tensor2d(data.y.subarray(start * classes, (start + size) * classes), [size, classes]);
        return [this.lossOf(y, out).dataSync()[0], this.correctOf(y, out).dataSync()[0]];
      });
      lossSum += l * size;
      correct += c;
    }
    return { loss: lossSum / data.n, accuracy: correct / data.n };
  }

  private snapshot(): Snapshot {
    return { table: Float32Array.from(this.table), rest: this.restVars.map((v) => Float32Array.from(v.dataSync() as Float32Array)) };
  }

  private restore(s: Snapshot): void {
    this.table.set(s.table);
    this.tableDirty = true;
    this.restVars.forEach((v, i) => v.assign(this.tf.tensor(s.rest[i], v.shape)));
  }

  private tableIsFinite(): boolean {
    for (let i = 0; i < this.table.length; i++) if (!Number.isFinite(this.table[i])) return false;
    return true;
  }

  /**
   * Mini-batch training with a shuffle per epoch, validation after each epoch, early stopping,
   * and a guard against NaN and divergence: a batch loss that is not a number, or an epoch whose
   * training loss exceeds three times the loss of guessing uniformly, ends the run.
   */
  async fit(train: IdData, validation: IdData | null, options: TrainRunOptions): Promise<TrainRunResult> {
    const { epochs, batchSize, patience = 0, restoreBest = true, timeLimitMs, seed = 1, onProgress, shouldStop } = options;
    if (train.n === 0) throw new BookError('train.nothing', 'There is nothing to train on.');
    const classes = train.y.length / train.n;
    const chanceLoss = this.binary ? Math.log(2) : Math.log(Math.max(2, classes));
    const random = seededRandom(seed);
    const batches = Math.ceil(train.n / batchSize);
    const history: EpochLog[] = [];
    const started = performance.now();
    let trainingMs = 0;
    let stepsDone = 0;
    let best: { loss: number; epoch: number; snapshot: Snapshot | null } | null = null;
    let waited = 0;
    const order = Int32Array.from({ length: train.n }, (_, i) => i);
    const ids = new Int32Array(batchSize * train.maxlen);
    const y = new Float32Array(batchSize * classes);

    const finish = (stopReason: StopReason, extra: Partial<TrainRunResult> = {}): TrainRunResult => {
      const goBack = restoreBest && best && (stopReason === 'earlyStopping' || stopReason === 'nan' || stopReason === 'diverged');
      if (goBack && best?.snapshot) this.restore(best.snapshot);
      return { history, stopReason, bestEpoch: goBack && best?.snapshot ? best.epoch : null, ...extra };
    };

    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let stop: StopReason | null = null;
      for (let b = 0; b < batches; b++) {
        const start = b * batchSize;
        const size = Math.min(batchSize, train.n - start);
        for (let k = 0; k < size; k++) {
          const row = order[start + k];
          ids.set(train.x.subarray(row * train.maxlen, (row + 1) * train.maxlen), k * train.maxlen);
          y.set(train.y.subarray(row * classes, (row + 1) * classes), k * classes);
        }
        const t0 = performance.now();
        const step = this.trainStep(ids.subarray(0, size * train.maxlen), y.subarray(0, size * classes), size);
        trainingMs += performance.now() - t0;
        stepsDone += 1;
        if (!Number.isFinite(step.loss)) return finish('nan', { badBatch: { epoch, batch: b + 1, loss: step.loss } });
        lossSum += step.loss * size;
        correct += step.correct;
        seen += size;
        const perStep = trainingMs / stepsDone;
        onProgress?.({
          epoch,
          epochs,
          batch: b + 1,
          batches,
          loss: lossSum / seen,
          accuracy: correct / seen,
          elapsedMs: performance.now() - started,
          etaMs: perStep * ((epochs - epoch) * batches + (batches - b - 1)),
        });
        await yieldToEvents();
        if (shouldStop?.()) {
          stop = 'cancelled';
          break;
        }
        if (timeLimitMs !== undefined && trainingMs >= timeLimitMs) {
          stop = 'timeLimit';
          break;
        }
      }
      const log: EpochLog = { epoch, loss: lossSum / seen, accuracy: correct / seen };
      if (!this.tableIsFinite()) return finish('nan', { badBatch: { epoch, batch: batches, loss: NaN } });
      if (validation && validation.n > 0) {
        const v = this.evaluate(validation);
        log.valLoss = v.loss;
        log.valAccuracy = v.accuracy;
      }
      history.push(log);
      onProgress?.({ epoch, epochs, batch: batches, batches, loss: log.loss, accuracy: log.accuracy ?? 0, elapsedMs: performance.now() - started, etaMs: (trainingMs / stepsDone) * (epochs - epoch) * batches, log });
      if (stop) return finish(stop);
      if (log.loss > 3 * chanceLoss) return finish('diverged', { badBatch: { epoch, batch: batches, loss: log.loss } });
      const watched = log.valLoss ?? log.loss;
      if (!best || watched < best.loss) {
        best = { loss: watched, epoch, snapshot: restoreBest ? this.snapshot() : null };
        waited = 0;
      } else if (patience > 0 && ++waited >= patience) {
        return finish('earlyStopping');
      }
    }
    return finish('done');
  }

  /** Writes the JS table into the tfjs model's embedding variable, so the model is complete. */
  syncEmbedding(): void {
    if (!this.tableDirty) return;
    this.embeddingVariable().assign(this.tf.tensor2d(this.table, [this.rows, this.dim]));
    this.tableDirty = false;
  }

  weights(): NamedWeight[] {
    this.syncEmbedding();
    return readWeights(this.model);
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }
}
