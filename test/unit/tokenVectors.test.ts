import { describe, expect, it } from 'vitest';
import {
  MAX_TOKENS,
  defaultTokenVector,
  embedTokens,
  splitTokens,
  tokenVector,
  tokenizeSentence,
  vocabularyOf,
} from '../../src/engine/tokenVectors';

describe('splitTokens', () => {
  it('splits English words and keeps punctuation as tokens', () => {
    expect(splitTokens('The cat, the dog!')).toEqual(['The', 'cat', ',', 'the', 'dog', '!']);
  });

  it('segments Chinese text that has no spaces', () => {
    const tokens = splitTokens('我爱你，世界');
    expect(tokens.join('')).toBe('我爱你，世界');
    expect(tokens).toContain('，');
    expect(tokens.length).toBeGreaterThan(2);
  });

  it('keeps an emoji with its skin-tone modifier as one token, and Arabic words', () => {
    expect(splitTokens('ok 👍🏽 go')).toEqual(['ok', '👍🏽', 'go']);
    expect(splitTokens('مرحبا بالعالم')).toEqual(['مرحبا', 'بالعالم']);
  });

  it('falls back to whitespace when Intl.Segmenter is missing', () => {
    expect(splitTokens('  cat, dog  🐈 ', null)).toEqual(['cat,', 'dog', '🐈']);
  });

  it('gives no tokens for blank text', () => {
    expect(splitTokens(' \n\t ')).toEqual([]);
  });
});

describe('tokenizeSentence', () => {
  it(`truncates at ${MAX_TOKENS} tokens and says so`, () => {
    const text = Array.from({ length: 55 }, (_, i) => `w${i}`).join(' ');
    const out = tokenizeSentence(text);
    expect(out.tokens).toHaveLength(MAX_TOKENS);
    expect(out.total).toBe(55);
    expect(out.truncated).toBe(true);
    expect(out.tokens.at(-1)).toBe(`w${MAX_TOKENS - 1}`);
  });

  it('does not flag a short sentence', () => {
    expect(tokenizeSentence('a b c')).toEqual({ tokens: ['a', 'b', 'c'], total: 3, truncated: false });
  });
});

describe('token vectors', () => {
  it('are deterministic, in [-1, 1] on a 0.01 grid, and differ between tokens', () => {
    const cat = defaultTokenVector('cat', 4);
    expect(defaultTokenVector('cat', 4)).toEqual(cat);
    expect(defaultTokenVector('dog', 4)).not.toEqual(cat);
    for (const v of [...cat, ...defaultTokenVector('猫', 4), ...defaultTokenVector('🐈', 4)]) {
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      expect(Math.round(v * 100)).toBeCloseTo(v * 100, 6);
    }
  });

  it('use an edited row only when it has the right length, and never read inherited keys', () => {
    expect(tokenVector('cat', 2, { cat: [0.5, -0.5] })).toEqual([0.5, -0.5]);
    expect(tokenVector('cat', 3, { cat: [0.5, -0.5] })).toEqual(defaultTokenVector('cat', 3));
    expect(tokenVector('toString', 2, {})).toEqual(defaultTokenVector('toString', 2));
  });

  it('embed each token position, repeated tokens alike, and list the vocabulary once', () => {
    const tokens = ['a', 'b', 'a'];
    const xs = embedTokens(tokens, 3, { b: [1, 2, 3] });
    expect(xs).toHaveLength(3);
    expect(Array.from(xs[0])).toEqual(Array.from(xs[2]));
    expect(Array.from(xs[1])).toEqual([1, 2, 3]);
    expect(vocabularyOf(tokens)).toEqual(['a', 'b']);
  });
});
