/**
 * The one declarative description of a model. The engine counts its parameters and infers its
 * shapes; src/tf builds the same description into a real tfjs model. Keeping a single type means
 * the arithmetic a chapter prints and the model it trains can never describe different networks.
 *
 * Names follow Keras (units, returnSequences, ...) in camelCase, as tfjs spells them.
 */

export type ActivationName = 'tanh' | 'sigmoid' | 'hard_sigmoid' | 'relu' | 'linear' | 'softmax';

export type InitializerName = 'zeros' | 'ones' | 'glorotUniform' | 'glorotNormal' | 'orthogonal';

interface RecurrentCommon {
  name: string;
  units: number;
  activation?: ActivationName;
  useBias?: boolean;
  returnSequences?: boolean;
  returnState?: boolean;
  goBackwards?: boolean;
  stateful?: boolean;
  dropout?: number;
  recurrentDropout?: number;
  kernelInitializer?: InitializerName;
  recurrentInitializer?: InitializerName;
}

export interface SimpleRNNSpec extends RecurrentCommon {
  kind: 'simpleRNN';
}

export interface LSTMSpec extends RecurrentCommon {
  kind: 'lstm';
  recurrentActivation?: ActivationName;
  unitForgetBias?: boolean;
}

export interface GRUSpec extends RecurrentCommon {
  kind: 'gru';
  recurrentActivation?: ActivationName;
  /**
   * True (tf.keras' default since TensorFlow 2; standalone Keras 2.2 defaulted to false) keeps a
   * second bias for the recurrent half; tfjs only has false.
   */
  resetAfter?: boolean;
}

export type RecurrentSpec = SimpleRNNSpec | LSTMSpec | GRUSpec;

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

export interface BidirectionalSpec {
  kind: 'bidirectional';
  name: string;
  layer: RecurrentSpec;
  mergeMode: MergeMode;
}

export interface EmbeddingSpec {
  kind: 'embedding';
  name: string;
  inputDim: number;
  outputDim: number;
}

export interface DenseSpec {
  kind: 'dense';
  name: string;
  units: number;
  activation?: ActivationName;
  useBias?: boolean;
  kernelInitializer?: InitializerName;
}

export interface DropoutSpec {
  kind: 'dropout' | 'spatialDropout1d';
  name: string;
  rate: number;
}

export type LayerSpec = RecurrentSpec | BidirectionalSpec | EmbeddingSpec | DenseSpec | DropoutSpec;

export interface ModelSpec {
  /** Shape of one example, without the batch axis: [timesteps, features] or [timesteps] for ids. */
  inputShape: (number | null)[];
  layers: LayerSpec[];
  /** A fixed batch size (Keras' batch_size / tfjs' batchInputShape); a stateful layer needs one. Omitted = None. */
  batchSize?: number;
}

export function isRecurrent(layer: LayerSpec): layer is RecurrentSpec {
  return layer.kind === 'simpleRNN' || layer.kind === 'lstm' || layer.kind === 'gru';
}
