import { describe, expect, it } from 'vitest';
import { gruForward } from '../../src/engine/gru';
import { maxAbsDiff } from '../../src/engine/matrix';
import type { GRUSpec, ModelSpec } from '../../src/engine/spec';
import { ModelSession } from '../../src/tf/modelSession';
import type { NamedWeight } from '../../src/tf/types';
import { gruWeightsOf, replaceLayerWeights } from '../../src/tf/weights';
import { type EngineRun, engineVersusTfjs, flat, parityCases, randomise, tf } from './recurrentParity';

describe('GRU (reset_after=False): engine equals tfjs predict', () => {
  for (const c of parityCases()) {
    it(c.name, () => {
      const layer: GRUSpec = { kind: 'gru', name: 'rnn', units: c.units, recurrentActivation: c.recurrentActivation, returnSequences: c.returnSequences, goBackwards: c.goBackwards };
      const run: EngineRun = (xs, weights) => gruForward(xs, gruWeightsOf(weights, 'rnn'), { recurrentActivation: c.recurrentActivation, goBackwards: c.goBackwards }).map((s) => s.h);
      expect(engineVersusTfjs(layer, c.features, c.steps, run)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('weights changed in the engine and pushed into tfjs give the engine’s output there too', () => {
    const spec: ModelSpec = { inputShape: [5, 2], layers: [{ kind: 'gru', name: 'rnn', units: 2 }] };
    const session = new ModelSession(tf);
    const weights = randomise(session.build(spec).weights, 9);
    const engine = gruWeightsOf(weights, 'rnn');
    if (engine.resetAfter) throw new Error('tfjs built a reset_after GRU');
    // A reader drags the recurrent weight from unit 1 into unit 0's candidate (row 1, column 2·units).
    const dragged = { ...engine, recurrentKernel: { ...engine.recurrentKernel, data: Float32Array.from(engine.recurrentKernel.data, (v, k) => (k === 6 + 4 ? v + 2 : v)) } };
    session.setWeights(replaceLayerWeights(weights, 'rnn', dragged));
    const xs = Array.from({ length: 5 }, (_, t) => Float32Array.of(t / 5, 1 - t / 5));
    const fromTf = session.predict(flat(xs), [1, 5, 2]).values;
    session.dispose();
    expect(maxAbsDiff(gruForward(xs, dragged).at(-1)!.h, fromTf)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(gruForward(xs, engine).at(-1)!.h, fromTf)).toBeGreaterThan(1e-3);
  });

  it('tfjs refuses reset_after=True, and a [2, 3·units] bias is read as that variant', () => {
    const session = new ModelSession(tf);
    expect(() => session.build({ inputShape: [3, 2], layers: [{ kind: 'gru', name: 'rnn', units: 2, resetAfter: true }] })).toThrow(/reset_after/);
    const keras2: NamedWeight[] = [
      { name: 'gru/kernel', shape: [2, 6], values: new Float32Array(12) },
      { name: 'gru/recurrent_kernel', shape: [2, 6], values: new Float32Array(12) },
      { name: 'gru/bias', shape: [2, 6], values: Float32Array.from({ length: 12 }, (_, k) => k) },
    ];
    const read = gruWeightsOf(keras2, 'gru');
    expect(read.resetAfter).toBe(true);
    expect(read.resetAfter && [read.bias.rows, read.bias.cols]).toEqual([2, 6]);
  });
});
