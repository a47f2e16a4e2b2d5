/**
 * What the order widget computes: both sentences as bags of words over their shared vocabulary,
 * and both run through one small SimpleRNN with fixed seeded weights, so the numbers the chapter
 * quotes are the numbers every reader sees.
 */
import { bagsOfWords, l2Distance, type BagsOfWords } from '../../engine/bagOfWords';
import { matrix } from '../../engine/matrix';
import { seededRandom, uniformArray } from '../../engine/random';
import { simpleRnnForward, type SimpleRNNWeights } from '../../engine/simpleRnn';
import { tokenize } from '../../engine/text';
import { type EmbeddingOverrides, defaultTokenVector, embedTokens } from '../../engine/tokenVectors';

export const EMBEDDING_DIM = 4;
export const UNITS = 6;
export const MAX_TOKENS = 12;
export const WEIGHT_SEED = 7;

/**
 * Word groups that share one vector. A trained embedding would put such words close together;
 * here they are tied exactly, so swapping one for another cannot move the state at all.
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  ['faster', 'quicker', 'speedier'],
  ['film', 'movie'],
  ['big', 'large'],
];

const synonymVectors: EmbeddingOverrides = Object.fromEntries(
  SYNONYMS.flatMap((group) => group.map((word) => [word, defaultTokenVector(group[0], EMBEDDING_DIM)])),
);

/** SimpleRNN(6) on 4 features. The recurrent weights are large enough that earlier words still count. */
export function orderRnnWeights(seed = WEIGHT_SEED): SimpleRNNWeights {
  const random = seededRandom(seed);
  return {
    kernel: matrix(EMBEDDING_DIM, UNITS, uniformArray(EMBEDDING_DIM * UNITS, 0.9, random)),
    recurrentKernel: matrix(UNITS, UNITS, uniformArray(UNITS * UNITS, 0.7, random)),
    bias: uniformArray(UNITS, 0.2, random),
  };
}

const WEIGHTS = orderRnnWeights();

export interface SentenceRun {
  tokens: string[];
  /** True when the sentence had more than MAX_TOKENS words and was cut. */
  truncated: boolean;
  inputs: Float32Array[];
  /** h_t after each token. */
  states: Float32Array[];
  /** The last state; all zeros (h before any input) for an empty sentence. */
  final: Float32Array;
}

export function runSentence(text: string): SentenceRun {
  const all = tokenize(text);
  const tokens = all.slice(0, MAX_TOKENS);
  const inputs = embedTokens(tokens, EMBEDDING_DIM, synonymVectors);
  // #region listing:states-or-last
  // Every state, h_0 … h_{T-1}: what return_sequences=True hands on.
  const states = simpleRnnForward(inputs, WEIGHTS).map((step) => step.h);
  // Only the last: what return_sequences=False hands on (for an empty sentence, the zeros of h before any input).
  const final = states[states.length - 1] ?? new Float32Array(UNITS);
  // #endregion
  return { tokens, truncated: all.length > MAX_TOKENS, inputs, states, final };
}

export interface OrderComparison {
  runs: [SentenceRun, SentenceRun];
  bags: BagsOfWords;
  bagDistance: number;
  stateDistance: number;
}

export function compareSentences(first: string, second: string): OrderComparison {
  const runs: [SentenceRun, SentenceRun] = [runSentence(first), runSentence(second)];
  const bags = bagsOfWords(runs.map((r) => r.tokens));
  return { runs, bags, bagDistance: l2Distance(bags.vectors[0], bags.vectors[1]), stateDistance: l2Distance(runs[0].final, runs[1].final) };
}
