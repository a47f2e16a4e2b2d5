import { describe, expect, it } from 'vitest';
import { type CharLmConfig } from '../../src/tf/charLmCalls';
import { charLmSpec, createCharLmHandlers } from '../../src/tf/charLmTrainer';
import { memoryCheckpoints } from '../../src/tf/training';
import { cpuTf } from '../parity/tfjs';

const tf = await cpuTf();
const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(40);
const CONFIG: CharLmConfig = { layers: 2, units: 16, batchSize: 4, numSteps: 10, dropout: 0.1, learningRate: 0.01, clipNorm: 5 };

function trainer(checkpoints = memoryCheckpoints()) {
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
    const checkpoints = memoryCheckpoints();
    const first = trainer(checkpoints);
    await first.handlers.load({ source: { kind: 'own', name: 'cats', text: TEXT }, config: CONFIG, storageKey: 't', resume: true }, noProgress);
    const seen: number[] = [];
    const status = await first.handlers.train({ maxSteps: 60, ...TRAIN }, (p) => seen.push(p.loss));
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
      if (p.step === 3) t.cancel();
    });
    expect(status.step).toBe(3);
  });
});

describe('large vocabularies', () => {
  it('reads an Embedding above 256 distinct characters (auto), one-hot below, and either when asked', () => {
    const one = charLmSpec(CONFIG, 83);
    expect(one.inputShape).toEqual([null, 83]);
    expect(one.layers[0].kind).toBe('lstm');
    const big = charLmSpec(CONFIG, 5000);
    expect(big.inputShape).toEqual([null]);
    expect(big.layers[0]).toMatchObject({ kind: 'embedding', inputDim: 5000, outputDim: 64 });
    expect(charLmSpec({ ...CONFIG, input: 'embedding' }, 83).layers[0].kind).toBe('embedding');
    expect(charLmSpec({ ...CONFIG, input: 'one-hot' }, 5000).layers[0].kind).toBe('lstm');
  });

  it('trains, samples and resumes on a text of 400 distinct characters through the Embedding', async () => {
    const chars = Array.from({ length: 400 }, (_, i) => String.fromCodePoint(0x4e00 + i));
    const text = Array.from({ length: 3000 }, (_, i) => chars[(i * 7 + (i % 13)) % 400]).join('');
    const checkpoints = memoryCheckpoints();
    const first = trainer(checkpoints);
    const loaded = await first.handlers.load({ source: { kind: 'own', name: 'cjk', text }, config: { ...CONFIG, dropout: 0 }, storageKey: 'cjk', resume: true }, noProgress);
    expect(loaded.input).toBe('embedding');
    const status = await first.handlers.train({ maxSteps: 12, ...TRAIN, sampleEvery: 6 }, noProgress);
    expect(status.step).toBe(12);
    expect([...status.samples[0].text].every((c) => chars.includes(c) || 'the '.includes(c))).toBe(true);
    const again = await trainer(checkpoints).handlers.load({ source: { kind: 'own', name: 'cjk', text }, config: { ...CONFIG, dropout: 0 }, storageKey: 'cjk', resume: true }, noProgress);
    expect(again).toMatchObject({ resumed: true, step: 12 });
  });

  it('refuses a text too large for memory before reading it', async () => {
    const huge = { length: 60_000_000, slice: () => '' } as unknown as string;
    await expect(trainer().handlers.load({ source: { kind: 'own', name: 'huge', text: huge }, config: CONFIG, storageKey: 'h', resume: false }, noProgress)).rejects.toThrow(/60,000,000 characters; this page trains on at most 50,000,000/);
  });
});

describe('failures', () => {
  it('learning rate 10 stops with an explanation and goes back to the last good step', async () => {
    const t = trainer();
    await t.handlers.load({ source: { kind: 'own', name: 'cats', text: TEXT }, config: { ...CONFIG, learningRate: 10, clipNorm: 1e9 }, storageKey: 'lr', resume: false }, noProgress);
    const status = await t.handlers.train({ maxSteps: 300, ...TRAIN }, noProgress);
    expect(status.failure?.explanation).toMatch(/learning rate/);
    expect(status.step).toBeLessThan(300);
    const good = status.failure!.lastGoodStep!;
    expect(good).toBeLessThan(status.step + 1);
    const back = await t.handlers.restoreLastGood(null, noProgress);
    expect(back.step).toBe(good);
    expect(back.failure).toBeNull();
    expect(back.history.every((h) => h.step <= good)).toBe(true);
  });
});
