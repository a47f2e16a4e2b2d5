import { describe, expect, it } from 'vitest';
import { type CharLmConfig } from '../../src/tf/charLmCalls';
import { memoryCheckpoints } from '../../src/tf/charLmCheckpoints';
import { clipByGlobalNorm, createCharLmHandlers } from '../../src/tf/charLmTrainer';
import { cpuTf } from '../parity/tfjs';

const tf = await cpuTf();
const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(40);
const CONFIG: CharLmConfig = { layers: 2, units: 16, batchSize: 4, numSteps: 10, dropout: 0.1, learningRate: 0.01, clipNorm: 5 };

function trainer(checkpoints = memoryCheckpoints(tf)) {
  return createCharLmHandlers({
    tf,
    checkpoints,
    startBackend: async () => 'cpu',
    fetchText: async () => TEXT,
    yieldToMessages: async () => undefined,
  });
}

const noProgress = () => undefined;
const TRAIN = { sampleEvery: 20, evalEvery: 10, checkpointEvery: 25, prime: 'the ' };

describe('the character-model trainer', () => {
  it('loads a text: vocabulary, 90/10 split and the first 200 characters', async () => {
    const { handlers } = trainer();
    const status = await handlers.load({ source: { kind: 'own', name: 'cats', text: TEXT }, config: CONFIG, storageKey: 't', resume: false }, noProgress);
    expect(status.corpus.vocabulary).toEqual([...new Set(TEXT)].sort());
    expect(status.corpus.trainCharacters + status.corpus.validationCharacters).toBe(TEXT.length);
    expect(status.corpus.validationCharacters).toBe(TEXT.length - Math.floor(TEXT.length * 0.9));
    expect(status.corpus.first200).toBe(TEXT.slice(0, 200));
    expect(status.step).toBe(0);
  });

  it('trains: the loss falls, validation is measured, samples are printed, and a reload resumes', async () => {
    const checkpoints = memoryCheckpoints(tf);
    const first = trainer(checkpoints);
    await first.handlers.load({ source: { kind: 'own', name: 'cats', text: TEXT }, config: CONFIG, storageKey: 't', resume: true }, noProgress);
    const seen: number[] = [];
    const status = await first.handlers.train({ maxSteps: 60, ...TRAIN }, (p) => seen.push(p.point.loss));
    expect(status.step).toBe(60);
    expect(seen).toHaveLength(60);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(seen.slice(-10))).toBeLessThan(mean(seen.slice(0, 5)) - 0.5);
    expect(status.history.filter((h) => h.valLoss !== undefined)).toHaveLength(6);
    expect(status.samples.map((s) => s.step)).toEqual([20, 40, 60]);
    expect(status.samples[0].text.startsWith('the ')).toBe(true);
    expect(status.samples[0].text).toHaveLength(204);

    const second = trainer(checkpoints);
    const resumed = await second.handlers.load({ source: { kind: 'own', name: 'cats', text: TEXT }, config: CONFIG, storageKey: 't', resume: true }, noProgress);
    expect(resumed.resumed).toBe(true);
    expect(resumed.step).toBe(60);
    expect(resumed.history).toHaveLength(60);
    const a = await first.handlers.generate({ prime: 'the ', length: 30, topN: 4, temperature: 1, seed: 3 }, noProgress);
    const b = await second.handlers.generate({ prime: 'the ', length: 30, topN: 4, temperature: 1, seed: 3 }, noProgress);
    expect(b.chars.map((c) => c.char).join('')).toBe(a.chars.map((c) => c.char).join(''));

    // Different settings do not pick up a checkpoint made for others.
    const other = await trainer(checkpoints).handlers.load(
      { source: { kind: 'own', name: 'cats', text: TEXT }, config: { ...CONFIG, units: 8 }, storageKey: 't', resume: true },
      noProgress,
    );
    expect(other.step).toBe(0);
  });

  it('generates one character at a time within the top N, with traces of every layer', async () => {
    const { handlers } = trainer();
    await handlers.load({ source: { kind: 'own', name: 'cats', text: TEXT }, config: CONFIG, storageKey: 'g', resume: false }, noProgress);
    const { chars, trace } = await handlers.generate({ prime: 'the', length: 12, topN: 2, temperature: 1, seed: 1 }, noProgress);
    expect(chars).toHaveLength(12);
    for (const c of chars) {
      expect(c.top.slice(2).every((t) => t.p === 0)).toBe(true);
      expect(c.top.slice(0, 2).map((t) => t.char)).toContain(c.char);
    }
    expect(trace.layers).toHaveLength(2);
    expect(trace.text).toBe('the' + chars.slice(0, -1).map((c) => c.char).join(''));
    expect(trace.layers[1].c).toHaveLength(trace.text.length);
    expect(trace.layers[0].h[0]).toHaveLength(16);
    await expect(Promise.resolve().then(() => handlers.generate({ prime: 'Zebra', length: 3, topN: 4, temperature: 1, seed: 1 }, noProgress))).rejects.toThrow(/never seen "Z"/);
  });

  it('stops at the next step when cancelled', async () => {
    const t = trainer();
    await t.handlers.load({ source: { kind: 'own', name: 'cats', text: TEXT }, config: CONFIG, storageKey: 'c', resume: false }, noProgress);
    const status = await t.handlers.train({ maxSteps: 1000, ...TRAIN }, (p) => {
      if (p.point.step === 3) t.cancel();
    });
    expect(status.step).toBe(3);
  });
});

describe('clipByGlobalNorm', () => {
  it('scales every gradient by clip / ‖g‖ when the global norm exceeds clip, and leaves small ones alone', () => {
    const grads = { a: tf.tensor([3, 0]), b: tf.tensor([0, 4]) };
    const clipped = clipByGlobalNorm(tf, grads, 1);
    expect(Array.from(clipped.a.dataSync())).toEqual([expect.closeTo(0.6, 6), 0]);
    expect(Array.from(clipped.b.dataSync())).toEqual([0, expect.closeTo(0.8, 6)]);
    const kept = clipByGlobalNorm(tf, grads, 10);
    expect(Array.from(kept.b.dataSync())).toEqual([0, 4]);
  });
});

describe('oneHotTimes', () => {
  it('equals oneHot(ids)·W and has the same gradient with respect to W', async () => {
    const { oneHotTimes } = await import('../../src/tf/charLmNet');
    const ids = tf.tensor1d([2, 0, 2, 3], 'int32');
    const w = tf.variable(tf.randomNormal([4, 3], 0, 1, 'float32', 5));
    const r = tf.randomNormal([4, 3], 0, 1, 'float32', 6);
    const ours = tf.variableGrads(() => tf.sum(tf.mul(oneHotTimes(tf, ids, w as never, 4), r)), [w]);
    const plain = tf.variableGrads(() => tf.sum(tf.mul(tf.matMul(tf.cast(tf.oneHot(ids, 4), 'float32'), w), r)), [w]);
    expect(ours.value.dataSync()[0]).toBeCloseTo(plain.value.dataSync()[0], 5);
    Array.from(ours.grads[w.name].dataSync()).forEach((g, i) => expect(g).toBeCloseTo(plain.grads[w.name].dataSync()[i], 5));
  });
});
