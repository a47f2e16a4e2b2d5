/** The trained "hello" model run by the engine: one SimpleRNN step and one Dense per character. */
import type { CharVocabulary } from '../../engine/charBatches';
import { denseForward } from '../../engine/dense';
import { simpleRnnForward } from '../../engine/simpleRnn';
import type { NamedWeight } from '../../tf/types';
import { denseWeightsOf, simpleRnnWeightsOf } from '../../tf/weights';

export interface HelloStep {
  x: Float32Array;
  h: Float32Array;
  logits: Float32Array;
  probs: Float32Array;
}

export const oneHot = (char: string, vocab: CharVocabulary) => Float32Array.from(vocab.chars, (c) => (c === char ? 1 : 0));

/** Reads `chars` from `state` (zeros when omitted); returns every step. */
export function helloForward(weights: NamedWeight[], vocab: CharVocabulary, chars: string, state?: Float32Array): HelloStep[] {
  const rnn = simpleRnnWeightsOf(weights, 'rnn');
  const out = denseWeightsOf(weights, 'next_char');
  return simpleRnnForward([...chars].map((c) => oneHot(c, vocab)), rnn, { initialState: state }).map((step) => {
    const dense = denseForward(step.h, out, 'softmax');
    return { x: step.x, h: step.h, logits: dense.preActivation, probs: dense.output };
  });
}
