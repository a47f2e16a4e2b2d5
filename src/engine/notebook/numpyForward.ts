/**
 * A ModelSpec as a NumPy-only forward pass, written the way the book computes by hand: row
 * vectors, h_t = f(x_t·W + h_{t-1}·U + b), LSTM gate blocks i, f, c, o and GRU blocks z, r, h
 * side by side in each kernel (reset_after=False: r multiplies h_{t-1} before U), Bidirectional
 * as a second copy reading reversed and reversed back. Only the functions this architecture
 * needs are written, and forward() calls them layer by layer with the variable names the Keras
 * code (modelCode/keras.ts) uses, wired by the same walkGraph rule. Everything stays float32,
 * as in the browser, so the result agrees with tfjs to rounding.
 */
import { walkGraph } from '../functionalGraph';
import { activationsOf, outputNames, resolveRecurrent } from '../modelCode/resolve';
import { isRecurrent } from '../spec';
import type { ActivationName, LayerSpec, ModelSpec, RecurrentSpec } from '../spec';

const ACTIVATION_DEFS: Record<Exclude<ActivationName, 'tanh'>, string[]> = {
  sigmoid: ['def sigmoid(x):', '    return 1.0 / (1.0 + np.exp(-x))'],
  hard_sigmoid: [
    "# tfjs' hard sigmoid (and Keras 2's). Keras 3's hard_sigmoid has slope 1/6 instead of 0.2.",
    'def hard_sigmoid(x):',
    '    return np.clip(0.2 * x + 0.5, 0.0, 1.0)',
  ],
  relu: ['def relu(x):', '    return np.maximum(x, 0.0)'],
  linear: ['def linear(x):', '    return x'],
  softmax: [
    'def softmax(x):',
    '    e = np.exp(x - x.max(axis=-1, keepdims=True))  # minus the max: exp never overflows',
    '    return e / e.sum(axis=-1, keepdims=True)',
  ],
};

/** tanh is NumPy's own. */
const pyActivation = (name: ActivationName) => (name === 'tanh' ? 'np.tanh' : name);

const START_STATE = [
  '    batch, units = x.shape[0], recurrent_kernel.shape[0]',
  '    zeros = np.zeros((batch, units), dtype=np.float32)',
];

const CELL_DEFS: Record<RecurrentSpec['kind'], string[]> = {
  simpleRNN: [
    'def simple_rnn(x, kernel, recurrent_kernel, bias, activation, initial_state=None):',
    '    """h_t = activation(x_t·W + h_{t-1}·U + b) for x of shape (batch, steps, features).',
    '    Returns every h_t, shape (batch, steps, units), and the final state [h]."""',
    ...START_STATE,
    '    h = zeros if initial_state is None else initial_state[0]',
    '    hs = []',
    '    for t in range(x.shape[1]):',
    '        h = activation(x[:, t] @ kernel + h @ recurrent_kernel + bias)',
    '        hs.append(h)',
    '    return np.stack(hs, axis=1), [h]',
  ],
  lstm: [
    'def lstm(x, kernel, recurrent_kernel, bias, activation, recurrent_activation, initial_state=None):',
    '    """An LSTM over x of shape (batch, steps, features). The kernels hold four blocks of',
    '    `units` columns side by side, in Keras\' and tfjs\' order: i, f, c, o.',
    '    Returns every h_t, shape (batch, steps, units), and the final state [h, c]."""',
    ...START_STATE,
    '    h, c = (zeros, zeros) if initial_state is None else initial_state',
    '    hs = []',
    '    for t in range(x.shape[1]):',
    '        z = x[:, t] @ kernel + h @ recurrent_kernel + bias',
    '        i = recurrent_activation(z[:, :units])               # input gate',
    '        f = recurrent_activation(z[:, units:2 * units])      # forget gate',
    '        g = activation(z[:, 2 * units:3 * units])            # candidate, the "c" block',
    '        o = recurrent_activation(z[:, 3 * units:])           # output gate',
    '        c = f * c + i * g',
    '        h = o * activation(c)',
    '        hs.append(h)',
    '    return np.stack(hs, axis=1), [h, c]',
  ],
  gru: [
    'def gru(x, kernel, recurrent_kernel, bias, activation, recurrent_activation, initial_state=None):',
    '    """A GRU (reset_after=False, the only form tfjs builds) over x of shape (batch, steps,',
    '    features). The kernels hold three blocks side by side, in the order z, r, h.',
    '    Returns every h_t, shape (batch, steps, units), and the final state [h]."""',
    ...START_STATE,
    '    W_z, W_r, W_h = kernel[:, :units], kernel[:, units:2 * units], kernel[:, 2 * units:]',
    '    U_z, U_r, U_h = recurrent_kernel[:, :units], recurrent_kernel[:, units:2 * units], recurrent_kernel[:, 2 * units:]',
    '    b_z, b_r, b_h = bias[:units], bias[units:2 * units], bias[2 * units:]',
    '    h = zeros if initial_state is None else initial_state[0]',
    '    hs = []',
    '    for t in range(x.shape[1]):',
    '        x_t = x[:, t]',
    '        z = recurrent_activation(x_t @ W_z + h @ U_z + b_z)     # update gate',
    '        r = recurrent_activation(x_t @ W_r + h @ U_r + b_r)     # reset gate',
    '        h_tilde = activation(x_t @ W_h + (r * h) @ U_h + b_h)   # reset before U_h',
    '        h = z * h + (1.0 - z) * h_tilde',
    '        hs.append(h)',
    '    return np.stack(hs, axis=1), [h]',
  ],
};

