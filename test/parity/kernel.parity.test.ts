/**
 * The training kernel (src/engine/train) against tfjs on the cpu backend: for every layer kind,
 * the loss, the gradient of every weight (tf.variableGrads) and the weights after three Adam
 * steps (tf.train.adam) agree to 1e-5 relative (max |kernel − tfjs| over max |tfjs|, per
 * array), with the TypeScript products and with the WebAssembly SIMD ones.
 */
import { describe, expect, it } from 'vitest';
import type { LayerSpec, MergeMode, ModelSpec, RecurrentSpec } from '../../src/engine/spec';
import type { Tensor } from '@tensorflow/tfjs';
import { createKernelTrainer } from '../../src/engine/train';
import { buildModel } from '../../src/tf/buildModel';
import { type ParityCase, type ParityReport, kernelWasm, parityWithReference, parityWithTfjs } from './kernelParity';
import { cpuTf } from './tfjs';

const tf = await cpuTf();
const wasm = kernelWasm();

const softmax = (units = 3): LayerSpec => ({ kind: 'dense', name: 'out', units, activation: 'softmax' });
const values = (layers: LayerSpec[], features = 5, steps = 6): ModelSpec => ({ inputShape: [steps, features], layers });
const bi = (mergeMode: MergeMode, returnSequences: boolean): LayerSpec => ({
  kind: 'bidirectional',
  name: 'bilstm',
  mergeMode,
  layer: { kind: 'lstm', name: 'lstm', units: 4, returnSequences },
});
const gru = (extra: Partial<RecurrentSpec & { kind: 'gru' }> = {}): LayerSpec => ({ kind: 'gru', name: 'gru', units: 4, ...extra });

const base = { input: 'values' as const, batch: 5, steps: 6 };

const TFJS_CASES: ParityCase[] = [
  { ...base, name: 'SimpleRNN', spec: values([{ kind: 'simpleRNN', name: 'rnn', units: 4 }, softmax()]), seed: 1 },
  { ...base, name: 'LSTM', spec: values([{ kind: 'lstm', name: 'lstm', units: 4 }, softmax()]), seed: 2 },
  {
    ...base,
    name: 'LSTM with hard_sigmoid gates (weights large enough to reach the flat parts)',
    spec: values([{ kind: 'lstm', name: 'lstm', units: 4, recurrentActivation: 'hard_sigmoid' }, softmax()]),
    seed: 3,
    weightScale: 1.5,
  },
  { ...base, name: 'GRU reset_after=false (tfjs)', spec: values([gru(), softmax()]), seed: 4 },
  { ...base, name: 'GRU reset_after=false, hard_sigmoid', spec: values([gru({ recurrentActivation: 'hard_sigmoid' }), softmax()]), seed: 5, weightScale: 1.5 },
  {
    ...base,
    name: 'stacked LSTM → GRU → SimpleRNN',
    spec: values([
      { kind: 'lstm', name: 'lstm', units: 4, returnSequences: true },
      gru({ returnSequences: true }),
      { kind: 'simpleRNN', name: 'rnn', units: 3 },
      softmax(),
    ]),
    seed: 6,
  },
  { ...base, name: 'go_backwards LSTM returning sequences, softmax per step', spec: values([{ kind: 'lstm', name: 'lstm', units: 4, returnSequences: true, goBackwards: true }, softmax()]), seed: 7 },
  { ...base, name: 'Bidirectional concat, last state', spec: values([bi('concat', false), softmax()]), seed: 8 },
  { ...base, name: 'Bidirectional sum, sequences', spec: values([bi('sum', true), softmax()]), seed: 9 },
  { ...base, name: 'Bidirectional mul, last state', spec: values([bi('mul', false), softmax()]), seed: 10 },
  { ...base, name: 'Bidirectional ave, sequences', spec: values([bi('ave', true), softmax()]), seed: 11 },
  {
    ...base,
    input: 'ids',
    name: 'Embedding → LSTM → softmax (sparse embedding gradient)',
    spec: { inputShape: [6], layers: [{ kind: 'embedding', name: 'embedding', inputDim: 40, outputDim: 5 }, { kind: 'lstm', name: 'lstm', units: 4 }, softmax()] },
    seed: 12,
  },
  {
    ...base,
    input: 'ids',
    name: 'one-hot ids → LSTM → softmax per step (the char-LM), softmax cross-entropy, clipped to norm 0.05',
    spec: { inputShape: [null, 11], layers: [{ kind: 'lstm', name: 'lstm', units: 4, returnSequences: true, unitForgetBias: true }, softmax(11)] },
    loss: 'softmaxCrossEntropy',
    clipNorm: 0.05,
    seed: 13,
  },
  {
    ...base,
    input: 'ids',
    name: 'one-hot ids → Bidirectional GRU → softmax',
    spec: { inputShape: [6, 9], layers: [{ kind: 'bidirectional', name: 'bigru', mergeMode: 'concat', layer: { kind: 'gru', name: 'gru', units: 3 } }, softmax()] },
    seed: 14,
  },
  {
    ...base,
    input: 'ids',
    name: 'Embedding → SpatialDropout1D(0) → SimpleRNN → Dropout(0) → Dense sigmoid (binary cross-entropy)',
    spec: {
      inputShape: [6],
      layers: [
        { kind: 'embedding', name: 'embedding', inputDim: 30, outputDim: 4 },
        { kind: 'spatialDropout1d', name: 'sdrop', rate: 0 },
        { kind: 'simpleRNN', name: 'rnn', units: 4 },
        { kind: 'dropout', name: 'drop', rate: 0 },
        { kind: 'dense', name: 'out', units: 2, activation: 'sigmoid' },
      ],
    },
    seed: 15,
  },
  {
    ...base,
    name: 'LSTM → Dense relu → Dense linear (mean squared error), clipped to norm 0.1',
    spec: values([
      { kind: 'lstm', name: 'lstm', units: 4 },
      { kind: 'dense', name: 'hidden', units: 5, activation: 'relu' },
      { kind: 'dense', name: 'out', units: 2 },
    ]),
    clipNorm: 0.1,
    seed: 16,
  },
  {
    ...base,
    name: 'LSTM and Dense without biases',
    spec: values([{ kind: 'lstm', name: 'lstm', units: 4, useBias: false }, { kind: 'dense', name: 'out', units: 3, activation: 'softmax', useBias: false }]),
    seed: 17,
  },
  {
    ...base,
    batch: 7,
    steps: 3,
    name: 'MNIST-rows shape: LSTM over float rows, odd batch (7), 10 classes',
    spec: values([{ kind: 'lstm', name: 'lstm', units: 9, unitForgetBias: true }, softmax(10)], 13, 3),
    seed: 18,
  },
];

