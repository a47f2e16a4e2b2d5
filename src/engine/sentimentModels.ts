/**
 * The sentiment classifiers at browser size, and their prediction computed by hand: look up each
 * id's row of the embedding, run the recurrent layers step by step (simpleRnn.ts, lstm.ts,
 * gru.ts), then the dense head. The head is also applied to every intermediate state, which
 * answers "what would the model say if the text ended here?" token by token.
 */
import { type DenseWeights, denseForward } from './dense';
import { type GRUWeights, gruForward } from './gru';
import { type LSTMWeights, lstmForward } from './lstm';
import type { Matrix } from './matrix';
import { type SimpleRNNWeights, simpleRnnForward } from './simpleRnn';
import type { ActivationName, LayerSpec, ModelSpec, RecurrentSpec } from './spec';

export type SentimentCell = 'simpleRNN' | 'lstm' | 'gru';

export interface SentimentModelOptions {
  cell: SentimentCell;
  vocabSize: number;
  maxlen: number;
  classes: number;
  embeddingDim?: number;
  units?: number;
  /** Recurrent layers stacked; all but the last return sequences. */
  layers?: number;
}

const CELL_NAMES: Record<SentimentCell, string> = { simpleRNN: 'rnn', lstm: 'lstm', gru: 'gru' };

/** Embedding → recurrent layer(s) → Dense(classes, softmax), named like recipeModels' tweet models. */
export function sentimentSpec({ cell, vocabSize, maxlen, classes, embeddingDim = 32, units = 40, layers = 1 }: SentimentModelOptions): ModelSpec {
  const recurrent: LayerSpec[] = Array.from({ length: layers }, (_, i) => ({
    kind: cell,
    name: layers === 1 ? CELL_NAMES[cell] : `${CELL_NAMES[cell]}_${i + 1}`,
    units,
    returnSequences: i < layers - 1,
  }));
  return {
    inputShape: [maxlen],
    layers: [{ kind: 'embedding', name: 'embedding', inputDim: vocabSize, outputDim: embeddingDim }, ...recurrent, { kind: 'dense', name: 'out', units: classes, activation: 'softmax' }],
  };
}

export type RecurrentLayerWeights =
  | { spec: RecurrentSpec & { kind: 'simpleRNN' }; weights: SimpleRNNWeights }
  | { spec: RecurrentSpec & { kind: 'lstm' }; weights: LSTMWeights }
  | { spec: RecurrentSpec & { kind: 'gru' }; weights: GRUWeights };

export interface HandClassifier {
  /** [vocabSize, dim]: row r is word id r's vector. */
  embedding: Matrix;
  recurrent: RecurrentLayerWeights[];
  dense: { weights: DenseWeights; activation: ActivationName }[];
}

export interface HandStep {
  id: number;
  /** The last recurrent layer's state after this step. */
  h: Float32Array;
  /** The head applied to h: the prediction if the text stopped here. */
  output: Float32Array;
}

function runRecurrent(layer: RecurrentLayerWeights, inputs: Float32Array[]): Float32Array[] {
  const options = { activation: (layer.spec.activation ?? 'tanh') as never, goBackwards: layer.spec.goBackwards };
  switch (layer.spec.kind) {
    case 'simpleRNN':
      return simpleRnnForward(inputs, layer.weights as SimpleRNNWeights, options).map((s) => s.h);
    case 'lstm':
      return lstmForward(inputs, layer.weights as LSTMWeights, { ...options, recurrentActivation: (layer.spec.recurrentActivation ?? 'sigmoid') as never }).map((s) => s.h);
    case 'gru':
      return gruForward(inputs, layer.weights as GRUWeights, { ...options, recurrentActivation: (layer.spec.recurrentActivation ?? 'sigmoid') as never }).map((s) => s.h);
  }
}

const head = (model: HandClassifier, h: Float32Array) => model.dense.reduce((x, d) => denseForward(x, d.weights, d.activation).output, h);

/** The model's prediction for one padded id sequence, with every step's state and output. */
export function classifyByHand(ids: readonly number[], model: HandClassifier): { steps: HandStep[]; output: Float32Array } {
  const { rows, cols, data } = model.embedding;
  let sequence: Float32Array[] = ids.map((id) => {
    if (!(id >= 0 && id < rows)) throw new Error(`Word id ${id} is outside the embedding (0 to ${rows - 1}).`);
    return data.slice(id * cols, (id + 1) * cols);
  });
  model.recurrent.forEach((layer) => {
    sequence = runRecurrent(layer, sequence);
  });
  const steps = sequence.map((h, t) => ({ id: ids[t], h, output: head(model, h) }));
  return { steps, output: steps[steps.length - 1]?.output ?? new Float32Array(0) };
}
