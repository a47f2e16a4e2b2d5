/**
 * Gradients from the engine and from tf.variableGrads on the same tfjs layer, the same weights,
 * the same inputs and the same loss, laid side by side as name → [engine, tfjs] arrays.
 */
import { type BpttResult, type RecurrentLayer, backpropThroughTime, halfSquaredErrorOnLast, linearInStates } from '../../src/engine/bptt';
import type { ElementwiseActivation } from '../../src/engine/activations';
import { matrix } from '../../src/engine/matrix';
import { seededRandom, uniformArray } from '../../src/engine/random';
import { tf } from './recurrentParity';

export type CellKind = RecurrentLayer['kind'];

export interface GradientCase {
  kind: CellKind;
  units: number;
  features: number;
  steps: number;
  recurrentActivation: ElementwiseActivation;
  /** 'last': ½‖h_T − target‖² on the final state; 'every': Σ_t v_t·h_t over all states. */
  loss: 'last' | 'every';
  goBackwards?: boolean;
  seed: number;
  /** Inputs are drawn from [−inputScale, inputScale); 1.5 unless set. Larger drives gates past hard_sigmoid's corners. */
  inputScale?: number;
}

const GATES: Record<CellKind, number> = { simpleRNN: 1, lstm: 4, gru: 3 };

export function engineLayer(c: GradientCase): { layer: RecurrentLayer; inputs: Float32Array[]; target: Float32Array; vs: Float32Array[] } {
  const random = seededRandom(c.seed);
  const width = GATES[c.kind] * c.units;
  const weights = {
    kernel: matrix(c.features, width, uniformArray(c.features * width, 0.8, random)),
    recurrentKernel: matrix(c.units, width, uniformArray(c.units * width, 0.8, random)),
    bias: uniformArray(width, 0.5, random),
  };
  const inputs = Array.from({ length: c.steps }, () => uniformArray(c.features, c.inputScale ?? 1.5, random));
  const target = uniformArray(c.units, 1, random);
  const vs = Array.from({ length: c.steps }, () => uniformArray(c.units, 1, random));
  const common = { goBackwards: c.goBackwards ?? false };
  const layer: RecurrentLayer =
    c.kind === 'simpleRNN'
      ? { kind: 'simpleRNN', weights, ...common }
      : c.kind === 'lstm'
        ? { kind: 'lstm', weights, recurrentActivation: c.recurrentActivation, ...common }
        : { kind: 'gru', weights: { resetAfter: false, ...weights }, recurrentActivation: c.recurrentActivation, ...common };
  return { layer, inputs, target, vs };
}

export interface Compared {
  name: string;
  engine: Float32Array;
  tfjs: Float32Array;
}

function tfLayer(c: GradientCase) {
  const options = {
    units: c.units,
    returnSequences: c.loss === 'every',
    goBackwards: c.goBackwards ?? false,
    recurrentInitializer: 'glorotUniform' as const,
  };
  if (c.kind === 'simpleRNN') return tf.layers.simpleRNN({ ...options, activation: 'tanh' });
  // tfjs spells Keras' hard_sigmoid as hardSigmoid.
  const recurrentActivation = c.recurrentActivation === 'hard_sigmoid' ? 'hardSigmoid' : c.recurrentActivation;
  const gated = { ...options, activation: 'tanh' as const, recurrentActivation: recurrentActivation as 'sigmoid' };
  return c.kind === 'lstm' ? tf.layers.lstm(gated) : tf.layers.gru(gated);
}

/** Runs both sides and returns every gradient pair, plus the engine's result and both losses. */
export function compareGradients(c: GradientCase): { pairs: Compared[]; engine: BpttResult; tfLoss: number } {
  const { layer, inputs, target, vs } = engineLayer(c);
  const loss = c.loss === 'last' ? halfSquaredErrorOnLast(target) : linearInStates(vs);
  const engine = backpropThroughTime(layer, inputs, loss);

  const flatX = Float32Array.from(inputs.flatMap((x) => Array.from(x)));
  let result!: { pairs: Compared[]; engine: BpttResult; tfLoss: number };
  // tidy frees every tensor made inside; only plain arrays leave it.
  tf.tidy(() => {
    const rnn = tfLayer(c);
    const x = tf.variable(tf.tensor3d(flatX, [1, c.steps, c.features]));
    rnn.apply(x); // builds the layer's variables
    const w = layer.weights;
    rnn.setWeights([tf.tensor(w.kernel.data, [w.kernel.rows, w.kernel.cols]), tf.tensor(w.recurrentKernel.data, [w.recurrentKernel.rows, w.recurrentKernel.cols]), tf.tensor(w.bias as Float32Array)]);
    const variables = rnn.trainableWeights.map((v) => v.read() as import('@tensorflow/tfjs').Variable);
    const lossFn = () => {
      const out = rnn.apply(x) as import('@tensorflow/tfjs').Tensor;
      if (c.loss === 'last') return tf.mul(0.5, tf.sum(tf.square(tf.sub(out.reshape([c.units]), tf.tensor1d(target)))));
      const v = tf.tensor3d(Float32Array.from(vs.flatMap((row) => Array.from(row))), [1, c.steps, c.units]);
      return tf.sum(tf.mul(out, v));
    };
    const { value, grads } = tf.variableGrads(lossFn as () => import('@tensorflow/tfjs').Scalar, [...variables, x]);
    const byName = (v: { name: string }) => grads[v.name].dataSync() as Float32Array;
    const flatDx = Float32Array.from(engine.inputs.flatMap((d) => Array.from(d)));
    const names = ['kernel', 'recurrentKernel', 'bias'] as const;
    const pairs: Compared[] = names.map((name, i) => {
      const g = engine.weights[name];
      return { name, engine: g instanceof Float32Array ? g : g.data, tfjs: byName(variables[i]) };
    });
    pairs.push({ name: 'inputs', engine: flatDx, tfjs: byName(x) });
    const tfLoss = value.dataSync()[0];
    // Read before tidy frees the tensors.
    for (const p of pairs) p.tfjs = Float32Array.from(p.tfjs);
    x.dispose();
    rnn.dispose();
    result = { pairs, engine, tfLoss };
  });
  return result;
}

/** The largest |a − b| and the largest |a − b| / |b| over entries where |b| is not tiny. */
export function discrepancy(a: ArrayLike<number>, b: ArrayLike<number>): { abs: number; rel: number; worstOutside: number } {
  let abs = 0;
  let rel = 0;
  // How far the worst entry is outside the allowed band (≤ 0 when all are inside): max(1e-5, 1e-4·|b|).
  let worstOutside = -Infinity;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    abs = Math.max(abs, d);
    if (Math.abs(b[i]) > 1e-3) rel = Math.max(rel, d / Math.abs(b[i]));
    worstOutside = Math.max(worstOutside, d - Math.max(1e-5, 1e-4 * Math.abs(b[i])));
  }
  return { abs, rel, worstOutside };
}
