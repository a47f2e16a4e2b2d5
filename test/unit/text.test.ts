import { describe, expect, it } from 'vitest';
import { buildVocabulary, encode, padSequences, toCategorical, tokenize } from '../../src/engine/text';

// Recipe 3 of the source (seed 000): the toy corpus and every value it prints.
const docs = ['this, is', 'is an'];
const labels = ['an', 'example'];

describe('recipe 3 preprocessing', () => {
  const vocab = buildVocabulary([...docs, ...labels]);

  it('strips punctuation and lowercases like Keras', () => {
    expect(tokenize('This, is')).toEqual(['this', 'is']);
  });

  it('counts words in the order they first appear', () => {
    expect(vocab.counts).toEqual([
      ['this', 1],
      ['is', 2],
      ['an', 2],
      ['example', 1],
    ]);
  });

  it('orders ids by frequency, ties by first appearance: {is:1, an:2, this:3, example:4}', () => {
    expect(Object.fromEntries(vocab.wordIndex)).toEqual({ is: 1, an: 2, this: 3, example: 4 });
  });

  it('encodes docs as [[3,1],[1,2]] and labels as [[2],[4]]', () => {
    expect(docs.map((d) => encode(d, vocab))).toEqual([
      [3, 1],
      [1, 2],
    ]);
    expect(labels.map((l) => encode(l, vocab))).toEqual([[2], [4]]);
  });

  it('one-hots the labels over 5 classes', () => {
    expect(toCategorical([2, 4], 5)).toEqual([
      [0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1],
    ]);
  });
});

describe('padSequences', () => {
  const seqs = [[1, 2, 3], [4], []];
  it('pads before by default, to the longest', () => {
    expect(padSequences(seqs)).toEqual([
      [1, 2, 3],
      [0, 0, 4],
      [0, 0, 0],
    ]);
  });
  it('pads after and truncates from the front or the back', () => {
    expect(padSequences(seqs, { maxlen: 2, padding: 'post' })).toEqual([
      [2, 3],
      [4, 0],
      [0, 0],
    ]);
    expect(padSequences(seqs, { maxlen: 2, truncating: 'post' })).toEqual([
      [1, 2],
      [0, 4],
      [0, 0],
    ]);
  });
  it('rejects a negative length', () => {
    expect(() => padSequences(seqs, { maxlen: -1 })).toThrow(/maxlen/);
  });
});

describe('vocabulary caps and unknown words', () => {
  const vocab = buildVocabulary(['a a a b b c'], { numWords: 3, oovToken: '<oov>' });
  it('gives the out-of-vocabulary token id 1', () => {
    expect(vocab.wordIndex.get('<oov>')).toBe(1);
    expect(vocab.wordIndex.get('a')).toBe(2);
  });
  it('maps words beyond numWords and unseen words to the oov id', () => {
    expect(encode('a b c zebra', vocab)).toEqual([2, 1, 1, 1]);
  });
  it('drops unknown words when there is no oov token, as Keras does', () => {
    const plain = buildVocabulary(['a a b'], { numWords: 2 });
    expect(encode('a b zebra', plain)).toEqual([1]);
  });
  it('refuses a label outside the classes', () => {
    expect(() => toCategorical([5], 5)).toThrow(/does not fit 5 classes/);
  });
});

// Recipe 11 (seed 003): pad_sequences(maxlen=500) on the 25,000 IMDB training reviews gives
// (25000, 500). Keras truncates 'pre' by default, so a long review keeps its LAST 500 words,
// although the source's prose says "the first 500".
describe('recipe 11: 25,000 reviews padded or cut to 500 ids', () => {
  const reviews = Array.from({ length: 25000 }, (_, i) => Array.from({ length: 100 + ((i * 37) % 900) }, (_, k) => 1 + (k % 9999)));
  const padded = padSequences(reviews, { maxlen: 500 });
  it('has the shape (25000, 500)', () => {
    expect([padded.length, ...new Set(padded.map((r) => r.length))]).toEqual([25000, 500]);
  });
  it('keeps the last 500 words of a longer review, and pre-pads a shorter one', () => {
    const long = reviews.findIndex((r) => r.length > 500);
    expect(padded[long]).toEqual(reviews[long].slice(-500));
    expect(padded[long][0]).not.toBe(reviews[long][0]);
    const short = reviews.findIndex((r) => r.length < 500);
    expect(padded[short].slice(500 - reviews[short].length)).toEqual(reviews[short]);
    expect(padded[short][0]).toBe(0);
  });
});
