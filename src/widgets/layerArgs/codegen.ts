/**
 * The code for a ModelSpec, twice: Keras (Python) and tfjs (TypeScript). Each names only the
 * arguments that differ from its own framework's defaults — and the two frameworks' defaults
 * differ (recurrent activation, kernel initializer), which is half the lesson. A spec with one-
 * output layers becomes a Sequential; one with returnState or merge None becomes a functional
 * model, wired by walkGraph exactly as src/tf/buildFunctional.ts wires the real one. An argument
 * tfjs refuses is written as a comment with the reason in the tfjs code, never dropped silently.
 */
import { needsFunctionalApi, walkGraph } from '../../engine/functionalGraph';
import type { ActivationName, InitializerName, LayerSpec, ModelSpec, RecurrentSpec } from '../../engine/spec';

/** What src/tf/buildModel.ts builds when a spec leaves these out (kept in step by the unit tests). */
const BUILT_DEFAULTS = { recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform', kernelInitializer: 'glorotUniform' } as const;

type Value = string | number | boolean | null | (number | null)[];
/** One argument; a `comment` entry is printed as a comment line instead of an argument. */
type Arg = { name: string; value: Value } | { comment: string };

// ---- the spec, resolved to what gets built ------------------------------------------------

interface Resolved {
  activation: ActivationName;
  recurrentActivation?: ActivationName;
  useBias: boolean;
  kernelInitializer: InitializerName;
  recurrentInitializer: InitializerName;
}

function resolve(layer: RecurrentSpec): Resolved {
  return {
    activation: layer.activation ?? 'tanh',
    recurrentActivation: layer.kind === 'simpleRNN' ? undefined : (layer.recurrentActivation ?? BUILT_DEFAULTS.recurrentActivation),
    useBias: layer.useBias ?? true,
    kernelInitializer: layer.kernelInitializer ?? BUILT_DEFAULTS.kernelInitializer,
    recurrentInitializer: layer.recurrentInitializer ?? BUILT_DEFAULTS.recurrentInitializer,
  };
}

/** Arguments off (0 or false) by default in both frameworks: tfjs' name, then Keras'. */
const OFF_BY_DEFAULT = [
  ['dropout', 'dropout'],
  ['recurrentDropout', 'recurrent_dropout'],
  ['returnSequences', 'return_sequences'],
  ['returnState', 'return_state'],
  ['goBackwards', 'go_backwards'],
  ['stateful', 'stateful'],
] as const;

const STATEFUL_WITHOUT_BATCH = 'a stateful layer needs a fixed batch size; both Keras and tfjs refuse this model without one';
const statefulWithoutBatch = (spec: ModelSpec) =>
  !spec.batchSize && spec.layers.some((l) => (l.kind === 'bidirectional' ? l.layer.stateful : 'stateful' in l && l.stateful));

// ---- Python ---------------------------------------------------------------------------------

/** Keras spells initializers in snake_case. */
export const PY_INIT: Record<InitializerName, string> = {
  zeros: 'zeros',
  ones: 'ones',
  glorotUniform: 'glorot_uniform',
  glorotNormal: 'glorot_normal',
  orthogonal: 'orthogonal',
};
const PY_CLASS: Record<RecurrentSpec['kind'], string> = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

function pyValue(value: Value): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `"${value}"`;
  if (Array.isArray(value)) return `(${value.map(pyValue).join(', ')}${value.length === 1 ? ',' : ''})`;
  return String(value);
}

function pyRecurrentArgs(layer: RecurrentSpec): string[] {
  const r = resolve(layer);
  const args: string[] = [String(layer.units)];
  const kw = (name: string, value: Value) => args.push(`${name}=${pyValue(value)}`);
  if (r.activation !== 'tanh') kw('activation', r.activation);
  if (r.recurrentActivation && r.recurrentActivation !== 'sigmoid') kw('recurrent_activation', r.recurrentActivation);
  if (!r.useBias) kw('use_bias', false);
  if (r.kernelInitializer !== 'glorotUniform') kw('kernel_initializer', PY_INIT[r.kernelInitializer]);
  if (r.recurrentInitializer !== 'orthogonal') kw('recurrent_initializer', PY_INIT[r.recurrentInitializer]);
  for (const [name, py] of OFF_BY_DEFAULT) if (layer[name]) kw(py, layer[name]);
  // Written even at Keras' default (True): it is the one argument the two frameworks disagree on.
  if (layer.kind === 'gru') kw('reset_after', layer.resetAfter ?? false);
  return args;
}