const REFERENCE_CASES: ParityCase[] = [
  { ...base, name: 'GRU reset_after=true (Keras 2) vs a tfjs-ops GRU', spec: values([gru({ resetAfter: true }), softmax()]), seed: 21 },
  {
    ...base,
    input: 'ids',
    name: 'GRU reset_after=true, hard_sigmoid, one-hot ids, sequences',
    spec: { inputShape: [6, 7], layers: [gru({ resetAfter: true, returnSequences: true, recurrentActivation: 'hard_sigmoid' }), softmax()] },
    seed: 22,
    weightScale: 1.5,
  },
];

function summary(r: ParityReport): string {
  const g = Math.max(...r.gradients.map((x) => x.error));
  const w = Math.max(...r.weights.map((x) => x.error));
  return `loss ${r.loss.toExponential(1)}, gradients ≤ ${g.toExponential(1)}, weights after 3 steps ≤ ${w.toExponential(1)}`;
}

describe('training kernel = tfjs: loss, every gradient, weights after 3 Adam steps (≤ 1e-5 relative)', () => {
  for (const products of ['typescript', 'wasm-simd'] as const) {
    const module = products === 'wasm-simd' ? wasm : null;
    for (const c of TFJS_CASES) {
      it(`${c.name} [${products}]`, () => {
        const report = parityWithTfjs(tf, c, module);
        console.log(`${c.name} [${products}]: ${summary(report)}`);
        expect(report.worst).toBeLessThan(1e-5);
      });
    }
    for (const c of REFERENCE_CASES) {
      it(`${c.name} [${products}]`, () => {
        const report = parityWithReference(tf, c, module);
        console.log(`${c.name} [${products}]: ${summary(report)}`);
        expect(report.worst).toBeLessThan(1e-5);
      });
    }
  }
});

describe('the kernel holds the tfjs model', () => {
  const spec: ModelSpec = {
    inputShape: [6],
    layers: [
      { kind: 'embedding', name: 'embedding', inputDim: 20, outputDim: 4 },
      { kind: 'bidirectional', name: 'bilstm', mergeMode: 'concat', layer: { kind: 'lstm', name: 'lstm', units: 3, returnSequences: true } },
      { kind: 'gru', name: 'gru', units: 3 },
      { kind: 'dense', name: 'out', units: 2, activation: 'softmax' },
    ],
  };

  it('with the same weight names, shapes and order', () => {
    const model = buildModel(tf, spec);
    const trainer = createKernelTrainer(spec, { optimizer: { learningRate: 0.01 } });
    const strip = (name: string) => name.replace(/_\d+(?=\/|$)/g, '');
    expect(trainer.getWeights().map((w) => `${w.name} ${w.shape.join('×')}`)).toEqual(model.weights.map((w) => `${strip(w.name)} ${w.shape.join('×')}`));
    model.dispose();
  });

  it('and predicts what model.predict does on the same weights', () => {
    const model = buildModel(tf, spec);
    const trainer = createKernelTrainer(spec, { seed: 3, optimizer: { learningRate: 0.01 } });
    model.setWeights(trainer.getWeights().map((w) => tf.tensor(w.values, w.shape)));
    const ids = Int32Array.from({ length: 4 * 6 }, (_, i) => (i * 7) % 20);
    const ours = trainer.predict({ kind: 'ids', ids, batch: 4, steps: 6 }).values;
    const theirs = tf.tidy(() => (model.predict(tf.tensor2d(ids, [4, 6], 'int32')) as Tensor).dataSync());
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 6));
    model.dispose();
  });

  it('and, for a model without a Dense head, predicts its last layer’s output (but refuses to train it)', () => {
    const rnnOnly: ModelSpec = { inputShape: [7, 4], layers: [{ kind: 'simpleRNN', name: 'rnn', units: 5, returnSequences: true, goBackwards: true }] };
    const model = buildModel(tf, rnnOnly);
    const trainer = createKernelTrainer(rnnOnly, { seed: 4, optimizer: { learningRate: 0.01 } });
    model.setWeights(trainer.getWeights().map((w) => tf.tensor(w.values, w.shape)));
    const x = Float32Array.from({ length: 3 * 7 * 4 }, (_, i) => Math.sin(i));
    const ours = trainer.predict({ kind: 'values', values: x, batch: 3, steps: 7, features: 4 }).values;
    const theirs = tf.tidy(() => (model.predict(tf.tensor3d(x, [3, 7, 4])) as Tensor).dataSync());
    expect(ours.length).toBe(theirs.length);
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 6));
    expect(() => trainer.trainBatch({ kind: 'values', values: x, batch: 3, steps: 7, features: 4 }, { kind: 'values', values: new Float32Array(105) })).toThrow(/Dense/);
    model.dispose();
  });
});
