/**
 * The engine's backpropagation through time against tf.variableGrads on the same tfjs layer:
 * same weights, same inputs, same loss. Every entry of every gradient (kernel, recurrent kernel,
 * bias, each input) must agree to 1e-4 relative or 1e-5 absolute, whichever is looser.
 */
import { describe, expect, it } from 'vitest';
import { activationSlope } from '../../src/engine/bptt';
import { lstmForward } from '../../src/engine/lstm';
import { gruForward } from '../../src/engine/gru';
import { type CellKind, type GradientCase, compareGradients, discrepancy, engineLayer } from './bpttParity';
import { tf } from './recurrentParity';

function* cases(): Generator<GradientCase & { title: string }> {
  let seed = 1;
  for (const kind of ['simpleRNN', 'lstm', 'gru'] as CellKind[]) {
    // A SimpleRNN has no gates, so the gate activation does not apply to it.
    const gates = kind === 'simpleRNN' ? (['sigmoid'] as const) : (['sigmoid', 'hard_sigmoid'] as const);
    for (const recurrentActivation of gates) {
      for (const [units, features, steps] of [
        [1, 1, 5],
        [4, 3, 12],
      ]) {
        for (const loss of ['last', 'every'] as const) {
          for (const goBackwards of [false, true]) {
            if (goBackwards && units === 1) continue;
            seed++;
            const title = `${kind}${kind === 'simpleRNN' ? '' : ` (${recurrentActivation})`}, ${units} units, ${features} features, ${steps} steps, ${loss === 'last' ? '½‖h_T − y‖²' : 'Σ v_t·h_t'}${goBackwards ? ', go_backwards' : ''}`;
            // Wide inputs push some hard_sigmoid gates past ±2.5, where the slope drops to 0.
            const inputScale = recurrentActivation === 'hard_sigmoid' ? 4 : 1.5;
            yield { title, kind, units, features, steps, recurrentActivation, loss, goBackwards, seed, inputScale };
          }
        }
      }
    }
  }
}

describe('BPTT: engine gradients equal tf.variableGrads', () => {
  for (const c of cases()) {
    it(c.title, () => {
      const { pairs, engine, tfLoss } = compareGradients(c);
      expect(Math.abs(engine.loss - tfLoss)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(tfLoss)));
      for (const p of pairs) {
        expect(p.engine.length, p.name).toBe(p.tfjs.length);
        // A gradient of all zeros would match a broken tfjs call as well; make sure there is signal.
        expect(Math.max(...Array.from(p.tfjs, Math.abs)), `${p.name} is not all zero`).toBeGreaterThan(1e-4);
        const d = discrepancy(p.engine, p.tfjs);
        expect(d.worstOutside, `${p.name}: max |Δ| ${d.abs}, max rel ${d.rel}`).toBeLessThanOrEqual(0);
      }
    });
  }

  it('the hard_sigmoid cases run gates on both sides of the ±2.5 corners, so the zero slope is exercised', () => {
    for (const kind of ['lstm', 'gru'] as const) {
      const c: GradientCase = { kind, units: 4, features: 3, steps: 12, recurrentActivation: 'hard_sigmoid', loss: 'last', seed: 99, inputScale: 4 };
      const { layer, inputs } = engineLayer(c);
      const pre =
        layer.kind === 'lstm'
          ? lstmForward(inputs, layer.weights, { recurrentActivation: 'hard_sigmoid' }).flatMap((s) => [...s.i.preActivation, ...s.f.preActivation, ...s.o.preActivation])
          : layer.kind === 'gru'
            ? gruForward(inputs, layer.weights, { recurrentActivation: 'hard_sigmoid' }).flatMap((s) => [...s.z.preActivation, ...s.r.preActivation])
            : [];
      expect(pre.some((v) => Math.abs(v) > 2.5), `${kind} has saturated gates`).toBe(true);
      expect(pre.some((v) => Math.abs(v) < 2.5), `${kind} has gates on the slope`).toBe(true);
      const { pairs } = compareGradients(c);
      for (const p of pairs) expect(discrepancy(p.engine, p.tfjs).worstOutside, p.name).toBeLessThanOrEqual(0);
    }
  });
});

describe('hard_sigmoid slope at its corners, as tfjs computes it in float32', () => {
  it('agrees with tf.grad of the hardSigmoid activation layer, float32 neighbours of ±2.5 included', () => {
    const up = (x: number, n: number) => {
      const f = new Float32Array([x]);
      const bits = new Int32Array(f.buffer);
      bits[0] += x >= 0 ? n : -n;
      return f[0];
    };
    const points = [0, 1, -1, 2.4, -2.4, 2.6, -2.6, 10, -10];
    for (const corner of [2.5, -2.5]) for (let n = -4; n <= 4; n++) points.push(up(corner, n));
    const layer = tf.layers.activation({ activation: 'hardSigmoid' });
    const slopes = tf.tidy(() =>
      Array.from(tf.grad((x: import('@tensorflow/tfjs').Tensor) => tf.sum(layer.apply(x) as import('@tensorflow/tfjs').Tensor))(tf.tensor1d(points)).dataSync()),
    );
    const fromTf = Float32Array.from(points);
    const mine = Array.from(fromTf, (x) => activationSlope('hard_sigmoid', x, 0));
    expect(mine.map((s) => Math.fround(s))).toEqual(slopes.map((s) => Math.fround(s)));
    // 0.2 from −2.5 to 2.5, both ends included, and 0 outside.
    expect(activationSlope('hard_sigmoid', 2.5, 1)).toBeCloseTo(0.2, 12);
    expect(activationSlope('hard_sigmoid', -2.5, 0)).toBeCloseTo(0.2, 12);
    expect(activationSlope('hard_sigmoid', 2.6, 1)).toBe(0);
  });
});
