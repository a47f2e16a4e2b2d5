/**
 * The sparse-embedding training loop's guards: a learning rate far too high is caught and
 * reported (NaN or divergence) instead of training on garbage; cancel ends the run between
 * batches; early stopping restores the best epoch.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import { sentimentSpec } from '../../src/engine/sentimentModels';
import { EmbeddingTrainer, type IdData, type TrainProgress } from '../../src/tf/trainLoop';
import { cpuTf } from '../parity/tfjs';

const MAXLEN = 5;
const VOCAB = 30;

/** Label 1 when the text holds word 1, else 0: learnable, so the guards are what stops a run. */
function data(n: number, seed: number): IdData {
  const random = seededRandom(seed);
  const x = Int32Array.from({ length: n * MAXLEN }, () => 1 + Math.floor(random() * (VOCAB - 1)));
  const y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) y[i * 2 + (x.subarray(i * MAXLEN, (i + 1) * MAXLEN).includes(1) ? 1 : 0)] = 1;
  return { x, y, n, maxlen: MAXLEN };
}

const spec = sentimentSpec({ cell: 'lstm', vocabSize: VOCAB, maxlen: MAXLEN, classes: 2, units: 6, embeddingDim: 4 });

describe('EmbeddingTrainer.fit', () => {
  it('stops and says why when the learning rate makes training blow up', async () => {
    const tf = await cpuTf();
    const trainer = new EmbeddingTrainer(tf, spec, { optimizer: 'adam', learningRate: 1e30, loss: 'categoricalCrossentropy' });
    const result = await trainer.fit(data(64, 1), data(32, 2), { epochs: 20, batchSize: 16 });
    expect(['nan', 'diverged']).toContain(result.stopReason);
    expect(result.badBatch).toBeDefined();
    expect(result.history.length).toBeLessThan(20);
    trainer.dispose();
  });

  it('learns a simple rule and reports progress in order, ending on the last batch with no time left', async () => {
    const tf = await cpuTf();
    const trainer = new EmbeddingTrainer(tf, spec, { optimizer: 'adam', learningRate: 0.05, loss: 'categoricalCrossentropy' });
    const seen: TrainProgress[] = [];
    const result = await trainer.fit(data(128, 3), data(64, 4), { epochs: 8, batchSize: 32, onProgress: (p) => seen.push(p) });
    expect(result.stopReason).toBe('done');
    // However often progress is reported: it moves forward, stays in range, and the epoch logs are the history.
    const order = seen.map((p) => p.epoch * 100 + p.batch);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const p of seen) {
      expect(p).toMatchObject({ epochs: 8, batches: 128 / 32 });
      expect(p.batch).toBeGreaterThanOrEqual(1);
      expect(p.batch).toBeLessThanOrEqual(p.batches);
      expect(Number.isFinite(p.etaMs) && p.etaMs >= 0).toBe(true);
    }
    expect(seen.flatMap((p) => (p.log ? [p.log] : []))).toEqual(result.history);
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(seen.at(-1)).toMatchObject({ epoch: 8, batch: 4, etaMs: 0 });
    expect(result.history.at(-1)!.loss).toBeLessThan(result.history[0].loss);
    trainer.dispose();
  });

  it('cancels between batches', async () => {
    const tf = await cpuTf();
    const trainer = new EmbeddingTrainer(tf, spec, { optimizer: 'adam', learningRate: 0.01, loss: 'categoricalCrossentropy' });
    // shouldStop is asked once after every batch (its contract), so it counts batches itself.
    let asked = 0;
    const seen: TrainProgress[] = [];
    const result = await trainer.fit(data(128, 5), null, { epochs: 5, batchSize: 16, onProgress: (p) => seen.push(p), shouldStop: () => ++asked >= 3 });
    expect(result.stopReason).toBe('cancelled');
    expect(asked).toBe(3);
    // Stopped inside the first epoch (8 batches): its partial log is the whole history, and no batch
    // past the third was reported.
    expect(result.history.map((h) => h.epoch)).toEqual([1]);
    expect(seen.every((p) => p.epoch === 1)).toBe(true);
    for (const p of seen.filter((p) => !p.log)) expect(p.batch).toBeLessThanOrEqual(3);
    trainer.dispose();
  });

  it('early stopping restores the epoch with the lowest validation loss', async () => {
    const tf = await cpuTf();
    const trainer = new EmbeddingTrainer(tf, spec, { optimizer: 'adam', learningRate: 0.2, loss: 'categoricalCrossentropy' });
    // Validation labels are random, so validation loss soon stops improving.
    const noisy = data(32, 6);
    const random = seededRandom(9);
    for (let i = 0; i < noisy.n; i++) {
      const one = random() < 0.5 ? 0 : 1;
      noisy.y[i * 2] = one;
      noisy.y[i * 2 + 1] = 1 - one;
    }
    const result = await trainer.fit(data(64, 7), noisy, { epochs: 60, batchSize: 16, patience: 2 });
    expect(result.stopReason).toBe('earlyStopping');
    const best = Math.min(...result.history.map((h) => h.valLoss!));
    expect(result.history[result.bestEpoch! - 1].valLoss).toBe(best);
    const after = trainer.evaluate(noisy).loss;
    expect(Math.abs(after - best)).toBeLessThan(1e-5);
    trainer.dispose();
  });
});
