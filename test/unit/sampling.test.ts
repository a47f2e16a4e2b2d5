import { describe, expect, it } from 'vitest';
import { softmax } from '../../src/engine/activations';
import { seededRandom } from '../../src/engine/random';
import { argmax, chooseNext, sampleFromProbs, topN, withTemperature } from '../../src/engine/sampling';

const DRAWS = 20_000;

function counts(probs: ArrayLike<number>, draws: number, seed: number): number[] {
  const random = seededRandom(seed);
  const seen = new Array(probs.length).fill(0);
  for (let i = 0; i < draws; i++) seen[sampleFromProbs(probs, random)]++;
  return seen;
}

describe('softmax of the source example', () => {
  it('turns the logits (1.0, 2.2, −3.0, 4.1) for h, e, l, o into probabilities that favour o', () => {
    const p = softmax([1.0, 2.2, -3.0, 4.1]);
    const exps = [1.0, 2.2, -3.0, 4.1].map(Math.exp);
    const total = exps.reduce((a, b) => a + b);
    exps.forEach((e, i) => expect(p[i]).toBeCloseTo(e / total, 6));
    expect(argmax(p)).toBe(3);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
  });
});

describe('sampleFromProbs', () => {
  it('draws each index about as often as its probability says', () => {
    const probs = [0.1, 0.2, 0.3, 0.4];
    const seen = counts(probs, DRAWS, 11);
    probs.forEach((p, i) => expect(Math.abs(seen[i] / DRAWS - p)).toBeLessThan(0.015));
  });

  it('never draws a zero-probability index and rejects an all-zero distribution', () => {
    const seen = counts([0, 0.5, 0, 0.5], DRAWS, 3);
    expect(seen[0] + seen[2]).toBe(0);
    expect(() => sampleFromProbs([0, 0], seededRandom(1))).toThrow(/all zero/);
  });

  it('replays the same sequence for the same seed', () => {
    const a = counts([0.25, 0.25, 0.5], 50, 9);
    const b = counts([0.25, 0.25, 0.5], 50, 9);
    expect(a).toEqual(b);
  });
});

describe('topN', () => {
  it('over thousands of seeded draws never emits a character outside the top N', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 40; trial++) {
      const logits = Array.from({ length: 83 }, () => random() * 6 - 3);
      const probs = softmax(logits);
      for (const n of [1, 2, 4, 10]) {
        const allowed = new Set(
          Array.from(probs, (p, i) => [p, i] as const)
            .sort((a, b) => b[0] - a[0])
            .slice(0, n)
            .map(([, i]) => i),
        );
        const kept = topN(probs, n);
        const draw = seededRandom(trial * 100 + n);
        const drawn = new Set<number>();
        for (let i = 0; i < 500; i++) drawn.add(sampleFromProbs(kept, draw));
        for (const i of drawn) expect(allowed.has(i)).toBe(true);
        // With 500 draws over at most 10 survivors, every survivor with a fair share shows up.
        if (n <= 4) expect(drawn.size).toBe(n);
      }
    }
  });

  it('renormalises the survivors in proportion to their old probabilities', () => {
    const kept = topN([0.1, 0.4, 0.2, 0.3], 2);
    expect(Array.from(kept)).toEqual([0, expect.closeTo(4 / 7, 6), 0, expect.closeTo(3 / 7, 6)]);
  });

  it('rejects N below 1', () => {
    expect(() => topN([0.5, 0.5], 0)).toThrow(/N ≥ 1/);
  });
});

describe('temperature', () => {
  const logits = [1.0, 2.2, -3.0, 4.1];

  it('T = 1 is the plain softmax; T > 1 flattens, T < 1 sharpens', () => {
    expect(Array.from(withTemperature(logits, 1))).toEqual(Array.from(softmax(logits)));
    expect(withTemperature(logits, 3)[3]).toBeLessThan(softmax(logits)[3]);
    expect(withTemperature(logits, 0.5)[3]).toBeGreaterThan(softmax(logits)[3]);
  });

  it('as T → 0 sampling becomes argmax', () => {
    const random = seededRandom(5);
    const agreement: number[] = [];
    for (const t of [2, 1, 0.5, 0.25, 0.05, 0.01, 0.0001]) {
      let hits = 0;
      for (let trial = 0; trial < 200; trial++) {
        const l = Array.from({ length: 10 }, () => random() * 4);
        for (let d = 0; d < 10; d++) if (chooseNext(l, { mode: 'sample', temperature: t, topN: null }, random).index === argmax(l)) hits++;
      }
      agreement.push(hits / 2000);
    }
    for (let i = 1; i < agreement.length; i++) expect(agreement[i]).toBeGreaterThanOrEqual(agreement[i - 1] - 0.02);
    expect(agreement[0]).toBeLessThan(0.5);
    expect(agreement.at(-1)).toBeGreaterThan(0.999);
  });

  it('greedy mode always takes the argmax', () => {
    const random = seededRandom(8);
    for (let i = 0; i < 100; i++) {
      const l = Array.from({ length: 6 }, () => random());
      expect(chooseNext(l, { mode: 'greedy', temperature: 1, topN: 4 }, random).index).toBe(argmax(l));
    }
  });
});
