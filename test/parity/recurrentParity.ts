/**
 * The shared shape of every recurrent parity test: build a layer in tfjs with seeded random
 * weights, run one seeded random sequence through tfjs and through the engine, and return the
 * largest difference — over every step's h with returnSequences, else over the logits of a
 * linear Dense on the last h (the model shape the chapters train).
 */
import { denseForward } from '../../src/engine/dense';
import { maxAbsDiff } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';
import type { ModelSpec, RecurrentSpec } from '../../src/engine/spec';
import { ModelSession } from '../../src/tf/modelSession';
import type { NamedWeight } from '../../src/tf/types';
import { denseWeightsOf } from '../../src/tf/weights';
import { cpuTf } from './tfjs';

export const tf = await cpuTf();

export function randomise(weights: NamedWeight[], seed: number): NamedWeight[] {
  const random = seededRandom(seed);
  return weights.map((w) => ({ ...w, values: uniformArray(w.values.length, 0.8, random) }));
}

export const flat = (xs: ArrayLike<number>[]) => Float32Array.from(xs.flatMap((x) => Array.from(x)));

/** Runs the engine on the tfjs layer's own weights; returns each step's h in reading order. */
export type EngineRun = (xs: Float32Array[], weights: NamedWeight[]) => Float32Array[];

export function engineVersusTfjs(layer: RecurrentSpec, features: number, steps: number, engine: EngineRun): number {
  const spec: ModelSpec = {
    inputShape: [steps, features],
    layers: layer.returnSequences ? [layer] : [layer, { kind: 'dense', name: 'out', units: 3, activation: 'linear' }],
  };
  const session = new ModelSession(tf);
  const weights = randomise(session.build(spec).weights, layer.units * 131 + features * 17 + steps);
  session.setWeights(weights);
  const random = seededRandom(steps + features);
  const xs = Array.from({ length: steps }, () => uniformArray(features, 1.5, random));
  const fromTf = session.predict(flat(xs), [1, steps, features]).values;
  session.dispose();

  const hs = engine(xs, weights);
  const mine = layer.returnSequences ? flat(hs) : denseForward(hs[hs.length - 1], denseWeightsOf(weights, 'out')).output;
  return maxAbsDiff(mine, fromTf);
}

/** Every combination the LSTM and GRU parity tests cover. */
export function* parityCases() {
  for (const [units, features, steps] of [
    [1, 1, 10],
    [4, 3, 20],
    [8, 5, 40],
  ]) {
    for (const recurrentActivation of ['sigmoid', 'hard_sigmoid'] as const) {
      for (const returnSequences of [false, true]) {
        for (const goBackwards of [false, true]) {
          const name = `${units} units, ${features} features, ${steps} steps, ${recurrentActivation}, ${returnSequences ? 'every step' : 'last step → Dense'}${goBackwards ? ', backwards' : ''}`;
          yield { name, units, features, steps, recurrentActivation, returnSequences, goBackwards };
        }
      }
    }
  }
}
