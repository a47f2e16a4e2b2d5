import { describe, expect, it } from 'vitest';
import { describeModel, recurrentParams, shapeToString } from '../../src/engine/paramCount';
import * as recipes from '../../src/engine/recipeModels';
import type { ModelSpec } from '../../src/engine/spec';
import { BOOK_CONFIG } from '../../src/tf/charLmCalls';
import { charLmSpec } from '../../src/tf/charLmTrainer';
import { sentimentSpec } from '../../src/engine/sentimentModels';

const counts = (spec: ModelSpec) => describeModel(spec).rows.map((r) => r.params);

// Every parameter count the recipe map (shared/README.md) quotes from the source texts.
describe('parameter counts printed in the source texts', () => {
  it('recipe 3: SimpleRNN(1) has 3 and Dense(5) has 10', () => {
    expect(counts(recipes.toyRnn)).toEqual([3, 10]);
  });
  it('recipe 4: 401,056 / 2,920 / 82 with the arithmetic', () => {
    const rows = describeModel(recipes.tweetRnn).rows;
    expect(rows.map((r) => r.params)).toEqual([401056, 2920, 82]);
    expect(rows[1].formula).toBe('32·40 + 40·40 + 40 = 2,920');
  });
  it('recipe 6: LSTM(1) on the toy has 12', () => {
    expect(counts(recipes.toyLstm)).toEqual([12, 10]);
  });
  it('recipe 7: LSTM(40) has 11,680 = 32·160 + 40·160 + 160', () => {
    const row = describeModel(recipes.tweetLstm).rows[1];
    expect(row.params).toBe(11680);
    expect(row.formula).toBe('32·160 + 40·160 + 160 = 11,680');
  });
  it('recipe 8: a second LSTM(40) has 12,960 and the first returns (None, 26, 40)', () => {
    const rows = describeModel(recipes.tweetStackedLstm).rows;
    expect(rows[2].params).toBe(12960);
    expect(shapeToString(rows[1].outputShapes[0])).toBe('(None, 26, 40)');
    expect(counts(recipes.stackedRnn128)).toEqual([17792, 32896, 32896, 129]);
  });
  it('recipe 9: SimpleRNN(128) on 10 features + Dense(1) = 17,792 + 129 = 17,921', () => {
    const d = describeModel(recipes.rnn128);
    expect(d.rows.map((r) => r.params)).toEqual([17792, 129]);
    expect(d.totalParams).toBe(17921);
  });
  it('recipe 10: GRU(32) on 32 features is 6,336 in Keras 2 and 6,240 in tfjs', () => {
    expect(describeModel(recipes.imdbGruKeras).rows[1]).toMatchObject({ params: 6336, formula: '32·96 + 32·96 + 2·96 = 6,336' });
    expect(describeModel(recipes.imdbGruTfjs).rows[1]).toMatchObject({ params: 6240, formula: '32·96 + 32·96 + 96 = 6,240' });
  });
  it('recipe 11: 320,000 / 2,080 / 33, four stacked 328,320, LSTM(32) 8,320', () => {
    expect(describeModel(recipes.imdbRnnLastState).totalParams).toBe(322080);
    expect(shapeToString(describeModel(recipes.imdbRnnLastState).rows[1].outputShapes[0])).toBe('(None, 32)');
    expect(describeModel(recipes.imdbRnnSequences).totalParams).toBe(322080);
    expect(shapeToString(describeModel(recipes.imdbRnnSequences).rows[1].outputShapes[0])).toBe('(None, None, 32)');
    expect(counts(recipes.imdbRnn)).toEqual([320000, 2080, 33]);
    expect(describeModel(recipes.imdbRnn).totalParams).toBe(322113);
    expect(describeModel(recipes.imdbLstm).totalParams).toBe(328353);
    // Keras 2's GRU(32) total, which tfjs cannot build: 320,000 + 6,336 + 33.
    expect(describeModel(recipes.imdbGruKeras).totalParams).toBe(326369);
    expect(describeModel(recipes.imdbGruTfjs).totalParams).toBe(326273);
    expect(describeModel(recipes.imdbStackedRnn).totalParams).toBe(328320);
    expect(counts(recipes.imdbLstm)).toEqual([320000, 8320, 33]);
  });
  it("recipe 11 in the browser: the comparison's Dense(2) softmax head on 32 units has 66 where the source's Dense(1) has 33", () => {
    const spec = sentimentSpec({ cell: 'gru', vocabSize: 5000, maxlen: 20, classes: 2, embeddingDim: 32, units: 32 });
    expect(describeModel(spec).rows.map((r) => r.params)).toEqual([160000, 6240, 66]);
  });
  it('recipe 12: 8,000 / 271,360 / 525,312 / 514 = 805,186', () => {
    const d = describeModel(recipes.imdbStackedLstmDropout);
    expect(d.rows.map((r) => r.params)).toEqual([8000, 271360, 0, 525312, 0, 514]);
    expect(d.totalParams).toBe(805186);
  });
  it('recipe 13: Bidirectional(LSTM(100)) on width 8 is 87,200; the model 1,352,674', () => {
    const d = describeModel(recipes.imdbBiLstm);
    expect(d.rows[2]).toMatchObject({ params: 87200, formula: '2 × (8·400 + 100·400 + 400) = 87,200' });
    expect(shapeToString(d.rows[2].outputShapes[0])).toBe('(None, 200)');
    expect(d.totalParams).toBe(1352674);
  });
  it('recipe 13: the dense head by its own numbers, 205,824 / 1,049,600 / 2,050', () => {
    const dense = Object.fromEntries(describeModel(recipes.imdbBiLstm).rows.filter((r) => r.className === 'Dense').map((r) => [r.name, r]));
    expect(dense.dense_1).toMatchObject({ params: 205824, formula: '200·1024 + 1024 = 205,824' });
    expect(dense.dense_2).toMatchObject({ params: 1049600, formula: '1024·1024 + 1024 = 1,049,600' });
    expect(dense.out).toMatchObject({ params: 2050, formula: '1024·2 + 2 = 2,050' });
  });
  it("recipe 17: the source's char-LSTM (83 characters, 2 × LSTM(512), Dense(83)) has 3,362,387", () => {
    const d = describeModel(charLmSpec(BOOK_CONFIG, 83));
    expect(d.rows.map((r) => [r.className, r.params])).toEqual([
      ['LSTM', 1220608],
      ['Dropout', 0],
      ['LSTM', 2099200],
      ['Dropout', 0],
      ['Dense', 42579],
    ]);
    expect(d.rows[0].formula).toBe('83·2048 + 512·2048 + 2048 = 1,220,608');
    expect(d.totalParams).toBe(3362387);
  });
});

