/** The trained "hello" model run by the engine: one SimpleRNN step and one Dense per character. */
import { denseForward } from '../../engine/dense';
import { simpleRnnForward } from '../../engine/simpleRnn';
import { HELLO_VOCAB } from '../../state/helloLmStore';
import type { NamedWeight } from '../../tf/types';
import { denseWeightsOf, simpleRnnWeightsOf } from '../../tf/weights';

export interface HelloStep {
  x: Float32Array;
  h: Float32Array;
  logits: Float32Array;
  probs: Float32Array;
}

export const oneHot = (char: string) => Float32Array.from(HELLO_VOCAB.chars, (c) => (c === char ? 1 : 0));

/** Reads `chars` from `state` (zeros when omitted); returns every step. */
export function helloForward(weights: NamedWeight[], chars: string, state?: Float32Array): HelloStep[] {
  const rnn = simpleRnnWeightsOf(weights, 'rnn');
  const out = denseWeightsOf(weights, 'next_char');
  return simpleRnnForward([...chars].map(oneHot), rnn, { initialState: state }).map((step) => {
    const dense = denseForward(step.h, out, 'softmax');
    return { x: step.x, h: step.h, logits: dense.preActivation, probs: dense.output };
  });
}
