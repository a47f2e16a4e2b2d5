import { describe, expect, it } from 'vitest';
import { describeModel } from '../../src/engine/paramCount';
import * as recipes from '../../src/engine/recipeModels';
import type { ModelSpec } from '../../src/engine/spec';
import { buildModel } from '../../src/tf/buildModel';
import { BOOK_CONFIG } from '../../src/tf/charLmCalls';
import { charLmSpec } from '../../src/tf/charLmTrainer';
import { captureSummary } from '../../src/tf/summary';
import { cpuTf } from './tfjs';

const tf = await cpuTf();

// Every recipe model tfjs can build: its own per-layer counts and shapes must equal the engine's.
const buildable: Record<string, ModelSpec> = {
  toyRnn: recipes.toyRnn,
  toyLstm: recipes.toyLstm,
  tweetRnn: recipes.tweetRnn,
  tweetLstm: recipes.tweetLstm,
  tweetStackedLstm: recipes.tweetStackedLstm,
  rnn128: recipes.rnn128,
  stackedRnn128: recipes.stackedRnn128,
  imdbRnnLastState: recipes.imdbRnnLastState,
  imdbRnnSequences: recipes.imdbRnnSequences,
  imdbRnn: recipes.imdbRnn,
  imdbStackedRnn: recipes.imdbStackedRnn,
  imdbLstm: recipes.imdbLstm,
  imdbGruTfjs: recipes.imdbGruTfjs,
  imdbStackedLstmDropout: recipes.imdbStackedLstmDropout,
  imdbBiLstm: recipes.imdbBiLstm,
};

describe('engine counts equal tfjs counts', () => {
  for (const [name, spec] of Object.entries(buildable)) {
    it(name, () => {
      const model = buildModel(tf, spec);
      try {
        const mine = describeModel(spec);
        expect(model.layers.map((l) => l.countParams())).toEqual(mine.rows.map((r) => r.params));
        expect(model.countParams()).toBe(mine.totalParams);
        expect(model.layers.map((l) => JSON.stringify(l.outputShape))).toEqual(
          mine.rows.map((r) => JSON.stringify(r.outputShapes.length === 1 ? r.outputShapes[0] : r.outputShapes)),
        );
      } finally {
        model.dispose();
      }
    });
  }

  it("tfjs counts the bidirectional model's dense head as 205,824 / 1,049,600 / 2,050", () => {
    const model = buildModel(tf, recipes.imdbBiLstm);
    try {
      expect(['dense_1', 'dense_2', 'out'].map((name) => model.getLayer(name).countParams())).toEqual([205824, 1049600, 2050]);
    } finally {
      model.dispose();
    }
  });

  it("tfjs builds the source's char-LSTM (83 characters, 2 × LSTM(512), Dense(83)) with 3,362,387 parameters", () => {
    const model = buildModel(tf, charLmSpec(BOOK_CONFIG, 83));
    try {
      expect(model.layers.map((l) => l.countParams())).toEqual([1220608, 0, 2099200, 0, 42579]);
      expect(model.countParams()).toBe(3362387);
    } finally {
      model.dispose();
    }
  });

  it("tfjs' summary prints the IMDB totals the source prints: 322,080 with or without return_sequences, 322,113, 328,353", () => {
    for (const [spec, total, shape] of [
      [recipes.imdbRnnLastState, 322080, '[null,32]'],
      [recipes.imdbRnnSequences, 322080, '[null,null,32]'],
      [recipes.imdbRnn, 322113, '[null,1]'],
      [recipes.imdbLstm, 328353, '[null,1]'],
    ] as const) {
      const model = buildModel(tf, spec);
      try {
        expect(captureSummary(model).join('\n')).toContain(`Total params: ${total}`);
        expect(JSON.stringify(model.outputShape)).toBe(shape);
      } finally {
        model.dispose();
      }
    }
  });

  it('tfjs prints the book-size totals in its summary', () => {
    const model = buildModel(tf, recipes.imdbBiLstm);
    expect(captureSummary(model).join('\n')).toContain('Total params: 1352674');
    model.dispose();
  });

  it('tfjs itself has no reset_after=True GRU, which is why the builder refuses it up front', () => {
    expect(() => tf.layers.gru({ units: 32, resetAfter: true } as Parameters<typeof tf.layers.gru>[0])).toThrow(/reset_after/);
  });

  it("refuses Keras 2's GRU reset_after=True with a clear reason, while the engine counts 6,336", () => {
    expect(() => buildModel(tf, recipes.imdbGruKeras)).toThrow(/reset_after=True .* does not exist in tfjs/);
    expect(describeModel(recipes.imdbGruKeras).rows[1].params).toBe(6336);
    expect(describeModel(recipes.imdbGruKeras).totalParams).toBe(326369);
  });
});
