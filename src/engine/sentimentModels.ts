/**
 * The sentiment classifiers at browser size, and their prediction computed by hand: look up each
 * id's row of the embedding, run the recurrent layers step by step (simpleRnn.ts, lstm.ts,
 * gru.ts), then the dense head. The head is also applied to every intermediate state, which
 * answers "what would the model say if the text ended here?" token by token.
 */
import { bidirectionalForward } from './bidirectional';
import { type DenseWeights, denseForward } from './dense';
import { type GRUWeights, gruForward } from './gru';
import { type LSTMWeights, lstmForward } from './lstm';
import type { Matrix } from './matrix';
import { type SimpleRNNWeights, simpleRnnForward } from './simpleRnn';
import type { ActivationName, BidirectionalSpec, LayerSpec, ModelSpec, RecurrentSpec } from './spec';

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
  /** A Dropout layer of this rate after every recurrent layer, as recipe 12 does (0 = none). */
  dropout?: number;
  /** Wrap every recurrent layer in Bidirectional(…, merge_mode='concat'), as recipe 13 does. */
  bidirectional?: boolean;
}

const CELL_NAMES: Record<SentimentCell, string> = { simpleRNN: 'rnn', lstm: 'lstm', gru: 'gru' };

/** Embedding → recurrent layer(s) [→ dropout] → Dense(classes, softmax), named like recipeModels' tweet models. */
export function sentimentSpec({ cell, vocabSize, maxlen, classes, embeddingDim = 32, units = 40, layers = 1, dropout = 0, bidirectional = false }: SentimentModelOptions): ModelSpec {
  const recurrent: LayerSpec[] = Array.from({ length: layers }, (_, i): LayerSpec[] => {
    const name = layers === 1 ? CELL_NAMES[cell] : `${CELL_NAMES[cell]}_${i + 1}`;
    const layer: RecurrentSpec = { kind: cell, name, units, returnSequences: i < layers - 1 };
    const wrapped: LayerSpec = bidirectional ? { kind: 'bidirectional', name: `bi${name}`, layer, mergeMode: 'concat' } : layer;
    return dropout > 0 ? [wrapped, { kind: 'dropout', name: layers === 1 ? 'dropout' : `dropout_${i + 1}`, rate: dropout }] : [wrapped];
  }).flat();
  return {
    inputShape: [maxlen],
    layers: [{ kind: 'embedding', name: 'embedding', inputDim: vocabSize, outputDim: embeddingDim }, ...recurrent, { kind: 'dense', name: 'out', units: classes, activation: 'softmax' }],
  };
}

export type RecurrentLayerWeights =
  | { spec: RecurrentSpec & { kind: 'simpleRNN' }; weights: SimpleRNNWeights }
  | { spec: RecurrentSpec & { kind: 'lstm' }; weights: LSTMWeights }
  | { spec: RecurrentSpec & { kind: 'gru' }; weights: GRUWeights };

/** Two copies of one recurrent layer, each with its own weights (bidirectional.ts). */
export interface BidirectionalLayerWeights {
  spec: BidirectionalSpec;
  forward: RecurrentLayerWeights;
  backward: RecurrentLayerWeights;
}

export interface HandClassifier {
  /** [vocabSize, dim]: row r is word id r's vector. */
  embedding: Matrix;
  recurrent: (RecurrentLayerWeights | BidirectionalLayerWeights)[];
  dense: { weights: DenseWeights; activation: ActivationName }[];
}

export interface HandStep {
  id: number;
  /**
   * The last recurrent layer's state after this step. For a bidirectional layer: the forward
   * state here joined with the backward state here (which has read from the end back to here).
   */
  h: Float32Array;
  /** The head applied to h: for a one-way model, the prediction if the text stopped here. */
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

/** A bidirectional layer's output: the merged sequence, or only [h→ last, h← last] at the top. */
function runBidirectional(layer: BidirectionalLayerWeights, inputs: Float32Array[]): { sequence: Float32Array[]; last: Float32Array } {
  if (layer.spec.mergeMode === null) throw new Error('The hand-computed view needs a merge mode (concat, sum, mul or ave).');
  const trace = bidirectionalForward(inputs, (x) => runRecurrent(layer.forward, x), (x) => runRecurrent(layer.backward, x), layer.spec.mergeMode);
  return { sequence: trace.merged, last: trace.last };
}

const head = (model: HandClassifier, h: Float32Array) => model.dense.reduce((x, d) => denseForward(x, d.weights, d.activation).output, h);

/** The model's prediction for one padded id sequence, with every step's state and output. */
export function classifyByHand(ids: readonly number[], model: HandClassifier): { steps: HandStep[]; output: Float32Array } {
  const { rows, cols, data } = model.embedding;
  let sequence: Float32Array[] = ids.map((id) => {
    if (!(id >= 0 && id < rows)) throw new Error(`Word id ${id} is outside the embedding (0 to ${rows - 1}).`);
    return data.slice(id * cols, (id + 1) * cols);
  });
  // What the last layer hands the head when it does not return sequences, if that differs from its last step.
  let final: Float32Array | null = null;
  model.recurrent.forEach((layer) => {
    if ('forward' in layer) {
      const out = runBidirectional(layer, sequence);
      sequence = out.sequence;
      final = out.last;
    } else {
      sequence = runRecurrent(layer, sequence);
      final = null;
    }
  });
  const steps = sequence.map((h, t) => ({ id: ids[t], h, output: head(model, h) }));
  const output = final ? head(model, final) : (steps[steps.length - 1]?.output ?? new Float32Array(0));
  return { steps, output };
}
