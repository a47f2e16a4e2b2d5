import { describe, expect, it } from 'vitest';
import { bagsOfWords, countVector, l2Distance, sharedVocabulary } from '../../src/engine/bagOfWords';
import { tokenize } from '../../src/engine/text';
import { compareSentences, orderRnnWeights, runSentence } from '../../src/widgets/order/orderModel';

describe('bag of words', () => {
  it('builds one vocabulary over several sentences, in first-seen order', () => {
    expect(sharedVocabulary([['a', 'is', 'faster'], ['b', 'is', 'a']])).toEqual(['a', 'is', 'faster', 'b']);
  });

  it('counts repeated words and ignores words outside the vocabulary', () => {
    expect(Array.from(countVector(['the', 'dog', 'saw', 'the', 'cat'], ['the', 'dog', 'cat']))).toEqual([2, 1, 1]);
  });

  it('gives "A is faster than B" and "B is faster than A" the same vector', () => {
    const { vocabulary, vectors } = bagsOfWords([tokenize('A is faster than B'), tokenize('B is faster than A')]);
    expect(vocabulary).toEqual(['a', 'is', 'faster', 'than', 'b']);
    expect(Array.from(vectors[0])).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(vectors[1])).toEqual(Array.from(vectors[0]));
    expect(l2Distance(vectors[0], vectors[1])).toBe(0);
  });

  it('measures the Euclidean distance and refuses vectors of different lengths', () => {
    expect(l2Distance([0, 3], [4, 0])).toBe(5);
    expect(() => l2Distance([1], [1, 2])).toThrow(/lengths 1 and 2/);
  });
});

describe('the order widget’s RNN', () => {
  it('ends in different states for reordered words and the same state for the same sentence', () => {
    const swapped = compareSentences('A is faster than B', 'B is faster than A');
    expect(swapped.bagDistance).toBe(0);
    expect(swapped.stateDistance).toBeGreaterThan(0.1);
    const same = compareSentences('A is faster than B', 'a is FASTER than b!');
    expect(same.stateDistance).toBe(0);
  });

  it('gives tied synonyms the same state while their bags differ', () => {
    const synonym = compareSentences('A is faster than B', 'A is quicker than B');
    expect(synonym.bagDistance).toBeCloseTo(Math.SQRT2, 6);
    expect(synonym.stateDistance).toBe(0);
  });

  it('agrees with the SimpleRNN formula computed by hand', () => {
    const run = runSentence('dog bit man');
    const { kernel: W, recurrentKernel: U, bias: b } = orderRnnWeights();
    let h = new Array<number>(U.rows).fill(0);
    for (const x of run.inputs) {
      h = h.map((_, j) => {
        let z = b[j];
        for (let i = 0; i < x.length; i++) z += x[i] * W.data[i * W.cols + j];
        for (let k = 0; k < h.length; k++) z += h[k] * U.data[k * U.cols + j];
        return Math.tanh(z);
      });
    }
    expect(l2Distance(h, run.final)).toBeLessThan(1e-6);
  });

  it('cuts long sentences and starts an empty one from the zero state', () => {
    const long = runSentence('one two three four five six seven eight nine ten eleven twelve thirteen');
    expect(long.truncated).toBe(true);
    expect(long.tokens).toHaveLength(12);
    const empty = runSentence('  ,. ');
    expect(empty.tokens).toEqual([]);
    expect(Array.from(empty.final).every((v) => v === 0)).toBe(true);
  });
});

describe('the numbers chapter 2 quotes', () => {
  // content/02-why-order-matters.mdx rounds these; if the embedding or weights change, the prose must too.
  const quoted = (a: string, b: string) => Number(compareSentences(a, b).stateDistance.toFixed(2));
  it('match the widget', () => {
    expect(quoted('A is faster than B', 'B is faster than A')).toBe(0.49);
    expect(quoted('the dog bit the man', 'the man bit the dog')).toBe(0.83);
    expect(quoted('A is faster than B', 'A is slower than B')).toBe(0.22);
    expect(quoted('A is faster than B and it always was', 'B is faster than A and it always was')).toBe(0.03);
  });
});
