import { describe, expect, it } from 'vitest';
import { availablePredicates, correlation, markCharacters, topUnits } from '../../src/engine/unitSearch';

/** The marked characters, joined: what a reader would see highlighted. */
const marked = (text: string, predicate: Parameters<typeof markCharacters>[1]) => {
  const chars = [...text];
  const marks = markCharacters(chars, predicate);
  return chars.filter((_, i) => marks[i] === 1).join('');
};

describe('unit search', () => {
  it('marks quotes, line ends and word ends', () => {
    const chars = [...'he said “no” ok\nyes'];
    expect(Array.from(markCharacters(chars, 'quotes')).join('')).toBe('00000000111100000000'.slice(0, chars.length));
    expect(Array.from(markCharacters(chars, 'lineEnd')).map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([14, 15]);
    expect(Array.from(markCharacters([...'ab cd'], 'wordEnd')).join('')).toBe('01001');
    expect(marked('say "hi" now', 'quotes')).toBe('"hi"');
  });

  it('marks Chinese quotations: 「」 with 『』 nested inside, and “”', () => {
    expect(marked('他说：「我读过『白鲸』。」然后走了。', 'cornerQuotes')).toBe('「我读过『白鲸』。」');
    expect(marked('他说：“我读过。”然后走了。', 'quotes')).toBe('“我读过。”');
    // An unclosed quotation runs to the end of the text.
    expect(marked('「没有结束', 'cornerQuotes')).toBe('「没有结束');
  });

  it('marks the first character after 。！？, past closing quotes, spaces and line ends', () => {
    expect(marked('我来了。你呢？好！', 'afterStop')).toBe('你好');
    expect(marked('「走吧。」他说。\n船开了。', 'afterStop')).toBe('他船');
  });

  it('does not treat Chinese characters as word ends or vowels', () => {
    expect(marked('我们 read 书', 'wordEnd')).toBe('d');
    expect(marked('鲸 whale', 'vowel')).toBe('ae');
  });

  it('offers only the properties whose characters occur in the text', () => {
    expect(availablePredicates([...'“Who is that?” said he.\nThe whale!'])).toEqual(['quotes', 'lineEnd', 'wordEnd', 'vowel']);
    expect(availablePredicates([...'他说：「走吧。」\n'])).toEqual(['cornerQuotes', 'afterStop', 'lineEnd']);
    expect(availablePredicates([...'他说：“走吧！”'])).toEqual(['quotes', 'afterStop']);
    expect(availablePredicates([...'12345'])).toEqual([]);
  });

  it('ranks a unit that copies the marks first', () => {
    const marks = Float32Array.from([0, 1, 0, 1, 1, 0]);
    const values = Array.from(marks, (m, t) => Float32Array.from([Math.sin(t), m * 2 - 1, 0.5]));
    expect(topUnits(values, marks, 2)[0]).toEqual({ unit: 1, r: expect.closeTo(1, 6) });
    expect(correlation([1, 1, 1], [0, 1, 0])).toBe(0);
  });
});
