/**
 * What the code generators share: each layer's arguments resolved to what the book builds
 * (spec values, else src/engine/bookDefaults.ts), the arguments off by default in both
 * frameworks, and the names a functional graph gives its outputs. Keras (keras.ts) and tfjs
 * (tfjs.ts) then each write only what differs from their own framework's defaults.
 */
import { BOOK_DEFAULTS } from '../bookDefaults';
import type { ActivationName, InitializerName, LayerSpec, ModelSpec, RecurrentSpec } from '../spec';
import { isRecurrent } from '../spec';

export type Value = string | number | boolean | null | (number | null)[];

export interface ResolvedRecurrent {
  activation: ActivationName;
  /** LSTM and GRU gates; SimpleRNN has none. */
  recurrentActivation?: ActivationName;
  useBias: boolean;
  kernelInitializer: InitializerName;
  recurrentInitializer: InitializerName;
  /** LSTM only. */
  unitForgetBias?: boolean;
}

export function resolveRecurrent(layer: RecurrentSpec): ResolvedRecurrent {
  return {
    activation: layer.activation ?? 'tanh',
    recurrentActivation: layer.kind === 'simpleRNN' ? undefined : (layer.recurrentActivation ?? BOOK_DEFAULTS.recurrentActivation),
    useBias: layer.useBias ?? true,
    kernelInitializer: layer.kernelInitializer ?? BOOK_DEFAULTS.kernelInitializer,
    recurrentInitializer: layer.recurrentInitializer ?? BOOK_DEFAULTS.recurrentInitializer,
    unitForgetBias: layer.kind === 'lstm' ? (layer.unitForgetBias ?? BOOK_DEFAULTS.unitForgetBias) : undefined,
  };
}

export const denseInitializer = (layer: LayerSpec & { kind: 'dense' }): InitializerName => layer.kernelInitializer ?? BOOK_DEFAULTS.kernelInitializer;

/** Arguments off (0 or false) by default in both frameworks: tfjs' name, then Keras'. */
export const OFF_BY_DEFAULT = [
  ['dropout', 'dropout'],
  ['recurrentDropout', 'recurrent_dropout'],
  ['returnSequences', 'return_sequences'],
  ['returnState', 'return_state'],
  ['goBackwards', 'go_backwards'],
  ['stateful', 'stateful'],
] as const;

export const STATEFUL_WITHOUT_BATCH = 'a stateful layer needs a fixed batch size; both Keras and tfjs refuse this model without one';

export const statefulWithoutBatch = (spec: ModelSpec) =>
  !spec.batchSize && spec.layers.some((l) => (l.kind === 'bidirectional' ? l.layer.stateful : 'stateful' in l && l.stateful));

/** Every activation the model applies, gates included. */
export function activationsOf(spec: ModelSpec): Set<ActivationName> {
  const names = new Set<ActivationName>();
  for (const layer of spec.layers) {
    const cell = layer.kind === 'bidirectional' ? layer.layer : layer;
    if (isRecurrent(cell)) {
      const r = resolveRecurrent(cell);
      names.add(r.activation);
      if (r.recurrentActivation) names.add(r.recurrentActivation);
    } else if (cell.kind === 'dense') {
      names.add(cell.activation ?? 'linear');
    }
  }
  return names;
}

type Case = 'snake' | 'camel';

/** Names for one layer's outputs in a functional graph: x{n} for the output, then h (and c) per direction. */
export function outputNames(layer: LayerSpec, index: number, style: Case, taken: Set<string>): string[] {
  const join = (...parts: string[]) =>
    style === 'snake' ? parts.join('_') : parts[0] + parts.slice(1).map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  const cell = layer.kind === 'bidirectional' ? layer.layer : isRecurrent(layer) ? layer : null;
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
