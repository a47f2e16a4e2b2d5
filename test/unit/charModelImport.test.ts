import { describe, expect, it } from 'vitest';
import { vocabularyOf } from '../../src/engine/charBatches';
import { charModelOf } from '../../src/tf/charLmInference';
import { ModelImportError, importCharModel, parseCharList } from '../../src/tf/charModelImport';
import { readWeights } from '../../src/tf/weights';
import { cpuTf } from '../parity/tfjs';

const tf = await cpuTf();
const CHARS = ['\n', ' ', 'a', 'b', 'c', 'd', 'e'];
const V = CHARS.length;

type Layers = Parameters<ReturnType<typeof tf.sequential>['add']>[0][];

/** Saves a model the way tensorflowjs_converter lays it out: model.json plus one .bin shard. */
async function exported(layers: Layers) {
  const model = tf.sequential({ layers });
  let artifacts: import('@tensorflow/tfjs').io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const a = artifacts!;
  const modelJson = JSON.stringify({ modelTopology: a.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }] });
  return { model, modelJson, weightFiles: [{ name: 'group1-shard1of1.bin', data: a.weightData as ArrayBuffer }], chars: JSON.stringify(CHARS) };
}

const lstm = (recurrentActivation: string, extra: object = {}) =>
  tf.layers.lstm({ units: 6, recurrentActivation, recurrentInitializer: 'glorotUniform', ...extra } as never);

describe('importing a Keras-style char model', () => {
  for (const recurrentActivation of ['sigmoid', 'hardSigmoid']) {
    it(`one-hot windows, ${recurrentActivation} gates: our forward equals model.predict`, async () => {
      const files = await exported([lstm(recurrentActivation, { inputShape: [5, V] }), tf.layers.dense({ units: V, activation: 'softmax' })]);
      const loaded = await importCharModel(tf, files);
      expect(loaded.vocabulary).toEqual(CHARS);
      expect(loaded.input).toBe('one-hot');
      expect(loaded.window).toBe(5);
      expect(loaded.spec.layers[0]).toMatchObject({ kind: 'lstm', recurrentActivation: recurrentActivation === 'hardSigmoid' ? 'hard_sigmoid' : 'sigmoid' });
      const ids = [2, 3, 1, 4, 6];
      const expected = (files.model.predict(tf.oneHot(tf.tensor2d([ids], [1, 5], 'int32'), V)) as import('@tensorflow/tfjs').Tensor).dataSync();
      // The kernel runs the imported weights (generation and traces use this forward pass).
      const ours = charModelOf(loaded.spec, readWeights(loaded.model), vocabularyOf(CHARS), loaded.window).predictor.predict({ kind: 'ids', ids: Int32Array.from(ids), batch: 1, steps: 5 }).values;
      Array.from(ours).forEach((p, i) => expect(p).toBeCloseTo(expected[i], 5));
    });
  }

  it('an embedding input with a stacked LSTM returning sequences and TimeDistributed Dense', async () => {
    const files = await exported([
      tf.layers.embedding({ inputDim: V, outputDim: 4, inputLength: 3 }),
      lstm('hardSigmoid', { returnSequences: true }),
      tf.layers.dropout({ rate: 0.2 }),
      lstm('sigmoid', { returnSequences: true }),
      tf.layers.timeDistributed({ layer: tf.layers.dense({ units: V, activation: 'softmax' }) }),
    ]);
    const loaded = await importCharModel(tf, files);
    expect(loaded.input).toBe('embedding');
    expect(loaded.window).toBeNull();
    expect(loaded.spec.layers.flatMap((l) => (l.kind === 'lstm' ? [l.recurrentActivation] : []))).toEqual(['hard_sigmoid', 'sigmoid']);
    const ids = tf.tensor2d([[1, 5, 2]], [1, 3], 'int32');
    const expected = (files.model.predict(ids) as import('@tensorflow/tfjs').Tensor).dataSync();
    const ours = charModelOf(loaded.spec, readWeights(loaded.model), vocabularyOf(CHARS), null).predictor.predict({ kind: 'ids', ids: Int32Array.of(1, 5, 2), batch: 1, steps: 3 }).values;
    Array.from(ours).forEach((p, i) => expect(p).toBeCloseTo(expected[i], 5));
  });

  it('explains a wrong format, a missing shard, an unsupported layer and a vocabulary mismatch', async () => {
    const files = await exported([lstm('sigmoid', { inputShape: [5, V] }), tf.layers.dense({ units: V, activation: 'softmax' })]);
    await expect(importCharModel(tf, { ...files, modelJson: 'not json' })).rejects.toThrow(/model.json is not JSON/);
    await expect(importCharModel(tf, { ...files, modelJson: '{"format":"graph-model","modelTopology":{}}' })).rejects.toThrow(/graph model/);
    await expect(importCharModel(tf, { ...files, modelJson: '{"hello":1}' })).rejects.toThrow(/not a tfjs layers model/);
    await expect(importCharModel(tf, { ...files, weightFiles: [] })).rejects.toThrow(/Missing weight shard\(s\): group1-shard1of1.bin/);
    await expect(importCharModel(tf, { ...files, chars: JSON.stringify(CHARS.slice(1)) })).rejects.toThrow(/Vocabulary mismatch: the character list has 6 characters but the model predicts 7/);
    const gru = await exported([tf.layers.gru({ units: 4, inputShape: [5, V], recurrentInitializer: 'glorotUniform' }), tf.layers.dense({ units: V })]);
    await expect(importCharModel(tf, gru)).rejects.toThrow(/is a GRU/);
    await expect(importCharModel(tf, gru)).rejects.toBeInstanceOf(ModelImportError);
  });
});

describe('parseCharList', () => {
  it('reads arrays, strings, char_indices and indices_char', () => {
    expect(parseCharList('["a","b"]')).toEqual(['a', 'b']);
    expect(parseCharList('"ab"')).toEqual(['a', 'b']);
    expect(parseCharList('{"a":1,"b":0}')).toEqual(['b', 'a']);
    expect(parseCharList('{"0":"x","1":"y"}')).toEqual(['x', 'y']);
    expect(parseCharList('{"chars":["q"]}')).toEqual(['q']);
    expect(() => parseCharList('["ab"]')).toThrow(/not one character/);
    expect(() => parseCharList('["a","a"]')).toThrow(/repeats/);
    // Ids outside 0 … n−1 (a hand-edited map) are refused, never made into a list of a billion holes.
    for (const list of ['{"a":1000000000}', '{"a":-1,"b":0}', '{"0":"x","7":"y"}']) expect(() => parseCharList(list), list).toThrow(/which is not an id/);
  });
});