const CELL_FN: Record<RecurrentSpec['kind'], string> = { simpleRNN: 'simple_rnn', lstm: 'lstm', gru: 'gru' };
const CELL_CLASS: Record<RecurrentSpec['kind'], string> = { simpleRNN: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const GATES: Record<RecurrentSpec['kind'], number> = { simpleRNN: 1, lstm: 4, gru: 3 };

const w = (key: string) => `weights["${key}"]`;

/** The arguments after x for one direction's copy of a recurrent layer. */
function cellArgs(layer: RecurrentSpec, prefix: string, stateKey: string): string {
  const r = resolveRecurrent(layer);
  const bias = r.useBias ? w(`${prefix}/bias`) : `np.zeros(${GATES[layer.kind] * layer.units}, dtype=np.float32)`;
  const activations = [pyActivation(r.activation), ...(r.recurrentActivation ? [pyActivation(r.recurrentActivation)] : [])];
  return [w(`${prefix}/kernel`), w(`${prefix}/recurrent_kernel`), bias, ...activations, `initial_states.get("${stateKey}")`].join(', ');
}

const reversed = (x: string) => `${x}[:, ::-1]`;
/** Targets for a list of states: [h] = … for one, so h is the array and not the list. */
const unpack = (names: string[]) => (names.length === 1 ? `[${names[0]}]` : names.join(', '));

function describe(layer: RecurrentSpec): string {
  const r = resolveRecurrent(layer);
  const parts = [String(layer.units)];
  if (r.activation !== 'tanh') parts.push(r.activation);
  if (r.recurrentActivation) parts.push(`gates ${r.recurrentActivation}`);
  if (!r.useBias) parts.push('no bias');
  return `${CELL_CLASS[layer.kind]}(${parts.join(', ')})`;
}

/** Lines of forward() for one layer reading `x`, assigning `names` (its outputs). */
function layerLines(layer: LayerSpec, x: string, names: string[]): string[] {
  const [out] = names;
  switch (layer.kind) {
    case 'embedding':
      return [`    # ${layer.name}: each id picks its row of the embedding matrix`, `    ${out} = ${w(`${layer.name}/embeddings`)}[${x}.astype(np.int64)]`];
    case 'dense': {
      const activation = layer.activation ?? 'linear';
      const bias = (layer.useBias ?? true) ? ` + ${w(`${layer.name}/bias`)}` : '';
      const z = `${x} @ ${w(`${layer.name}/kernel`)}${bias}`;
      const call = activation === 'linear' ? z : `${pyActivation(activation)}(${z})`;
      return [`    # ${layer.name}: Dense(${layer.units}${activation === 'linear' ? '' : `, ${activation}`})`, `    ${out} = ${call}`];
    }
    case 'dropout':
    case 'spatialDropout1d':
      return [`    ${out} = ${x}  # ${layer.name}: dropout does nothing when predicting`];
    case 'bidirectional':
      return bidirectionalLines(layer, x, names);
    default:
      return recurrentLines(layer, x, names);
  }
}

function recurrentLines(layer: RecurrentSpec, x: string, names: string[]): string[] {
  const lines = [`    # ${layer.name}: ${describe(layer)}`];
  const input = layer.goBackwards ? reversed(x) : x;
  if (layer.goBackwards) lines.push('    # go_backwards=True: it reads the steps last to first, and its outputs stay in that order');
  lines.push(`    sequence, states["${layer.name}"] = ${CELL_FN[layer.kind]}(${input}, ${cellArgs(layer, layer.name, layer.name)})`);
  lines.push(layer.returnSequences ? `    ${names[0]} = sequence` : `    ${names[0]} = sequence[:, -1]  # the last step only (return_sequences=False)`);
  if (layer.returnState) lines.push(`    ${unpack(names.slice(1))} = states["${layer.name}"]`);
  return lines;
}

function bidirectionalLines(layer: LayerSpec & { kind: 'bidirectional' }, x: string, names: string[]): string[] {
  const cell = layer.layer;
  const merge = layer.mergeMode;
  const lines = [`    # ${layer.name}: Bidirectional(${describe(cell)}), merge_mode=${merge === null ? 'None' : `"${merge}"`}`];
  lines.push('    # one copy reads the steps in order; a second copy with its own weights reads them reversed');
  // Keras and tfjs give the backward copy the opposite go_backwards of the wrapped layer.
  const fwdIn = cell.goBackwards ? reversed(x) : x;
  const bwdIn = cell.goBackwards ? x : reversed(x);
  lines.push(`    forward_seq, states["${layer.name}/forward"] = ${CELL_FN[cell.kind]}(${fwdIn}, ${cellArgs(cell, `${layer.name}/forward`, `${layer.name}/forward`)})`);
  lines.push(`    backward_seq, states["${layer.name}/backward"] = ${CELL_FN[cell.kind]}(${bwdIn}, ${cellArgs(cell, `${layer.name}/backward`, `${layer.name}/backward`)})`);
  if (cell.returnSequences) {
    lines.push('    forward_out = forward_seq', '    backward_out = backward_seq[:, ::-1]  # reversed back: position t lines up with step t');
  } else {
    lines.push('    forward_out = forward_seq[:, -1]  # both copies have read the whole sequence', '    backward_out = backward_seq[:, -1]');
  }
  const outputs = merge === null ? 2 : 1;
  const merged: Record<Exclude<typeof merge, null>, string> = {
    concat: 'np.concatenate([forward_out, backward_out], axis=-1)',
    sum: 'forward_out + backward_out',
    mul: 'forward_out * backward_out',
    ave: '0.5 * (forward_out + backward_out)',
  };
  lines.push(merge === null ? `    ${names[0]}, ${names[1]} = forward_out, backward_out` : `    ${names[0]} = ${merged[merge]}`);
  if (cell.returnState) {
    const per = cell.kind === 'lstm' ? 2 : 1;
    const states = names.slice(outputs);
    lines.push(`    ${unpack(states.slice(0, per))} = states["${layer.name}/forward"]`, `    ${unpack(states.slice(per))} = states["${layer.name}/backward"]`);
  }
  return lines;
}

function inputDescription(spec: ModelSpec): string {
  const dims = [spec.batchSize ?? 'batch', ...spec.inputShape.map((d) => d ?? 'steps')];
  return `(${dims.join(', ')})`;
}

export function numpyForwardCode(spec: ModelSpec): string {
  const lines = ['import numpy as np', ''];
  const activations = activationsOf(spec);
  for (const [name, def] of Object.entries(ACTIVATION_DEFS)) if (activations.has(name as ActivationName)) lines.push(...def, '', '');
  const cells = new Set(spec.layers.map((l) => (l.kind === 'bidirectional' ? l.layer.kind : isRecurrent(l) ? l.kind : null)));
  for (const kind of ['simpleRNN', 'lstm', 'gru'] as const) if (cells.has(kind)) lines.push(...CELL_DEFS[kind], '', '');

  const ids = spec.layers[0]?.kind === 'embedding';
  lines.push(
    'def forward(inputs, initial_states=None):',
    `    """The model's outputs for inputs of shape ${inputDescription(spec)}${ids ? ' (word ids)' : ''}, with NumPy only.`,
    '    initial_states: {layer: state} to start recurrent layers from instead of zeros.',
    '    Returns the list of outputs (in the order Keras and tfjs give them) and every',
    '    recurrent layer\'s final state."""',
    '    initial_states = initial_states or {}',
    '    states = {}',
  );
  const taken = new Set<string>();
  const { outputs } = walkGraph(spec, 'inputs', (layer, x, i) => {
    const names = outputNames(layer, i, 'snake', taken);
    lines.push(...layerLines(layer, x, names));
    return names;
  });
  lines.push(`    return [${outputs.join(', ')}], states`);
  return lines.join('\n');
}
