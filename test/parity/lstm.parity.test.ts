import { describe, expect, it } from 'vitest';
import { lstmForward } from '../../src/engine/lstm';
import { matrix, maxAbsDiff } from '../../src/engine/matrix';
import type { LSTMSpec, ModelSpec } from '../../src/engine/spec';
import { ModelSession } from '../../src/tf/modelSession';
import { lstmWeightsOf, replaceLayerWeights } from '../../src/tf/weights';
import { type EngineRun, engineVersusTfjs, flat, parityCases, randomise, tf } from './recurrentParity';

describe('LSTM: engine equals tfjs predict', () => {
  for (const c of parityCases()) {
    it(c.name, () => {
      const layer: LSTMSpec = { kind: 'lstm', name: 'rnn', units: c.units, recurrentActivation: c.recurrentActivation, returnSequences: c.returnSequences, goBackwards: c.goBackwards };
      const run: EngineRun = (xs, weights) => lstmForward(xs, lstmWeightsOf(weights, 'rnn'), { recurrentActivation: c.recurrentActivation, goBackwards: c.goBackwards }).map((s) => s.h);
      expect(engineVersusTfjs(layer, c.features, c.steps, run)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('without a bias (useBias: false) the engine runs on a zero bias', () => {
    const spec: ModelSpec = { inputShape: [6, 2], layers: [{ kind: 'lstm', name: 'rnn', units: 3, useBias: false, returnSequences: true }] };
    const session = new ModelSession(tf);
    const weights = randomise(session.build(spec).weights, 5);
    expect(weights).toHaveLength(2);
    session.setWeights(weights);
    const xs = Array.from({ length: 6 }, (_, t) => Float32Array.of(Math.sin(t), Math.cos(t)));
    const fromTf = session.predict(flat(xs), [1, 6, 2]).values;
    session.dispose();
    const mine = lstmForward(xs, lstmWeightsOf(weights, 'rnn')).flatMap((s) => Array.from(s.h));
    expect(maxAbsDiff(mine, fromTf)).toBeLessThanOrEqual(1e-5);
  });

  it('weights changed in the engine and pushed into tfjs give the engine’s output there too', () => {
    const spec: ModelSpec = { inputShape: [5, 2], layers: [{ kind: 'lstm', name: 'rnn', units: 2 }] };
    const session = new ModelSession(tf);
    const weights = randomise(session.build(spec).weights, 9);
    const engine = lstmWeightsOf(weights, 'rnn');
    // A reader drags the forget-gate bias of unit 0 (column units + 0) far up.
    const dragged = { ...engine, bias: Float32Array.from(engine.bias, (v, j) => (j === 2 ? v + 3 : v)) };
    session.setWeights(replaceLayerWeights(weights, 'rnn', dragged));
    const xs = Array.from({ length: 5 }, (_, t) => Float32Array.of(t / 5, 1 - t / 5));
    const fromTf = session.predict(flat(xs), [1, 5, 2]).values;
    session.dispose();
    const draggedH = lstmForward(xs, dragged).at(-1)!.h;
    expect(maxAbsDiff(draggedH, fromTf)).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(lstmForward(xs, engine).at(-1)!.h, fromTf)).toBeGreaterThan(1e-3);
    expect(() => replaceLayerWeights(weights, 'rnn', { kernel: matrix(2, 4) })).toThrow(/rnn\/kernel(_\d+)? is 2×8 but the engine's kernel is 2×4/);
  });

  // Chapters 6 and 7 say the book does not copy Keras' unit_forget_bias=True and orthogonal
  // recurrent kernel: a fresh book LSTM has every bias 0 and U inside glorot-uniform's bound.
  it("a fresh book LSTM(40) on 32 features: all 160 biases 0, U glorot-uniform (|u| ≤ √(6/(40+160))), not Keras' start", () => {
    const spec: ModelSpec = { inputShape: [26, 32], layers: [{ kind: 'lstm', name: 'rnn', units: 40 }] };
    const session = new ModelSession(tf);
    const { bias, recurrentKernel } = lstmWeightsOf(session.build(spec).weights, 'rnn');
    session.dispose();
    expect(Array.from(bias)).toEqual(Array(160).fill(0));
    const limit = Math.sqrt(6 / (40 + 160));
    const values = Array.from(recurrentKernel.data);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
    // and not all zero: it really was drawn at random
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(limit / 2);
  });
});