function pyLayer(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'bidirectional': {
      const inner = pyLayer(layer.layer);
      return layer.mergeMode === 'concat' ? `layers.Bidirectional(${inner})` : `layers.Bidirectional(${inner}, merge_mode=${pyValue(layer.mergeMode)})`;
    }
    case 'dense': {
      const args = [String(layer.units)];
      if (layer.activation && layer.activation !== 'linear') args.push(`activation=${pyValue(layer.activation)}`);
      if (layer.useBias === false) args.push('use_bias=False');
      return `layers.Dense(${args.join(', ')})`;
    }
    case 'embedding':
      return `layers.Embedding(${layer.inputDim}, ${layer.outputDim})`;
    case 'dropout':
      return `layers.Dropout(${layer.rate})`;
    case 'spatialDropout1d':
      return `layers.SpatialDropout1D(${layer.rate})`;
    default:
      return `layers.${PY_CLASS[layer.kind]}(${pyRecurrentArgs(layer).join(', ')})`;
  }
}

function pyInput(spec: ModelSpec): string {
  const batch = spec.batchSize ? `, batch_size=${spec.batchSize}` : '';
  return `keras.Input(shape=${pyValue(spec.inputShape)}${batch})`;
}

// ---- naming the outputs of a functional graph ----------------------------------------------

type Case = 'snake' | 'camel';

/** Names for one layer's outputs: x{n} for the output, then h (and c) per direction. */
function outputNames(layer: LayerSpec, index: number, style: Case, taken: Set<string>): string[] {
  const join = (...parts: string[]) =>
    style === 'snake' ? parts.join('_') : parts[0] + parts.slice(1).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  const cell = layer.kind === 'bidirectional' ? layer.layer : isRecurrentLayer(layer) ? layer : null;
  const states = cell?.returnState ? (cell.kind === 'lstm' ? ['h', 'c'] : ['h']) : [];
  const x = `x${index + 1}`;
  let names: string[];
  if (layer.kind === 'bidirectional') {
    const outs = layer.mergeMode === null ? [join(x, 'forward'), join(x, 'backward')] : [x];
    names = [...outs, ...['forward', 'backward'].flatMap((dir) => states.map((s) => join(dir, s)))];
  } else {
    names = [x, ...states.map((s) => join('state', s))];
  }
  // Two layers returning states would both say state_h; number the later ones.
  return names.map((name, i) => {
    const unique = i > 0 && taken.has(name) ? join(name, String(index + 1)) : name;
    taken.add(unique);
    return unique;
  });
}

const isRecurrentLayer = (layer: LayerSpec): layer is RecurrentSpec => layer.kind === 'simpleRNN' || layer.kind === 'lstm' || layer.kind === 'gru';

export function kerasCode(spec: ModelSpec): string {
  const lines = ['from tensorflow import keras', 'from tensorflow.keras import layers', ''];
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

// ---- TypeScript -----------------------------------------------------------------------------

const TS_CLASS: Record<RecurrentSpec['kind'], string> = { simpleRNN: 'simpleRNN', lstm: 'lstm', gru: 'gru' };
const tsActivation = (name: ActivationName) => (name === 'hard_sigmoid' ? 'hardSigmoid' : name);

function tsValue(value: Value): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(tsValue).join(', ')}]`;
  return String(value);
}

const RESET_AFTER_REFUSED = "resetAfter: true — tfjs has no reset_after=True (TensorFlow 2's tf.keras default), only false";

function tsRecurrentArgs(layer: RecurrentSpec): Arg[] {
  const r = resolve(layer);
  const args: Arg[] = [{ name: 'units', value: layer.units }];
  const add = (name: string, value: Value) => args.push({ name, value });
  // Compared with tfjs' own defaults, which are not Keras' (see the chapter).
  if (r.activation !== 'tanh') add('activation', tsActivation(r.activation));
  if (r.recurrentActivation && r.recurrentActivation !== 'hard_sigmoid') add('recurrentActivation', tsActivation(r.recurrentActivation));
  if (!r.useBias) add('useBias', false);
  if (r.kernelInitializer !== 'glorotNormal') add('kernelInitializer', r.kernelInitializer);
  if (r.recurrentInitializer !== 'orthogonal') add('recurrentInitializer', r.recurrentInitializer);
  for (const [name] of OFF_BY_DEFAULT) if (layer[name]) add(name, layer[name]);
  if (layer.kind === 'gru' && layer.resetAfter) args.push({ comment: RESET_AFTER_REFUSED });
  return args;
}

const argLine = (a: Arg) => ('name' in a ? `${a.name}: ${tsValue(a.value)},` : `// ${a.comment}`);

