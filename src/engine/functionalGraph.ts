/**
 * How a ModelSpec becomes a functional graph when a layer has more than one output (returnState,
 * or Bidirectional with no merge mode), which Sequential refuses. One rule, shared by the tfjs
 * builder and the code generator so the model built and the code shown are the same graph:
 * each layer reads the first output of the layer before it, and every output no layer reads
 * becomes a model output — the last layer's outputs first, then the leftovers in layer order.
 */
import type { LayerSpec, ModelSpec } from './spec';

export interface WalkedGraph<T> {
  /** Every layer's outputs, in spec order. */
  layerOutputs: T[][];
  /** The model's outputs. */
  outputs: T[];
}

export function walkGraph<T>(spec: ModelSpec, input: T, apply: (layer: LayerSpec, x: T, index: number) => T[]): WalkedGraph<T> {
  const layerOutputs: T[][] = [];
  let x = input;
  spec.layers.forEach((layer, i) => {
    const outs = apply(layer, x, i);
    layerOutputs.push(outs);
    x = outs[0];
  });
  const last = layerOutputs[layerOutputs.length - 1] ?? [input];
  const leftovers = layerOutputs.slice(0, -1).flatMap((outs) => outs.slice(1));
  return { layerOutputs, outputs: [...last, ...leftovers] };
}

/** True when some layer has more than one output, so only the functional API can hold the model. */
export function needsFunctionalApi(spec: ModelSpec): boolean {
  return spec.layers.some((layer) => {
    if (layer.kind === 'bidirectional') return layer.mergeMode === null || !!layer.layer.returnState;
    return 'returnState' in layer && !!layer.returnState;
  });
}
