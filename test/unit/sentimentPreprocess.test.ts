/**
 * Recipe 4's preprocessing on real sentences from the UCI set, with every expected value worked
 * out by hand from the rule: lowercase, keep a–z, drop the `stopword` package's English words.
 */
import { readFileSync } from 'node:fs';
import { eng } from 'stopword';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import { cleanText, classesOf, encodeForModel, prepareSentiment, stratifiedSplit, toTrainingArrays } from '../../src/engine/sentimentPreprocess';

const stop = new Set(eng);
const stopWords = eng;

describe('cleanText', () => {
  it.each([
    ['A very, very, very slow-moving, aimless movie about a distressed, drifting young man.', 'slow moving aimless movie distressed drifting young man'],
    ['Not sure who was more lost - the flat characters or the audience, nearly half of whom walked out.', 'not sure lost flat characters audience nearly half whom walked'],
    ['Wow... Loved this place.', 'wow loved place'],
    ['Crust is not good.', 'crust not good'],
    ['So there is no way for me to plug it in here in the US unless I go by a converter.', 'so no plug us unless go converter'],
  ])('%s', (text, cleaned) => {
    expect(cleanText(text, stop)).toBe(cleaned);
  });

  it('folds accented Latin letters and drops other scripts and emoji', () => {
    expect(cleanText('The crêpe was delicate and thin and moist.', stop)).toBe('crepe delicate thin moist');
    expect(cleanText('好吃 but Café 😀 ROCKS', stop)).toBe('cafe rocks');
    expect(cleanText('Отлично!', stop)).toBe('');
  });
});

describe('prepareSentiment', () => {
  const texts = ['Crust is not good.', 'Wow... Loved this place.', 'Not good, not loved!'];
  const labels = ['negative', 'positive', 'negative'];

  it('numbers words by frequency (ties by first appearance) and post-pads to the longest', () => {
    const d = prepareSentiment(texts, labels, { stopWords, validationFraction: 0 });
    expect(d.cleaned).toEqual(['crust not good', 'wow loved place', 'not good not loved']);
    expect(Object.fromEntries(d.vocab.wordIndex)).toEqual({ not: 1, good: 2, loved: 3, crust: 4, wow: 5, place: 6 });
    expect(d.ids).toEqual([
      [4, 1, 2, 0],
      [5, 3, 6, 0],
      [1, 2, 1, 3],
    ]);
    expect(d.vocabSize).toBe(7);
    expect(d.maxlen).toBe(4);
    expect(d.classes).toEqual(['negative', 'positive']);
    expect(d.labels).toEqual([0, 1, 0]);
  });

  it('caps the vocabulary at num_words − 1 ids, as Keras does', () => {
    const d = prepareSentiment(texts, labels, { stopWords, numWords: 4, validationFraction: 0 });
    expect(d.ids).toEqual([
      [1, 2, 0, 0],
      [3, 0, 0, 0],
      [1, 2, 1, 3],
    ]);
    expect(d.vocabSize).toBe(4);
  });

  it('truncates to maxlen from the end or the start', () => {
    expect(prepareSentiment(texts, labels, { stopWords, maxlen: 3, validationFraction: 0 }).ids[2]).toEqual([1, 2, 1]);
    expect(prepareSentiment(texts, labels, { stopWords, maxlen: 3, truncating: 'pre', validationFraction: 0 }).ids[2]).toEqual([2, 1, 3]);
    expect(prepareSentiment(texts, labels, { stopWords, padding: 'pre', validationFraction: 0 }).ids[0]).toEqual([0, 4, 1, 2]);
  });

  it('drops texts with no word left and counts them', () => {
    const d = prepareSentiment([...texts, 'It is what it is.', '!!!'], [...labels, 'positive', 'negative'], { stopWords, validationFraction: 0 });
    expect(d.dropped).toBe(2);
    expect(d.texts).toEqual(texts);
  });

  it('explains data it cannot use', () => {
    expect(() => prepareSentiment(['good', 'fine'], ['a', 'a'], { stopWords })).toThrow(/same label/);
    expect(() => prepareSentiment([], [], { stopWords })).toThrow(/no texts/);
    expect(() => prepareSentiment(['!!', '??'], ['a', 'b'], { stopWords })).toThrow(/No text has a word/);
  });

  it('encodes new text with the same vocabulary and length', () => {
    const d = prepareSentiment(texts, labels, { stopWords, validationFraction: 0 });
    expect(encodeForModel('The crust was NOT good, and I never loved it.', d, stop)).toEqual({ cleaned: 'crust not good loved', ids: [4, 1, 2, 3], padded: [4, 1, 2, 3] });
    expect(encodeForModel('Unknown words only', d, stop).padded).toEqual([0, 0, 0, 0]);
  });

  it('ids and class ids in class order, for the training loop', () => {
    const d = prepareSentiment(texts, labels, { stopWords, validationFraction: 0 });
    const arrays = toTrainingArrays(d, [1, 2]);
    expect(Array.from(arrays.ids)).toEqual([5, 3, 6, 0, 1, 2, 1, 3]);
    expect(Array.from(arrays.classes)).toEqual([1, 0]);
    expect(arrays).toMatchObject({ n: 2, maxlen: 4, classCount: 2 });
  });
});

describe('stratified split', () => {
  it('holds out the same share of every class, reproducibly', () => {
    const labels = [...Array(70).fill(0), ...Array(20).fill(1), ...Array(10).fill(2)];
    const a = stratifiedSplit(labels, 0.3, seededRandom(42));
    const b = stratifiedSplit(labels, 0.3, seededRandom(42));
    expect(a).toEqual(b);
    const count = (rows: number[], c: number) => rows.filter((r) => labels[r] === c).length;
    expect([0, 1, 2].map((c) => count(a.validation, c))).toEqual([21, 6, 3]);
    expect([...a.train, ...a.validation].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    expect(stratifiedSplit(labels, 0.3, seededRandom(7)).validation).not.toEqual(a.validation);
  });

  it('sorts numeric labels as numbers', () => {
    expect(classesOf(['10', '2', '1'])).toEqual(['1', '2', '10']);
    expect(classesOf(['positive', 'negative', 'neutral'])).toEqual(['negative', 'neutral', 'positive']);
  });

  it('splits the 3,000 shipped sentences 2,100 / 900 with 450 of each class held out', () => {
    const file = JSON.parse(readFileSync(new URL('../../public/generated/sentences.json', import.meta.url), 'utf8')) as { text: string[]; label: number[] };
    const d = prepareSentiment(file.text, file.label.map(String), { stopWords });
    expect(d.texts.length + d.dropped).toBe(3000);
    expect(d.validation.filter((r) => d.labels[r] === 0).length).toBe(Math.round(d.labels.filter((l) => l === 0).length * 0.3));
    expect(d.train.length + d.validation.length).toBe(d.texts.length);
    expect(d.ids.every((row) => row.length === d.maxlen)).toBe(true);
  });
});
