/**
 * Every model the source texts print a summary for, at the size they print it. Chapters show
 * these; tests count them with the engine and build them in tfjs, so each printed number is
 * checked twice. Layer names are explicit because tfjs otherwise numbers them with global
 * counters and truncates them in summary().
 */
import type { LSTMSpec, LayerSpec, ModelSpec } from './spec';

const lstm = (name: string, units: number, returnSequences = false): LSTMSpec => ({ kind: 'lstm', name, units, returnSequences });

/** Recipe 3: the toy RNN that reads two word ids as plain numbers. */
export const toyRnn: ModelSpec = {
  inputShape: [2, 1],
  layers: [
    { kind: 'simpleRNN', name: 'rnn', units: 1, activation: 'tanh', recurrentInitializer: 'zeros' },
    { kind: 'dense', name: 'out', units: 5, activation: 'softmax' },
  ],
};

/** Recipe 6: the same toy with an LSTM cell. */
export const toyLstm: ModelSpec = {
  inputShape: [2, 1],
  layers: [
    { kind: 'lstm', name: 'lstm', units: 1, recurrentInitializer: 'zeros' },
    { kind: 'dense', name: 'out', units: 5, activation: 'softmax' },
  ],
};

/** Recipes 4, 7, 8: airline tweets, 12,533 words, 26 ids per tweet. */
export function tweetClassifier(recurrent: LayerSpec[]): ModelSpec {
  return {
    inputShape: [26],
    layers: [{ kind: 'embedding', name: 'embedding', inputDim: 12533, outputDim: 32 }, ...recurrent, { kind: 'dense', name: 'out', units: 2, activation: 'softmax' }],
  };
}
export const tweetRnn = tweetClassifier([{ kind: 'simpleRNN', name: 'rnn', units: 40 }]);
export const tweetLstm = tweetClassifier([lstm('lstm', 40)]);
export const tweetStackedLstm = tweetClassifier([lstm('lstm_1', 40, true), lstm('lstm_2', 40)]);

/** Recipe 8 and 9 (seed 001): SimpleRNN(128) on 10 features, then two more stacked on it. */
export const rnn128: ModelSpec = {
  inputShape: [null, 10],
  layers: [
    { kind: 'simpleRNN', name: 'rnn', units: 128 },
    { kind: 'dense', name: 'out', units: 1 },
  ],
};
export const stackedRnn128: ModelSpec = {
  inputShape: [null, 10],
  layers: [
    { kind: 'simpleRNN', name: 'rnn_1', units: 128, returnSequences: true },
    { kind: 'simpleRNN', name: 'rnn_2', units: 128, returnSequences: true },
    { kind: 'simpleRNN', name: 'rnn_3', units: 128 },
    { kind: 'dense', name: 'out', units: 1 },
  ],
};

/** Recipes 10 and 11 (seed 003): IMDB with a 10,000-word embedding of width 32. */
function imdb(recurrent: LayerSpec[], withHead: boolean): ModelSpec {
  return {
    inputShape: [null],
    layers: [
      { kind: 'embedding', name: 'embedding', inputDim: 10000, outputDim: 32 },
      ...recurrent,
      ...(withHead ? [{ kind: 'dense', name: 'out', units: 1, activation: 'sigmoid' } as const] : []),
    ],
  };
}
/** The source's first two summaries: one SimpleRNN(32) without a head, last state or whole sequence (322,080 each). */
export const imdbRnnLastState = imdb([{ kind: 'simpleRNN', name: 'rnn', units: 32 }], false);
export const imdbRnnSequences = imdb([{ kind: 'simpleRNN', name: 'rnn', units: 32, returnSequences: true }], false);
export const imdbRnn = imdb([{ kind: 'simpleRNN', name: 'rnn', units: 32 }], true);
export const imdbStackedRnn = imdb(
  [1, 2, 3, 4].map((i) => ({ kind: 'simpleRNN', name: `rnn_${i}`, units: 32, returnSequences: i < 4 }) as const),
  false,
);
export const imdbLstm = imdb([lstm('lstm', 32)], true);
/** Keras 2's GRU keeps two bias vectors (reset_after=True); tfjs builds only the one-bias form. */
export const imdbGruKeras = imdb([{ kind: 'gru', name: 'gru', units: 32, resetAfter: true }], true);
export const imdbGruTfjs = imdb([{ kind: 'gru', name: 'gru', units: 32, resetAfter: false }], true);

/** Recipe 12 (seed 002): 1,000 words, 20 ids, width 8, two LSTM(256) with dropout. */
export const imdbStackedLstmDropout: ModelSpec = {
  inputShape: [20],
  layers: [
    { kind: 'embedding', name: 'embedding', inputDim: 1000, outputDim: 8 },
    lstm('lstm_1', 256, true),
    { kind: 'dropout', name: 'dropout_1', rate: 0.5 },
    lstm('lstm_2', 256),
    { kind: 'dropout', name: 'dropout_2', rate: 0.5 },
    { kind: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
};

/** Recipe 13 (seed 002): the bidirectional LSTM with a wide dense head, with the source's dropout rates. */
export const imdbBiLstm: ModelSpec = {
  inputShape: [20],
  layers: [
    { kind: 'embedding', name: 'embedding', inputDim: 1000, outputDim: 8 },
    { kind: 'spatialDropout1d', name: 'spatial_dropout', rate: 0.3 },
    { kind: 'bidirectional', name: 'bilstm', layer: { ...lstm('lstm', 100), dropout: 0.3, recurrentDropout: 0.3 }, mergeMode: 'concat' },
    { kind: 'dense', name: 'dense_1', units: 1024, activation: 'relu' },
    { kind: 'dropout', name: 'dropout_1', rate: 0.8 },
    { kind: 'dense', name: 'dense_2', units: 1024, activation: 'relu' },
    { kind: 'dropout', name: 'dropout_2', rate: 0.8 },
    { kind: 'dense', name: 'out', units: 2, activation: 'softmax' },
  ],
};
