/**
 * Parameter counting and shape inference for a ModelSpec, by hand. Every count comes with the
 * arithmetic that produced it, with the real dimensions filled in, because the arithmetic is the
 * lesson: "32·40 + 40·40 + 40 = 2,920".
 */
import type { LayerSpec, ModelSpec, RecurrentSpec } from './spec';

/** A shape as Keras prints it: null stands for a dimension unknown until run time (batch, time). */
export type Shape = (number | null)[];

export interface ParamCount {
  params: number;
  /** Human-readable arithmetic, e.g. "32·40 + 40·40 + 40 = 2,920". */
  formula: string;
}

export interface LayerRow extends ParamCount {
  name: string;
  /** The class name Keras and tfjs print in summary(), e.g. "SimpleRNN". */
  className: string;
  inputShape: Shape;
  /** One shape per output; more than one only when a recurrent layer returns its state. */
  outputShapes: Shape[];
}

export interface ModelDescription {
  rows: LayerRow[];
  totalParams: number;
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** How many weight blocks a recurrent cell stacks side by side in its kernel. */
export function gateCount(layer: RecurrentSpec): number {
  return layer.kind === 'lstm' ? 4 : layer.kind === 'gru' ? 3 : 1;
}

/** Counts one recurrent layer reading `features` inputs per step. */
export function recurrentParams(layer: RecurrentSpec, features: number): ParamCount {
  const u = layer.units;
  const g = gateCount(layer);
  const width = g * u;
  const useBias = layer.useBias ?? true;
  const biasVectors = useBias ? (layer.kind === 'gru' && layer.resetAfter ? 2 : 1) : 0;
  const params = features * width + u * width + biasVectors * width;
  const terms = [`${features}·${width}`, `${u}·${width}`];
  if (biasVectors === 1) terms.push(`${width}`);
  if (biasVectors === 2) terms.push(`2·${width}`);
  return { params, formula: `${terms.join(' + ')} = ${formatCount(params)}` };
}

export function denseParams(inputs: number, units: number, useBias = true): ParamCount {
  const params = inputs * units + (useBias ? units : 0);
  const formula = useBias
    ? `${inputs}·${units} + ${units} = ${formatCount(params)}`
    : `${inputs}·${units} = ${formatCount(params)}`;
  return { params, formula };
}

export function embeddingParams(inputDim: number, outputDim: number): ParamCount {
  const params = inputDim * outputDim;
  return { params, formula: `${inputDim}·${outputDim} = ${formatCount(params)}` };
}

const CLASS_NAMES: Record<LayerSpec['kind'], string> = {
  simpleRNN: 'SimpleRNN',
  lstm: 'LSTM',
  gru: 'GRU',
  bidirectional: 'Bidirectional',
  embedding: 'Embedding',
  dense: 'Dense',
  dropout: 'Dropout',
  spatialDropout1d: 'SpatialDropout1D',
};

function lastDim(shape: Shape, layerName: string): number {
  const d = shape[shape.length - 1];
  if (d === null || d === undefined) {
    throw new Error(`Layer "${layerName}" needs a known feature size, but its input is ${shapeToString(shape)}.`);
  }
  return d;
}

function recurrentOutputs(layer: RecurrentSpec, input: Shape, units: number): Shape[] {
  if (input.length !== 3) {
    throw new Error(
      `${CLASS_NAMES[layer.kind]} "${layer.name}" expects input (batch, time, features) but gets ${shapeToString(input)}. ` +
        'A recurrent layer stacked on another needs returnSequences: true on the one below.',
    );
  }
  // #region listing:recurrent-outputs
  // (batch, time, units): every step's state; (batch, units): the last step's state only
  const out: Shape = layer.returnSequences ? [input[0], input[1], units] : [input[0], units];
  return layer.returnState ? [out, ...stateShapes(layer, input)] : [out];
  // #endregion
}

/** The final states a recurrent layer returns with returnState: h, and c for an LSTM. */
function stateShapes(layer: RecurrentSpec, input: Shape): Shape[] {
  const state: Shape = [input[0], layer.units];
  return layer.kind === 'lstm' ? [state, state] : [state];
}

function describeLayer(layer: LayerSpec, input: Shape): Omit<LayerRow, 'name' | 'className' | 'inputShape'> {
  switch (layer.kind) {
    case 'embedding':
      if (input.length !== 2) {
        throw new Error(`Embedding "${layer.name}" expects ids shaped (batch, time) but gets ${shapeToString(input)}.`);
      }
      return { ...embeddingParams(layer.inputDim, layer.outputDim), outputShapes: [[...input, layer.outputDim]] };
    case 'dense':
      return {
        ...denseParams(lastDim(input, layer.name), layer.units, layer.useBias ?? true),
        outputShapes: [[...input.slice(0, -1), layer.units]],
      };
    case 'dropout':
    case 'spatialDropout1d':
      return { params: 0, formula: '0 (no weights)', outputShapes: [input] };
    case 'bidirectional': {
      const one = recurrentParams(layer.layer, lastDim(input, layer.name));
      const params = 2 * one.params;
      const width = layer.mergeMode === 'concat' ? 2 * layer.layer.units : layer.layer.units;
      const [out, ...states] = recurrentOutputs(layer.layer, input, width);
      // With no merge mode the forward and backward outputs come out separately; with
      // returnState each direction hands back its own states, forward ones first.
      const outputShapes = [...(layer.mergeMode === null ? [out, out] : [out]), ...states, ...states];
      const inner = one.formula.replace(/ = .*$/, '');
      return { params, formula: `2 × (${inner}) = ${formatCount(params)}`, outputShapes };
    }
    default:
      return { ...recurrentParams(layer, lastDim(input, layer.name)), outputShapes: recurrentOutputs(layer, input, layer.units) };
  }
}

/** Walks the spec like Keras' Sequential does: each layer reads the first output of the one before. */
export function describeModel(spec: ModelSpec): ModelDescription {
  let shape: Shape = [spec.batchSize ?? null, ...spec.inputShape];
  const rows: LayerRow[] = spec.layers.map((layer) => {
    const row: LayerRow = { name: layer.name, className: CLASS_NAMES[layer.kind], inputShape: shape, ...describeLayer(layer, shape) };
    shape = row.outputShapes[0];
    return row;
  });
  return { rows, totalParams: rows.reduce((sum, r) => sum + r.params, 0) };
}

export function shapeToString(shape: Shape): string {
  const parts = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}
