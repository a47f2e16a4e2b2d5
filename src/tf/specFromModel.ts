/**
 * The reverse of buildModel: a tfjs Sequential (say, one the reader imported from files) as the
 * book's ModelSpec, so the engine can count it, describe it and run it by hand. Only the layer
 * kinds the book uses are understood; any other layer is named in the error.
 */
import { BookError } from '../engine/errors';
import type { ActivationName, LayerSpec, ModelSpec, RecurrentSpec } from '../engine/spec';
import type { TfModel } from './buildModel';

type Config = Record<string, unknown>;

const activation = (name: unknown): ActivationName => (name === 'hardSigmoid' ? 'hard_sigmoid' : (String(name ?? 'linear') as ActivationName));

function recurrentOf(className: string, c: Config): RecurrentSpec {
  const common = {
    name: String(c.name),
    units: Number(c.units),
    activation: activation(c.activation),
    useBias: c.useBias !== false,
    returnSequences: c.returnSequences === true,
    goBackwards: c.goBackwards === true,
  };
  if (className === 'SimpleRNN') return { kind: 'simpleRNN', ...common };
  if (className === 'LSTM') return { kind: 'lstm', ...common, recurrentActivation: activation(c.recurrentActivation) };
  if (className === 'GRU') return { kind: 'gru', ...common, recurrentActivation: activation(c.recurrentActivation) };
  throw new BookError('modelFiles.notRecurrent', `A ${className} layer is not a recurrent layer the book knows.`, { kind: className });
}

function layerOf(className: string, c: Config): LayerSpec {
  const name = String(c.name);
  switch (className) {
    case 'Embedding':
      return { kind: 'embedding', name, inputDim: Number(c.inputDim), outputDim: Number(c.outputDim) };
    case 'Dense':
      return { kind: 'dense', name, units: Number(c.units), activation: activation(c.activation), useBias: c.useBias !== false };
    case 'Dropout':
      return { kind: 'dropout', name, rate: Number(c.rate) };
    case 'SpatialDropout1D':
      return { kind: 'spatialDropout1d', name, rate: Number(c.rate) };
    case 'Bidirectional': {
      const inner = c.layer as { className: string; config: Config };
      return { kind: 'bidirectional', name, layer: recurrentOf(inner.className, inner.config), mergeMode: (c.mergeMode ?? null) as never };
    }
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      return recurrentOf(className, c);
    default:
      throw new BookError('modelFiles.layerKind', `The model has a ${className} layer ("${name}"); the book can only read Embedding, SimpleRNN, LSTM, GRU, Bidirectional, Dense and Dropout layers.`, { kind: className, layer: name });
  }
}

export function specFromModel(model: TfModel): ModelSpec {
  const inputShape = model.inputs[0].shape.slice(1) as (number | null)[];
  return { inputShape, layers: model.layers.map((layer) => layerOf(layer.getClassName(), layer.getConfig() as Config)) };
}