/** An options object on one line when it fits, else one argument per line. */
function tsObject(args: Arg[], indent: string): string {
  if (args.every((a) => 'name' in a)) {
    const oneLine = `{ ${args.map((a) => argLine(a).slice(0, -1)).join(', ')} }`;
    if (oneLine.length + indent.length <= 72) return oneLine;
  }
  return `{\n${args.map((a) => `${indent}  ${argLine(a)}`).join('\n')}\n${indent}}`;
}

function tsLayer(layer: LayerSpec, first: Arg[], indent: string): string {
  switch (layer.kind) {
    case 'bidirectional': {
      const inner = tsLayer(layer.layer, [], `${indent}  `);
      const merge = layer.mergeMode === 'concat' ? [] : [`mergeMode: ${tsValue(layer.mergeMode)},`];
      const lines = [`layer: ${inner},`, ...merge, ...first.map(argLine)];
      return `tf.layers.bidirectional({\n${lines.map((l) => `${indent}  ${l}`).join('\n')}\n${indent}})`;
    }
    case 'dense': {
      const args: Arg[] = [{ name: 'units', value: layer.units }];
      if (layer.activation && layer.activation !== 'linear') args.push({ name: 'activation', value: tsActivation(layer.activation) });
      if (layer.useBias === false) args.push({ name: 'useBias', value: false });
      const init = layer.kernelInitializer ?? BUILT_DEFAULTS.kernelInitializer;
      if (init !== 'glorotNormal') args.push({ name: 'kernelInitializer', value: init });
      return `tf.layers.dense(${tsObject([...args, ...first], indent)})`;
    }
    case 'embedding':
      return `tf.layers.embedding(${tsObject([{ name: 'inputDim', value: layer.inputDim }, { name: 'outputDim', value: layer.outputDim }, ...first], indent)})`;
    case 'dropout':
    case 'spatialDropout1d':
      return `tf.layers.${layer.kind}(${tsObject([{ name: 'rate', value: layer.rate }, ...first], indent)})`;
    default:
      return `tf.layers.${TS_CLASS[layer.kind]}(${tsObject([...tsRecurrentArgs(layer), ...first], indent)})`;
  }
}

export function tfjsCode(spec: ModelSpec): string {
  const lines = ["import * as tf from '@tensorflow/tfjs';", ''];
  if (statefulWithoutBatch(spec)) lines.push(`// Refused: ${STATEFUL_WITHOUT_BATCH}.`);
  const shape: Arg = spec.batchSize
    ? { name: 'batchInputShape', value: [spec.batchSize, ...spec.inputShape] }
    : { name: 'inputShape', value: spec.inputShape };
  if (!needsFunctionalApi(spec)) {
    lines.push('const model = tf.sequential();');
    spec.layers.forEach((layer, i) => lines.push(`model.add(${tsLayer(layer, i === 0 ? [shape] : [], '')});`));
  } else {
    const inputArg: Arg = spec.batchSize ? { name: 'batchShape', value: [spec.batchSize, ...spec.inputShape] } : { name: 'shape', value: spec.inputShape };
    lines.push(`const inputs = tf.input(${tsObject([inputArg], '')});`);
    const taken = new Set<string>();
    const { outputs } = walkGraph(spec, 'inputs', (layer, x, i) => {
      const names = outputNames(layer, i, 'camel', taken);
      const call = `${tsLayer(layer, [], '')}.apply(${x})`;
      lines.push(names.length === 1 ? `const ${names[0]} = ${call} as tf.SymbolicTensor;` : `const [${names.join(', ')}] = ${call} as tf.SymbolicTensor[];`);
      return names;
    });
    lines.push(`const model = tf.model({ inputs, outputs: ${outputs.length === 1 ? outputs[0] : `[${outputs.join(', ')}]`} });`);
  }
  lines.push('model.summary();');
  return lines.join('\n');
}
