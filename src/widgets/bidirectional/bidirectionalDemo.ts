/**
 * The bidirectional demo's fixed network: a word → 4-number table (tokenVectors.ts) and two
 * copies of a small recurrent layer, forward and backward, each with its own seeded weights, so
 * every reader sees the same numbers for the same sentence.
 */
import { bidirectionalForward, type BidirectionalTrace } from '../../engine/bidirectional';
import type { FusedWeights } from '../../engine/gates';
import { lstmForward } from '../../engine/lstm';
import { matrix } from '../../engine/matrix';
import { seededRandom, uniformArray } from '../../engine/random';
import { simpleRnnForward } from '../../engine/simpleRnn';
import { embedTokens, tokenizeSentence } from '../../engine/tokenVectors';

export type DemoCell = 'simpleRNN' | 'lstm';

export const DEMO_FEATURES = 4;
export const DEMO_UNITS = 3;
export const DEMO_MAX_TOKENS = 8;

function seededWeights(cell: DemoCell, seed: number): FusedWeights {
  const width = (cell === 'lstm' ? 4 : 1) * DEMO_UNITS;
  const random = seededRandom(seed);
  return {
    kernel: matrix(DEMO_FEATURES, width, uniformArray(DEMO_FEATURES * width, 0.9, random)),
    recurrentKernel: matrix(DEMO_UNITS, width, uniformArray(DEMO_UNITS * width, 0.7, random)),
    bias: uniformArray(width, 0.2, random),
  };
}

/** The two copies differ only in their seed: same shapes, separate weights. */
export const demoWeights = (cell: DemoCell) => ({ forward: seededWeights(cell, 13), backward: seededWeights(cell, 31) });

const runner = (cell: DemoCell, weights: FusedWeights) => (inputs: Float32Array[]) =>
  cell === 'lstm' ? lstmForward(inputs, weights).map((s) => s.h) : simpleRnnForward(inputs, weights).map((s) => s.h);

export interface DemoRun extends BidirectionalTrace {
  tokens: string[];
  truncated: boolean;
}

/** Null when the text has no token. */
export function runDemo(text: string, cell: DemoCell): DemoRun | null {
  const { tokens, truncated } = tokenizeSentence(text, DEMO_MAX_TOKENS);
  if (tokens.length === 0) return null;
  const weights = demoWeights(cell);
  const trace = bidirectionalForward(embedTokens(tokens, DEMO_FEATURES), runner(cell, weights.forward), runner(cell, weights.backward));
  return { tokens, truncated, ...trace };
}
