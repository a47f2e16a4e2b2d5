import { describe, expect, it } from 'vitest';
import { walkGraph, needsFunctionalApi } from '../../src/engine/functionalGraph';
import { describeModel, shapeToString } from '../../src/engine/paramCount';
import type { ModelSpec } from '../../src/engine/spec';
import { kerasCode } from '../../src/engine/modelCode/keras';
import { tfjsCode } from '../../src/engine/modelCode/tfjs';
import { compareRows } from '../../src/widgets/layerArgs/compare';
import {
  DEFAULT_CONFIG,
  type LayerArgsConfig,
  configNotes,
  configProblems,
  configToSpec,
  sanitizeConfig,
} from '../../src/engine/layerArgsConfig';

const lstmState: LayerArgsConfig = { ...DEFAULT_CONFIG, cell: 'lstm', units: 32, returnState: true, recurrentActivation: 'hard_sigmoid' };
const statefulGru: LayerArgsConfig = {
  ...DEFAULT_CONFIG,
  cell: 'gru',
  units: 32,
  features: 32,
  timesteps: 20,
  batchSize: 4,
  resetAfter: true,
  stateful: true,
  bidirectional: 'sum',
  denseHead: false,
  dropout: 0.2,
};

describe('code generation (written out by hand)', () => {
  it("the source's SimpleRNN(128) + Dense(1): Keras defaults say nothing, tfjs needs its defaults overridden", () => {
    const spec = configToSpec(DEFAULT_CONFIG);
    expect(kerasCode(spec)).toBe(
      [
        'from tensorflow import keras',
        'from tensorflow.keras import layers',
        '',
        'model = keras.Sequential([',
        '    keras.Input(shape=(None, 10)),',
        '    layers.SimpleRNN(128, name="simple_rnn"),',
        '    layers.Dense(1, name="dense"),',
        '])',
        'model.summary()',
      ].join('\n'),
    );
    expect(tfjsCode(spec)).toBe(
      [
        "import * as tf from '@tensorflow/tfjs';",
        '',
        'const model = tf.sequential();',
        'model.add(tf.layers.simpleRNN({',
        '  units: 128,',
        "  kernelInitializer: 'glorotUniform',",
        "  name: 'simple_rnn',",
        '  inputShape: [null, 10],',
        '}));',
        "model.add(tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform', name: 'dense' }));",
        'model.summary();',
      ].join('\n'),
    );
  });

  it('return_state needs the functional API: the head reads the output, the states become outputs', () => {
    const spec = configToSpec(lstmState);
    expect(kerasCode(spec)).toBe(
      [
        'import tensorflow as tf',
        'from tensorflow import keras',
        'from tensorflow.keras import layers',
        '',
        "# tfjs' hard sigmoid (Keras 2's too): clip(0.2·x + 0.5, 0, 1). Keras 3's \"hard_sigmoid\" is",
        '# x/6 + 0.5, a different function, so the one the model was trained with is written here.',
        'def hard_sigmoid(x):',
        '    return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)',
        '',
        'inputs = keras.Input(shape=(None, 10))',
        'x1, state_h, state_c = layers.LSTM(32, recurrent_activation=hard_sigmoid, unit_forget_bias=False, return_state=True, name="lstm")(inputs)',
        'x2 = layers.Dense(1, name="dense")(x1)',
        'model = keras.Model(inputs, [x2, state_h, state_c])',
        'model.summary()',
      ].join('\n'),
    );
    expect(tfjsCode(spec)).toBe(
      [
        "import * as tf from '@tensorflow/tfjs';",
        '',
        'const inputs = tf.input({ shape: [null, 10] });',
        'const [x1, stateH, stateC] = tf.layers.lstm({',
        '  units: 32,',
        "  kernelInitializer: 'glorotUniform',",
        '  returnState: true,',
        "  name: 'lstm',",
        '}).apply(inputs) as tf.SymbolicTensor[];',
        "const x2 = tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform', name: 'dense' }).apply(x1) as tf.SymbolicTensor;",
        'const model = tf.model({ inputs, outputs: [x2, stateH, stateC] });',
        'model.summary();',
      ].join('\n'),
    );
  });

  it('reset_after=True stays in the Python and becomes a comment with the reason in tfjs; the batch size is written', () => {
    const spec = configToSpec(statefulGru);
    expect(kerasCode(spec)).toBe(
      [
        'from tensorflow import keras',
        'from tensorflow.keras import layers',
        '',
        'model = keras.Sequential([',
        '    keras.Input(shape=(20, 32), batch_size=4),',
        '    layers.Bidirectional(layers.GRU(32, dropout=0.2, stateful=True, reset_after=True, name="gru"), merge_mode="sum", name="bidirectional"),',
        '])',
        'model.summary()',
      ].join('\n'),
    );
    expect(tfjsCode(spec)).toBe(
      [
        "import * as tf from '@tensorflow/tfjs';",
        '',
        'const model = tf.sequential();',
        'model.add(tf.layers.bidirectional({',
        '  layer: tf.layers.gru({',
        '    units: 32,',
        "    recurrentActivation: 'sigmoid',",
        "    kernelInitializer: 'glorotUniform',",
        '    dropout: 0.2,',
        '    stateful: true,',
        "    // resetAfter: true — tfjs has no reset_after=True (TensorFlow 2's tf.keras default), only false",
        "    name: 'gru',",
        '  }),',
        "  mergeMode: 'sum',",
        "  name: 'bidirectional',",
        '  batchInputShape: [4, 20, 32],',
        '}));',
        'model.summary();',
      ].join('\n'),
    );
  });

  it('a stateful model without a batch size carries a comment saying both frameworks refuse it', () => {
    const spec = configToSpec({ ...DEFAULT_CONFIG, stateful: true });
    expect(kerasCode(spec)).toMatch(/# Refused: a stateful layer needs a fixed batch size/);
    expect(tfjsCode(spec)).toMatch(/\/\/ Refused: a stateful layer needs a fixed batch size/);
  });

  it('merge_mode=None is written as None / null, and the backward output becomes a model output', () => {
    const spec = configToSpec({ ...DEFAULT_CONFIG, units: 4, bidirectional: 'none' });
    expect(kerasCode(spec)).toContain('x1_forward, x1_backward = layers.Bidirectional(layers.SimpleRNN(4, name="simple_rnn"), merge_mode=None, name="bidirectional")(inputs)');
    expect(kerasCode(spec)).toContain('model = keras.Model(inputs, [x2, x1_backward])');
    expect(tfjsCode(spec)).toContain('mergeMode: null,');
  });
});

describe('settings -> ModelSpec', () => {
  it('the default is the source example, named like Keras', () => {
    expect(configToSpec(DEFAULT_CONFIG)).toEqual({
      inputShape: [null, 10],
      layers: [
        {
          kind: 'simpleRNN',
          name: 'simple_rnn',
          units: 128,
          activation: 'tanh',
          useBias: true,
          kernelInitializer: 'glorotUniform',
          recurrentInitializer: 'orthogonal',
          dropout: 0,
          recurrentDropout: 0,
          returnSequences: false,
          returnState: false,
          goBackwards: false,
          stateful: false,
        },
        { kind: 'dense', name: 'dense', units: 1 },
      ],
    });
  });

  it('stacking turns return_sequences on below the top and keeps return_state for the top only', () => {
    const spec = configToSpec({ ...DEFAULT_CONFIG, cell: 'lstm', layers: 3, returnState: true, denseHead: false });
    expect(spec.layers.map((l) => l.name)).toEqual(['lstm_1', 'lstm_2', 'lstm_3']);
    expect(spec.layers.map((l) => ('returnSequences' in l ? l.returnSequences : null))).toEqual([true, true, false]);
    expect(spec.layers.map((l) => ('returnState' in l ? l.returnState : null))).toEqual([false, false, true]);
  });

  it('merge None applies to the top Bidirectional only; the lower ones concat', () => {
    const spec = configToSpec({ ...DEFAULT_CONFIG, layers: 2, bidirectional: 'none' });
    expect(spec.layers.map((l) => (l.kind === 'bidirectional' ? l.mergeMode : 'head'))).toEqual(['concat', null, 'head']);
    expect(configNotes({ ...DEFAULT_CONFIG, layers: 2, bidirectional: 'none' }).map((n) => n.key)).toEqual([
      'layerArgs.note.lowerSequences',
      'layerArgs.note.lowerConcat',
      'layerArgs.note.functional',
      'layerArgs.note.headFirst',
    ]);
  });

  it('only gated cells carry recurrent_activation, only GRU reset_after; a fixed batch becomes batchSize', () => {
    const [rnn] = configToSpec(DEFAULT_CONFIG).layers;
    expect('recurrentActivation' in rnn).toBe(false);
    const [gru] = configToSpec({ ...DEFAULT_CONFIG, cell: 'gru', resetAfter: true }).layers;
    expect(gru).toMatchObject({ kind: 'gru', recurrentActivation: 'sigmoid', resetAfter: true });
    expect(configToSpec({ ...DEFAULT_CONFIG, batchSize: 8 }).batchSize).toBe(8);
    expect('batchSize' in configToSpec(DEFAULT_CONFIG)).toBe(false);
  });

  it('flags reset_after=True (tfjs only) and stateful without a batch (both frameworks)', () => {
    expect(configProblems(DEFAULT_CONFIG)).toEqual([]);
    expect(configProblems({ ...DEFAULT_CONFIG, resetAfter: true })).toEqual([]); // not a GRU: the toggle does nothing
    expect(configProblems({ ...DEFAULT_CONFIG, cell: 'gru', resetAfter: true, stateful: true })).toEqual([
      { arg: 'reset_after=True', scope: 'tfjs', key: 'layerArgs.problem.resetAfter' },
      { arg: 'stateful=True', scope: 'both', key: 'layerArgs.problem.statefulBatch' },
    ]);
    expect(configProblems({ ...DEFAULT_CONFIG, stateful: true, batchSize: 2 })).toEqual([]);
  });

  it('saved settings are validated field by field; garbage falls back to the defaults', () => {
    expect(sanitizeConfig(null)).toEqual(DEFAULT_CONFIG);
    expect(sanitizeConfig('nonsense')).toEqual(DEFAULT_CONFIG);
    const saved = sanitizeConfig({ ...DEFAULT_CONFIG, cell: 'lstm', units: 9999, timesteps: null, batchSize: 2.5, dropout: 3, layers: 2, bidirectional: 'zip' });
    expect(saved).toEqual({ ...DEFAULT_CONFIG, cell: 'lstm', layers: 2 });
    expect(sanitizeConfig({ timesteps: 12, batchSize: null }).timesteps).toBe(12);
  });
});

describe('engine additions the playground relies on', () => {
  it('a fixed batch size shows on every batch axis', () => {
    const d = describeModel(configToSpec({ ...DEFAULT_CONFIG, batchSize: 4, timesteps: 7, returnSequences: true }));
    expect(d.rows.map((r) => shapeToString(r.outputShapes[0]))).toEqual(['(4, 7, 128)', '(4, 7, 1)']);
  });

  it('Bidirectional with return_state returns each direction its own states, forward first', () => {
    const lstm = describeModel(configToSpec({ ...DEFAULT_CONFIG, cell: 'lstm', units: 5, bidirectional: 'concat', returnState: true, denseHead: false }));
    expect(lstm.rows[0].outputShapes.map(shapeToString)).toEqual(['(None, 10)', '(None, 5)', '(None, 5)', '(None, 5)', '(None, 5)']);
    const gruNone = describeModel(configToSpec({ ...DEFAULT_CONFIG, cell: 'gru', units: 5, bidirectional: 'none', returnState: true, denseHead: false }));
    expect(gruNone.rows[0].outputShapes.map(shapeToString)).toEqual(['(None, 5)', '(None, 5)', '(None, 5)', '(None, 5)']);
  });

  it('walkGraph feeds each layer the first output and collects what nobody reads', () => {
    const spec: ModelSpec = configToSpec({ ...DEFAULT_CONFIG, cell: 'lstm', returnState: true });
    expect(needsFunctionalApi(spec)).toBe(true);
    expect(needsFunctionalApi(configToSpec(DEFAULT_CONFIG))).toBe(false);
    const seen: string[] = [];
    const { outputs } = walkGraph(spec, 'in', (layer, x) => {
      seen.push(`${layer.name}<-${x}`);
      return layer.kind === 'lstm' ? ['seq', 'h', 'c'] : ['y'];
    });
    expect(seen).toEqual(['lstm<-in', 'dense<-seq']);
    expect(outputs).toEqual(['y', 'h', 'c']);
  });

  it('compareRows agrees only when name, count and every output shape match', () => {
    const rows = describeModel(configToSpec(DEFAULT_CONFIG)).rows;
    const tfjs = [
      { name: 'simple_rnn', className: 'SimpleRNN', params: 17792, outputShapes: [[null, 128]] },
      { name: 'dense', className: 'Dense', params: 130, outputShapes: [[null, 1]] },
    ];
    expect(compareRows(rows, tfjs).map((r) => r.agrees)).toEqual([true, false]);
    expect(compareRows(rows, undefined).map((r) => r.agrees)).toEqual([undefined, undefined]);
  });
});
