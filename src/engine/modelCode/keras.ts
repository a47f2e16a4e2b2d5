/**
 * A ModelSpec as Keras (Python) code that builds the same network tfjs builds, so that the
 * weights of one load into the other with set_weights. Arguments at Keras' own default are left
 * out; those where Keras' default is not what the book builds are written, and one function is
 * spelled out: tfjs' hard sigmoid, clip(0.2·x + 0.5, 0, 1), which Keras 3 replaced with x/6 + 0.5
 * under the same name. Every layer carries its tfjs name, so a notebook finds it by get_layer.
 * One-output layers make a Sequential; returnState or merge None a functional model, wired by
 * walkGraph exactly as src/tf/buildFunctional.ts wires the real one.
 */
import { needsFunctionalApi, walkGraph } from '../functionalGraph';
import type { ActivationName, InitializerName, LayerSpec, ModelSpec, RecurrentSpec } from '../spec';
import { OFF_BY_DEFAULT, STATEFUL_WITHOUT_BATCH, type Value, activationsOf, outputNames, resolveRecurrent, statefulWithoutBatch } from './resolve';

/** Keras spells initializers in snake_case. */
export const PY_INIT: Record<InitializerName, string> = {
  zeros: 'zeros',
  ones: 'ones',
  glorotUniform: 'glorot_uniform',
  glorotNormal: 'glorot_normal',
  orthogonal: 'orthogonal',
};
const PY_CLASS: Record<RecurrentSpec['kind'], string> = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

/** The Python function that stands in for tfjs' hard sigmoid, and the lines defining it. */
export const KERAS_HARD_SIGMOID = 'hard_sigmoid';
const HARD_SIGMOID_DEF = [
  "# tfjs' hard sigmoid (Keras 2's too): clip(0.2·x + 0.5, 0, 1). Keras 3's \"hard_sigmoid\" is",
  '# x/6 + 0.5, a different function, so the one the model was trained with is written here.',
  `def ${KERAS_HARD_SIGMOID}(x):`,
  '    return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)',
];

export function pyValue(value: Value): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return `(${value.map(pyValue).join(', ')}${value.length === 1 ? ',' : ''})`;
  return String(value);
}

const pyActivation = (name: ActivationName) => (name === 'hard_sigmoid' ? KERAS_HARD_SIGMOID : pyValue(name));

function pyRecurrentArgs(layer: RecurrentSpec): string[] {
  const r = resolveRecurrent(layer);
  const args: string[] = [String(layer.units)];
  const kw = (name: string, value: string) => args.push(`${name}=${value}`);
  if (r.activation !== 'tanh') kw('activation', pyActivation(r.activation));
  if (r.recurrentActivation && r.recurrentActivation !== 'sigmoid') kw('recurrent_activation', pyActivation(r.recurrentActivation));
  if (!r.useBias) kw('use_bias', 'False');
  if (r.kernelInitializer !== 'glorotUniform') kw('kernel_initializer', pyValue(PY_INIT[r.kernelInitializer]));
  if (r.recurrentInitializer !== 'orthogonal') kw('recurrent_initializer', pyValue(PY_INIT[r.recurrentInitializer]));
  // Keras adds 1 to the forget gate's initial bias unless told not to; tfjs does not.
  if (r.unitForgetBias === false) kw('unit_forget_bias', 'False');
  for (const [name, py] of OFF_BY_DEFAULT) if (layer[name]) kw(py, pyValue(layer[name]));
  // Written even at Keras' default (True): it is the one argument the two frameworks disagree on.
  if (layer.kind === 'gru') kw('reset_after', pyValue(layer.resetAfter ?? false));
  kw('name', pyValue(layer.name));
  return args;
}

function pyLayer(layer: LayerSpec): string {
  const name = `name=${pyValue(layer.name)}`;
  switch (layer.kind) {
    case 'bidirectional': {
      const inner = pyLayer(layer.layer);
      const merge = layer.mergeMode === 'concat' ? '' : `, merge_mode=${pyValue(layer.mergeMode)}`;
      return `layers.Bidirectional(${inner}${merge}, ${name})`;
    }
    case 'dense': {
      const args = [String(layer.units)];
      if (layer.activation && layer.activation !== 'linear') args.push(`activation=${pyActivation(layer.activation)}`);
      if (layer.useBias === false) args.push('use_bias=False');
      if (layer.kernelInitializer && layer.kernelInitializer !== 'glorotUniform') args.push(`kernel_initializer=${pyValue(PY_INIT[layer.kernelInitializer])}`);
      return `layers.Dense(${[...args, name].join(', ')})`;
    }
    case 'embedding':
      return `layers.Embedding(${layer.inputDim}, ${layer.outputDim}, ${name})`;
    case 'dropout':
      return `layers.Dropout(${layer.rate}, ${name})`;
    case 'spatialDropout1d':
      return `layers.SpatialDropout1D(${layer.rate}, ${name})`;
    default:
      return `layers.${PY_CLASS[layer.kind]}(${pyRecurrentArgs(layer).join(', ')})`;
  }
}

function pyInput(spec: ModelSpec): string {
  const batch = spec.batchSize ? `, batch_size=${spec.batchSize}` : '';
  return `keras.Input(shape=${pyValue(spec.inputShape)}${batch})`;
}

export function kerasCode(spec: ModelSpec): string {
  const hard = activationsOf(spec).has('hard_sigmoid');
  const lines = [...(hard ? ['import tensorflow as tf'] : []), 'from tensorflow import keras', 'from tensorflow.keras import layers', ''];
  if (hard) lines.push(...HARD_SIGMOID_DEF, '');
  if (statefulWithoutBatch(spec)) lines.push(`# Refused: ${STATEFUL_WITHOUT_BATCH}.`);
  if (!needsFunctionalApi(spec)) {
    lines.push('model = keras.Sequential([', `    ${pyInput(spec)},`, ...spec.layers.map((l) => `    ${pyLayer(l)},`), '])');
  } else {
    lines.push(`inputs = ${pyInput(spec)}`);
    const taken = new Set<string>();
    const { outputs } = walkGraph(spec, 'inputs', (layer, x, i) => {
      const names = outputNames(layer, i, 'snake', taken);
      lines.push(`${names.join(', ')} = ${pyLayer(layer)}(${x})`);
      return names;
    });
    lines.push(`model = keras.Model(inputs, ${outputs.length === 1 ? outputs[0] : `[${outputs.join(', ')}]`})`);
  }
  lines.push('model.summary()');
  return lines.join('\n');
}
