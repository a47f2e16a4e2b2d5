import { describe, expect, it } from 'vitest';
import { correlation, markCharacters, topUnits } from '../../src/engine/unitSearch';

describe('unit search', () => {
  it('marks quotes, line ends and word ends', () => {
    const chars = [...'he said “no” ok\nyes'];
    expect(Array.from(markCharacters(chars, 'quotes')).join('')).toBe('00000000111100000000'.slice(0, chars.length));
    expect(Array.from(markCharacters(chars, 'lineEnd')).map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([14, 15]);
    expect(Array.from(markCharacters([...'ab cd'], 'wordEnd')).join('')).toBe('01001');
  });

  it('ranks a unit that copies the marks first', () => {
    const marks = Float32Array.from([0, 1, 0, 1, 1, 0]);
    const values = Array.from(marks, (m, t) => Float32Array.from([Math.sin(t), m * 2 - 1, 0.5]));
    expect(topUnits(values, marks, 2)[0]).toEqual({ unit: 1, r: expect.closeTo(1, 6) });
    expect(correlation([1, 1, 1], [0, 1, 0])).toBe(0);
  });
});
