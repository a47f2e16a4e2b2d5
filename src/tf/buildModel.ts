/**
 * Builds a tfjs model from the same ModelSpec the engine counts, with the book's defaults
 * (src/engine/bookDefaults.ts) wherever the spec is silent, once, for every model in the book:
 * sigmoid gates as Keras 2.3+ and tf.keras use (tfjs, like Keras up to 2.2, defaults to
 * hard_sigmoid), glorot-uniform recurrent kernels instead of orthogonal, and unitForgetBias
 * left at tfjs' false (Keras defaults to true) unless a spec asks for it.
 */
import { BOOK_DEFAULTS } from '../engine/bookDefaults';
import { BookError, type ReaderError } from '../engine/errors';
import type { LayerSpec, ModelSpec, RecurrentSpec } from '../engine/spec';
import type { Tf } from './types';

type LayersApi = Tf['layers'];
/** Every tfjs layer factory returns a subclass of Layer. */
type AnyLayer = Parameters<ReturnType<Tf['sequential']>['add']>[0];

/** Arguments a spec may hold that tfjs cannot build; building such a spec fails loudly. */
export function unsupportedInTfjs(layer: LayerSpec): ReaderError[] {
  const problems: ReaderError[] = [];
  const recurrent = layer.kind === 'bidirectional' ? layer.layer : layer;
  if (recurrent.kind === 'gru' && recurrent.resetAfter) {
    problems.push({ code: 'tfjs.gruResetAfter', message: 'GRU reset_after=True (the default of tf.keras in TensorFlow 2) does not exist in tfjs; tfjs only builds reset_after=False.' });
  }
  return problems;
}

/** Refuses a spec tfjs cannot build, with the first reason's code and every reason's text. */
export function refuseUnsupported(spec: ModelSpec): void {
  const problems = spec.layers.flatMap(unsupportedInTfjs);
  if (problems.length > 0) throw new BookError(problems[0].code!, problems.map((p) => p.message).join(' '), problems[0].params);
}

function activationOf(name: string | undefined, fallback: string): string {
  // tfjs spells it hardSigmoid; the spec uses Keras' hard_sigmoid.
  const n = name ?? fallback;
  return n === 'hard_sigmoid' ? 'hardSigmoid' : n;
}

function recurrentArgs(layer: RecurrentSpec) {
  return {
    name: layer.name,
    units: layer.units,
    activation: activationOf(layer.activation, 'tanh'),
    useBias: layer.useBias ?? true,
    returnSequences: layer.returnSequences ?? false,
    returnState: layer.returnState ?? false,
    goBackwards: layer.goBackwards ?? false,
    stateful: layer.stateful ?? false,
    dropout: layer.dropout ?? 0,
    recurrentDropout: layer.recurrentDropout ?? 0,
    kernelInitializer: layer.kernelInitializer ?? BOOK_DEFAULTS.kernelInitializer,
    recurrentInitializer: layer.recurrentInitializer ?? BOOK_DEFAULTS.recurrentInitializer,
  };
}

function buildRecurrent(layers: LayersApi, layer: RecurrentSpec, extra: object = {}): AnyLayer {
  const args = { ...recurrentArgs(layer), ...extra } as never;
  switch (layer.kind) {
    case 'simpleRNN':
      return layers.simpleRNN(args);
    case 'lstm':
      return layers.lstm({
        ...(args as object),
        recurrentActivation: activationOf(layer.recurrentActivation, BOOK_DEFAULTS.recurrentActivation),
        unitForgetBias: layer.unitForgetBias ?? BOOK_DEFAULTS.unitForgetBias,
      } as never);
    case 'gru':
      return layers.gru({
        ...(args as object),
        recurrentActivation: activationOf(layer.recurrentActivation, BOOK_DEFAULTS.recurrentActivation),
      } as never);
  }
}

/** One layer; the first layer of a Sequential also gets the input shape (and batch size, if fixed). */
export function buildLayer(layers: LayersApi, layer: LayerSpec, inputShape?: (number | null)[], batchSize?: number): AnyLayer {
  const first = !inputShape ? {} : batchSize ? { batchInputShape: [batchSize, ...inputShape] } : { inputShape };
  switch (layer.kind) {
    case 'embedding':
      return layers.embedding({ name: layer.name, inputDim: layer.inputDim, outputDim: layer.outputDim, ...first } as never);
    case 'dense':
      return layers.dense({
        name: layer.name,
        units: layer.units,
        activation: activationOf(layer.activation, 'linear'),
        useBias: layer.useBias ?? true,
        kernelInitializer: layer.kernelInitializer ?? BOOK_DEFAULTS.kernelInitializer,
        ...first,
      } as never);
    case 'dropout':
      return layers.dropout({ name: layer.name, rate: layer.rate, ...first } as never);
    case 'spatialDropout1d':
      return layers.spatialDropout1d({ name: layer.name, rate: layer.rate, ...first } as never);
    case 'bidirectional':
      return layers.bidirectional({
        name: layer.name,
        layer: buildRecurrent(layers, layer.layer) as never,
        // null is Keras' merge_mode=None (two outputs); passing undefined would silently concat.
        mergeMode: layer.mergeMode,
        ...first,
      } as never);
    default:
      return buildRecurrent(layers, layer, first);
  }
}

export function buildModel(tf: Tf, spec: ModelSpec) {
  refuseUnsupported(spec);
  const model = tf.sequential();
  // Inside tidy: tfjs' unitForgetBias initializer leaves four intermediate tensors behind otherwise
  // (variables survive a tidy, so the weights are untouched).
  tf.tidy(() => spec.layers.forEach((layer, i) => model.add(buildLayer(tf.layers, layer, i === 0 ? spec.inputShape : undefined, spec.batchSize))));
  return model;
}

export type TfModel = ReturnType<typeof buildModel>;
