/**
 * The engine's bidirectional layer (reverse, run, reverse back, concatenate) against tfjs'
 * Bidirectional with the same seeded weights: every step with return_sequences, the single
 * [h→_last, h←_first] vector without it, and a whole bidirectional sentiment classifier computed
 * by hand (classifyByHand) against its tfjs predict.
 */
import { describe, expect, it } from 'vitest';
import { bidirectionalForward } from '../../src/engine/bidirectional';
import { gruForward } from '../../src/engine/gru';
import { lstmForward } from '../../src/engine/lstm';
import { maxAbsDiff } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';
import { classifyByHand, sentimentSpec } from '../../src/engine/sentimentModels';
import { simpleRnnForward } from '../../src/engine/simpleRnn';
import type { ModelSpec, RecurrentSpec } from '../../src/engine/spec';
import { ModelSession } from '../../src/tf/modelSession';
import { handClassifierOf } from '../../src/tf/sentimentWeights';
import { gruWeightsOf, lstmWeightsOf, simpleRnnWeightsOf } from '../../src/tf/weights';
import type { NamedWeight } from '../../src/tf/types';
import { flat, randomise, tf } from './recurrentParity';

function runnerOf(layer: RecurrentSpec, weights: NamedWeight[], prefix: string) {
  switch (layer.kind) {
    case 'simpleRNN': {
      const w = simpleRnnWeightsOf(weights, prefix);
      return (xs: Float32Array[]) => simpleRnnForward(xs, w).map((s) => s.h);
    }
    case 'lstm': {
      const w = lstmWeightsOf(weights, prefix);
      return (xs: Float32Array[]) => lstmForward(xs, w).map((s) => s.h);
    }
    case 'gru': {
      const w = gruWeightsOf(weights, prefix);
      return (xs: Float32Array[]) => gruForward(xs, w).map((s) => s.h);
    }
  }
}

describe('Bidirectional: engine (reverse, run, reverse back, concat) equals tfjs', () => {
  const cells: RecurrentSpec['kind'][] = ['simpleRNN', 'lstm', 'gru'];
  for (const kind of cells) {
    for (const returnSequences of [true, false]) {
      it(`${kind}, ${returnSequences ? 'every step' : 'last vector'}`, () => {
        const units = 3;
        const features = 4;
        const steps = 5;
        const layer = { kind, name: 'cell', units, returnSequences } as RecurrentSpec;
        const spec: ModelSpec = { inputShape: [steps, features], layers: [{ kind: 'bidirectional', name: 'bi', layer, mergeMode: 'concat' }] };
        const session = new ModelSession(tf);
        const weights = randomise(session.build(spec).weights, 7 + units);
        session.setWeights(weights);
        const random = seededRandom(11);
        const xs = Array.from({ length: steps }, () => uniformArray(features, 1.5, random));
        const fromTf = session.predict(flat(xs), [1, steps, features]);
        session.dispose();

        const trace = bidirectionalForward(xs, runnerOf(layer, weights, 'bi/forward_cell'), runnerOf(layer, weights, 'bi/backward_cell'));
        expect(fromTf.shape).toEqual(returnSequences ? [1, steps, 2 * units] : [1, 2 * units]);
        const mine = returnSequences ? flat(trace.merged) : trace.last;
        expect(maxAbsDiff(mine, fromTf.values)).toBeLessThan(1e-5);
        // The two halves really are the two directions: h→ of the last token, h← of the first.
        expect(Array.from(trace.last.slice(0, units))).toEqual(Array.from(trace.forward[steps - 1]));
        expect(Array.from(trace.last.slice(units))).toEqual(Array.from(trace.backward[0]));
      });
    }
  }

  it('a bidirectional LSTM sentiment classifier by hand equals its tfjs predict', () => {
    const spec = sentimentSpec({ cell: 'lstm', vocabSize: 30, maxlen: 6, classes: 2, embeddingDim: 4, units: 3, bidirectional: true, dropout: 0.5 });
    expect(spec.layers.map((l) => l.kind)).toEqual(['embedding', 'bidirectional', 'dropout', 'dense']);
    const session = new ModelSession(tf);
    const weights = randomise(session.build(spec).weights, 5);
    session.setWeights(weights);
    const ids = [0, 0, 4, 17, 2, 29];
    const fromTf = session.predict(Float32Array.from(ids), [1, ids.length]).values;
    session.dispose();
    const { output, steps } = classifyByHand(ids, handClassifierOf(spec, weights));
    expect(steps).toHaveLength(ids.length);
    expect(steps[0].h).toHaveLength(6);
    expect(maxAbsDiff(output, fromTf)).toBeLessThan(1e-5);
  });

  it('two stacked bidirectional GRUs by hand equal tfjs', () => {
    const spec = sentimentSpec({ cell: 'gru', vocabSize: 20, maxlen: 5, classes: 3, embeddingDim: 3, units: 2, layers: 2, bidirectional: true });
    const session = new ModelSession(tf);
    const weights = randomise(session.build(spec).weights, 9);
    session.setWeights(weights);
    const ids = [3, 1, 19, 0, 7];
    const fromTf = session.predict(Float32Array.from(ids), [1, ids.length]).values;
    session.dispose();
    expect(maxAbsDiff(classifyByHand(ids, handClassifierOf(spec, weights)).output, fromTf)).toBeLessThan(1e-5);
  });
});
