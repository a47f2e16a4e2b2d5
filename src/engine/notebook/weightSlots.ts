/**
 * Which weight arrays a ModelSpec's model holds, in the order tfjs' model.weights (and Keras'
 * model.weights) lists them, each with the key a notebook files it under: "rnn/kernel",
 * "bilstm/forward/recurrent_kernel". Pairing a model's arrays with these slots checks both
 * their count and their shapes, so weights never land in the wrong place in Python.
 */
import { isRecurrent } from '../spec';
import type { LayerSpec, ModelSpec, RecurrentSpec } from '../spec';

export type WeightRole = 'embeddings' | 'kernel' | 'recurrent_kernel' | 'bias';

export interface WeightSlot {
  key: string;
  /** The Keras / tfjs layer that owns the array (get_layer(layer) in Keras). */
  layer: string;
  role: WeightRole;
}

/** An array as it leaves a model: tfjs' variable name, its shape and its float32 values. */
export interface WeightArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface FiledWeight extends WeightSlot {
  shape: number[];
  values: Float32Array;
}

function recurrentRoles(layer: RecurrentSpec): WeightRole[] {
  return (layer.useBias ?? true) ? ['kernel', 'recurrent_kernel', 'bias'] : ['kernel', 'recurrent_kernel'];
}

function layerSlots(layer: LayerSpec): WeightSlot[] {
  const slot = (role: WeightRole, prefix = layer.name): WeightSlot => ({ key: `${prefix}/${role}`, layer: layer.name, role });
  if (layer.kind === 'bidirectional') {
    return ['forward', 'backward'].flatMap((dir) => recurrentRoles(layer.layer).map((role) => slot(role, `${layer.name}/${dir}`)));
  }
  if (isRecurrent(layer)) return recurrentRoles(layer).map((role) => slot(role));
  if (layer.kind === 'dense') return (layer.useBias ?? true) ? [slot('kernel'), slot('bias')] : [slot('kernel')];
  if (layer.kind === 'embedding') return [slot('embeddings')];
  return [];
}

export function weightSlots(spec: ModelSpec): WeightSlot[] {
  return spec.layers.flatMap(layerSlots);
}

/** A kernel and an embedding are matrices, a bias a vector (tfjs builds only reset_after=False GRUs). */
const RANK: Record<WeightRole, number> = { embeddings: 2, kernel: 2, recurrent_kernel: 2, bias: 1 };

/** The model's arrays, in model.weights order, filed under the spec's slots; a mismatch throws. */
export function fileWeights(spec: ModelSpec, arrays: WeightArray[]): FiledWeight[] {
  const slots = weightSlots(spec);
  if (slots.length !== arrays.length) {
    throw new Error(`The model has ${arrays.length} weight arrays but its description needs ${slots.length}.`);
  }
  return slots.map((slot, i) => {
    const { name, shape, values } = arrays[i];
    const ownedBy = name.split('/')[0];
    if (ownedBy !== slot.layer) throw new Error(`Weight ${i} is "${name}" but layer "${slot.layer}" owns ${slot.key}.`);
    if (shape.length !== RANK[slot.role]) throw new Error(`${slot.key} should have ${RANK[slot.role]} axes; "${name}" has shape [${shape.join(', ')}].`);
    if (shape.reduce((a, b) => a * b, 1) !== values.length) throw new Error(`"${name}" has shape [${shape.join(', ')}] but ${values.length} values.`);
    return { ...slot, shape, values };
  });
}
