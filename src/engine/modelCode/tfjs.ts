/**
 * A ModelSpec as tfjs (TypeScript) code that builds what src/tf/buildModel.ts builds. Arguments at
 * tfjs' own default are left out, so the book's replacements for tfjs defaults (sigmoid gates,
 * glorot-uniform kernels) are written. An argument tfjs refuses is written as a comment with the
 * reason, never dropped silently. The graph is wired by walkGraph, as for Keras (keras.ts).
 */
import { needsFunctionalApi, walkGraph } from '../functionalGraph';
import type { ActivationName, LayerSpec, ModelSpec, RecurrentSpec } from '../spec';
import { OFF_BY_DEFAULT, STATEFUL_WITHOUT_BATCH, type Value, denseInitializer, outputNames, resolveRecurrent, statefulWithoutBatch } from './resolve';

/** One argument; a `comment` entry is printed as a comment line instead of an argument. */
type Arg = { name: string; value: Value } | { comment: string };

const TS_CLASS: Record<RecurrentSpec['kind'], string> = { simpleRNN: 'simpleRNN', lstm: 'lstm', gru: 'gru' };
const tsActivation = (name: ActivationName) => (name === 'hard_sigmoid' ? 'hardSigmoid' : name);

function tsValue(value: Value): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(tsValue).join(', ')}]`;
  return String(value);
}

const RESET_AFTER_REFUSED = "resetAfter: true — tfjs has no reset_after=True (TensorFlow 2's tf.keras default), only false";

function tsRecurrentArgs(layer: RecurrentSpec): Arg[] {
  const r = resolveRecurrent(layer);
  const args: Arg[] = [{ name: 'units', value: layer.units }];
  const add = (name: string, value: Value) => args.push({ name, value });
  // Compared with tfjs' own defaults, which are not Keras' (see the chapter).
  if (r.activation !== 'tanh') add('activation', tsActivation(r.activation));
  if (r.recurrentActivation && r.recurrentActivation !== 'hard_sigmoid') add('recurrentActivation', tsActivation(r.recurrentActivation));
  if (!r.useBias) add('useBias', false);
  if (r.kernelInitializer !== 'glorotNormal') add('kernelInitializer', r.kernelInitializer);
  if (r.recurrentInitializer !== 'orthogonal') add('recurrentInitializer', r.recurrentInitializer);
  if (r.unitForgetBias) add('unitForgetBias', true);
  for (const [name] of OFF_BY_DEFAULT) if (layer[name]) add(name, layer[name]);
  if (layer.kind === 'gru' && layer.resetAfter) args.push({ comment: RESET_AFTER_REFUSED });
  add('name', layer.name);
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
  const name: Arg = { name: 'name', value: layer.name };
  switch (layer.kind) {
    case 'bidirectional': {
      const inner = tsLayer(layer.layer, [], `${indent}  `);
      const merge = layer.mergeMode === 'concat' ? [] : [`mergeMode: ${tsValue(layer.mergeMode)},`];
      const lines = [`layer: ${inner},`, ...merge, argLine(name), ...first.map(argLine)];
      return `tf.layers.bidirectional({\n${lines.map((l) => `${indent}  ${l}`).join('\n')}\n${indent}})`;
    }
    case 'dense': {
      const args: Arg[] = [{ name: 'units', value: layer.units }];
      if (layer.activation && layer.activation !== 'linear') args.push({ name: 'activation', value: tsActivation(layer.activation) });
      if (layer.useBias === false) args.push({ name: 'useBias', value: false });
      const init = denseInitializer(layer);
      if (init !== 'glorotNormal') args.push({ name: 'kernelInitializer', value: init });
      return `tf.layers.dense(${tsObject([...args, name, ...first], indent)})`;
    }
    case 'embedding':
      return `tf.layers.embedding(${tsObject([{ name: 'inputDim', value: layer.inputDim }, { name: 'outputDim', value: layer.outputDim }, name, ...first], indent)})`;
    case 'dropout':
    case 'spatialDropout1d':
      return `tf.layers.${layer.kind}(${tsObject([{ name: 'rate', value: layer.rate }, name, ...first], indent)})`;
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
