/**
 * Builds a ModelSpec with tfjs' functional API (tf.input + layer.apply + tf.model) instead of
 * tf.sequential(). Sequential only holds layers with one output, so a recurrent layer with
 * returnState or a Bidirectional with no merge mode needs this; for every other spec the two
 * builders give the same layers. The graph follows walkGraph, the rule the code generator uses.
 */
import type { Shape } from '../engine/paramCount';
import type { ModelSpec } from '../engine/spec';
import { walkGraph } from '../engine/functionalGraph';
import { buildLayer, refuseUnsupported } from './buildModel';
import { captureSummary } from './summary';
import type { Tf } from './types';

type SymbolicTensor = ReturnType<Tf['input']>;
export type FunctionalModel = ReturnType<Tf['model']>;

export function buildFunctional(tf: Tf, spec: ModelSpec): FunctionalModel {
  refuseUnsupported(spec);
  const input = tf.input(spec.batchSize ? { batchShape: [spec.batchSize, ...spec.inputShape] } : { shape: spec.inputShape });
  const { outputs } = walkGraph<SymbolicTensor>(spec, input, (layer, x) => {
    const out = buildLayer(tf.layers, layer).apply(x) as SymbolicTensor | SymbolicTensor[];
    return Array.isArray(out) ? out : [out];
  });
  return tf.model({ inputs: input, outputs, name: 'model' });
}

/** One layer as tfjs reports it, beside which the engine's row is set. */
export interface TfjsLayerReport {
  name: string;
  className: string;
  params: number;
  outputShapes: Shape[];
}

export interface TfjsModelReport {
  summary: string[];
  layers: TfjsLayerReport[];
  totalParams: number;
}

const isShapeList = (shape: unknown): shape is Shape[] => Array.isArray(shape) && Array.isArray(shape[0]);

/** Builds the spec, reads back what tfjs made of it (the input layer left out), and frees it. */
export function inspectFunctional(tf: Tf, spec: ModelSpec): TfjsModelReport {
  const model = buildFunctional(tf, spec);
  try {
    const layers = model.layers
      .filter((layer) => layer.getClassName() !== 'InputLayer')
      .map((layer) => {
        const shape = layer.outputShape as Shape | Shape[];
        return { name: layer.name, className: layer.getClassName(), params: layer.countParams(), outputShapes: isShapeList(shape) ? shape : [shape] };
      });
    // summary() and countParams() are LayersModel methods; captureSummary is typed for Sequential only.
    return { summary: captureSummary(model as never), layers, totalParams: model.countParams() };
  } finally {
    model.dispose();
  }
}
