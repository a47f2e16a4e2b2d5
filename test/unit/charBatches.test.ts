import { describe, expect, it } from 'vitest';
import {
  batchLayout,
  buildCharVocabulary,
  charBatch,
  characterBatches,
  decodeChars,
  encodeChars,
  reshapeRows,
} from '../../src/engine/charBatches';

const rows = (a: Int32Array[]) => a.map((r) => Array.from(r));
const ids20 = Int32Array.from({ length: 20 }, (_, i) => i);

describe('vocabulary and ids', () => {
  it('"hello" has the vocabulary e, h, l, o and round-trips', () => {
    const vocab = buildCharVocabulary('hello');
    expect(vocab.chars).toEqual(['e', 'h', 'l', 'o']);
    expect(Array.from(encodeChars('hello', vocab))).toEqual([1, 0, 2, 2, 3]);
    expect(decodeChars(encodeChars('hello', vocab), vocab)).toBe('hello');
    expect(() => encodeChars('help', vocab)).toThrow(/"p"/);
  });
});

describe("the source's rule (targets wrap to the window's first input)", () => {
  // 20 ids, N = 2 sequences, M = 3 steps: 6 per batch, K = 3 batches, 2 ids dropped.
  it('reshapes into N × (M·K) after dropping the remainder', () => {
    const layout = batchLayout(20, 2, 3, 'source');
    expect(layout).toEqual({ numSeqs: 2, numSteps: 3, numBatches: 3, rowLength: 9, dropped: 2 });
    expect(rows(reshapeRows(ids20, layout))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      [9, 10, 11, 12, 13, 14, 15, 16, 17],
    ]);
  });

  it('yields the hand-derived windows and targets', () => {
    const batches = [...characterBatches(ids20, 2, 3, 'source')];
    expect(batches.map((b) => [rows(b.x), rows(b.y)])).toEqual([
      [[[0, 1, 2], [9, 10, 11]], [[1, 2, 0], [10, 11, 9]]],
      [[[3, 4, 5], [12, 13, 14]], [[4, 5, 3], [13, 14, 12]]],
      [[[6, 7, 8], [15, 16, 17]], [[7, 8, 6], [16, 17, 15]]],
    ]);
  });

  it("matches the seed's printed first row: targets are the inputs shifted by one", () => {
    // The seed's encoded "Chapter 1\n\n\nHappy…": its first input row and first target row.
    const x = [70, 34, 54, 29, 24, 19, 76, 45, 2, 79, 79, 79, 69, 54];
    const batch = charBatch(x, batchLayout(x.length, 1, 10, 'source'), 0, 'source');
    expect(Array.from(batch.x[0])).toEqual([70, 34, 54, 29, 24, 19, 76, 45, 2, 79]);
    expect(Array.from(batch.y[0]).slice(0, 9)).toEqual([34, 54, 29, 24, 19, 76, 45, 2, 79]);
    // The seed prints only 10 of 50 columns, so its tenth target is a real next character (79);
    // with M = 10 the last target is where the source's wrap shows: back to the first input.
    expect(batch.y[0][9]).toBe(70);
  });

  it('makes no batch from text shorter than one batch', () => {
    expect([...characterBatches(ids20, 4, 6, 'source')]).toEqual([]);
  });
});

describe("the cleaner rule (the next character of the text)", () => {
  it('holds one character back and takes every target from the text', () => {
    expect(batchLayout(20, 2, 3, 'next').numBatches).toBe(3);
    expect(batchLayout(18, 2, 3, 'next').numBatches).toBe(2);
    const batches = [...characterBatches(ids20, 2, 3, 'next')];
    expect(batches.map((b) => rows(b.y))).toEqual([
      [[1, 2, 3], [10, 11, 12]],
      [[4, 5, 6], [13, 14, 15]],
      [[7, 8, 9], [16, 17, 18]],
    ]);
  });

  it('differs from the source only in the last column', () => {
    for (const k of [0, 1, 2]) {
      const a = charBatch(ids20, batchLayout(20, 2, 3, 'source'), k, 'source');
      const b = charBatch(ids20, batchLayout(20, 2, 3, 'next'), k, 'next');
      expect(rows(a.x)).toEqual(rows(b.x));
      expect(rows(a.y).map((r) => r.slice(0, 2))).toEqual(rows(b.y).map((r) => r.slice(0, 2)));
      expect(rows(a.y).map((r) => r[2])).not.toEqual(rows(b.y).map((r) => r[2]));
    }
  });
});
