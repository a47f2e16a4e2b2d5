import { describe, expect, it } from 'vitest';
import { denseForward } from '../../src/engine/dense';
import { maxAbsDiff } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';
import { simpleRnnForward } from '../../src/engine/simpleRnn';
import type { ActivationName, ModelSpec } from '../../src/engine/spec';
import { ModelSession } from '../../src/tf/modelSession';
import { denseWeightsOf, simpleRnnWeightsOf } from '../../src/tf/weights';
import { flat, randomise, tf } from './recurrentParity';

describe('SimpleRNN: engine equals tfjs predict', () => {
  for (const [units, features, steps, activation, goBackwards] of [
    [1, 1, 2, 'tanh', false],
    [8, 5, 12, 'tanh', false],
    [6, 3, 9, 'relu', false],
    [4, 4, 7, 'sigmoid', true],
  ] as [number, number, number, ActivationName, boolean][]) {
    it(`${units} units, ${features} features, ${steps} steps, ${activation}${goBackwards ? ', backwards' : ''}`, () => {
      const spec: ModelSpec = {
        inputShape: [steps, features],
        layers: [
          { kind: 'simpleRNN', name: 'rnn', units, activation, goBackwards },
          { kind: 'dense', name: 'out', units: 3, activation: 'softmax' },
        ],
      };
      const session = new ModelSession(tf);
      const built = session.build(spec);
      const weights = randomise(built.weights, units * 31 + steps);
      session.setWeights(weights);

      const random = seededRandom(7);
      const xs = Array.from({ length: steps }, () => uniformArray(features, 1.5, random));
      const fromTf = session.predict(flat(xs), [1, steps, features]).values;

      const trace = simpleRnnForward(xs, simpleRnnWeightsOf(weights, 'rnn'), { activation: activation as 'tanh', goBackwards });
      const mine = denseForward(trace[trace.length - 1].h, denseWeightsOf(weights, 'out'), 'softmax').output;
      expect(maxAbsDiff(mine, fromTf)).toBeLessThan(1e-6);
      session.dispose();
    });
  }

  it('weights survive the round trip engine -> tfjs -> engine exactly', () => {
    const session = new ModelSession(tf);
    const built = session.build({ inputShape: [3, 2], layers: [{ kind: 'simpleRNN', name: 'rnn', units: 3 }] });
    const weights = randomise(built.weights, 3);
    session.setWeights(weights);
    expect(session.weights().map((w) => Array.from(w.values))).toEqual(weights.map((w) => Array.from(w.values)));
    expect(() => session.setWeights(weights.slice(1))).toThrow(/3 weight arrays but 2/);
    session.dispose();
  });
});