describe('shapes and merge modes', () => {
  const bi = (mergeMode: 'concat' | 'sum' | 'mul' | 'ave' | null): ModelSpec => ({
    inputShape: [7, 3],
    layers: [{ kind: 'bidirectional', name: 'bi', mergeMode, layer: { kind: 'gru', name: 'g', units: 5, returnSequences: true } }],
  });
  it('concat doubles the width, the others keep it, None returns both directions', () => {
    expect(shapeToString(describeModel(bi('concat')).rows[0].outputShapes[0])).toBe('(None, 7, 10)');
    for (const mode of ['sum', 'mul', 'ave'] as const) {
      expect(shapeToString(describeModel(bi(mode)).rows[0].outputShapes[0])).toBe('(None, 7, 5)');
    }
    expect(describeModel(bi(null)).rows[0].outputShapes).toHaveLength(2);
    expect(describeModel(bi('sum')).rows[0].params).toBe(2 * (3 * 15 + 5 * 15 + 15));
  });
  it('returnState adds h (and c for an LSTM)', () => {
    const spec: ModelSpec = { inputShape: [4, 2], layers: [{ kind: 'lstm', name: 'l', units: 3, returnState: true }] };
    expect(describeModel(spec).rows[0].outputShapes.map(shapeToString)).toEqual(['(None, 3)', '(None, 3)', '(None, 3)']);
  });
  it('useBias=false drops the bias term', () => {
    expect(recurrentParams({ kind: 'simpleRNN', name: 'r', units: 4, useBias: false }, 2)).toEqual({ params: 24, formula: '2·4 + 4·4 = 24' });
  });
  it('explains a recurrent layer stacked without returnSequences', () => {
    const spec: ModelSpec = {
      inputShape: [4, 2],
      layers: [
        { kind: 'lstm', name: 'a', units: 3 },
        { kind: 'lstm', name: 'b', units: 3 },
      ],
    };
    expect(() => describeModel(spec)).toThrow(/returnSequences: true/);
  });
});
