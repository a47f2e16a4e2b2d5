/**
 * Every model family of the book, exported to a notebook through the browser's code path (spec →
 * buildModel / buildFunctional → weights → model.predict, read by readModelForPython, written by
 * writeNotebook), then run: every code cell py_compiles, the NumPy cells execute with python3
 * and their own assert holds, and the NumPy outputs they print equal tfjs' within 1e-5.
 * Without python3 + NumPy the file is skipped with the reason, except under REQUIRE_BROWSER=1
 * (CI), where that is a failure.
 */
import type { INotebookContent } from '@jupyterlab/nbformat';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../src/book/i18n';
import { NUMPY_TOLERANCE, type NotebookSource, notebookJson, writeNotebook } from '../../src/engine/notebook/writeNotebook';
import { mnistRowModel } from '../../src/engine/mnistRows';
import { seededRandom } from '../../src/engine/random';
import { sentimentSpec } from '../../src/engine/sentimentModels';
import type { ModelSpec } from '../../src/engine/spec';
import { prepareToyCorpus, TOY_DOCS, TOY_LABELS } from '../../src/engine/toyCorpus';
import { HELLO_SPEC, helloData } from '../../src/state/helloLmStore';
import { toySpec } from '../../src/state/toyLabStore';
import { buildFunctional } from '../../src/tf/buildFunctional';
import { buildModel } from '../../src/tf/buildModel';
import { charLmSpec } from '../../src/tf/charLmTrainer';
import { readModelForPython } from '../../src/tf/notebookExport';
import type { Tf } from '../../src/tf/types';
import { DEFAULT_CONFIG, type LayerArgsConfig, configToSpec } from '../../src/engine/layerArgsConfig';
import { notebookText } from '../../src/widgets/shared/notebookText';
import { cpuTf } from '../parity/tfjs';
import { notebookProblems, pythonProblem, runNotebook } from './notebookCheck';

const problem = pythonProblem();
if (problem && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but the notebook check cannot run: ${problem}.`);

const TEXT = notebookText((key, params) => translate('en', key, params));

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

type Model = ReturnType<typeof buildModel> | ReturnType<typeof buildFunctional>;

/** Weights drawn fresh from a seed, scaled by fan-in: nothing left at a zero init hides a wrong matrix. */
function randomise(model: Model, seed: number) {
  const random = seededRandom(seed);
  const arrays = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const scale = 1.5 / Math.sqrt(shape[0]);
    return tf.tensor(Float32Array.from({ length: size }, () => (random() * 2 - 1) * scale), shape);
  });
  model.setWeights(arrays);
  tf.dispose(arrays);
}

const ids = (n: number, steps: number, vocab: number, seed: number) => {
  const random = seededRandom(seed);
  return { values: Float32Array.from({ length: n * steps }, () => Math.floor(random() * vocab)), shape: [n, steps] };
};
const normal = (shape: number[], seed: number) => {
  const random = seededRandom(seed);
  return { values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1), shape };
};
const oneHot = (text: string, vocab: string[]) => ({
  values: Float32Array.from([...text].flatMap((c) => vocab.map((v) => (v === c ? 1 : 0)))),
  shape: [1, text.length, vocab.length],
});

interface Family {
  name: string;
  spec: ModelSpec;
  input: { values: Float32Array; shape: number[] };
  functional?: boolean;
  /** A few epochs of real training instead of random weights. */
  fit?: { x: { values: Float32Array; shape: number[] }; y: { values: Float32Array; shape: number[] }; loss: string };
  sampling?: NotebookSource['sampling'];
}

const toyCorpus = prepareToyCorpus(TOY_DOCS, TOY_LABELS);
const toyX = { values: Float32Array.from(toyCorpus.padded.flat()), shape: [toyCorpus.padded.length, toyCorpus.maxlen, 1] };
const toyY = { values: Float32Array.from(toyCorpus.oneHot.flat()), shape: [toyCorpus.oneHot.length, toyCorpus.numClasses] };
const hello = helloData();
const CHARS = [...'abcdehlnor .'];
const playground = (patch: Partial<LayerArgsConfig>): ModelSpec => configToSpec({ ...DEFAULT_CONFIG, units: 6, features: 3, recurrentInitializer: 'glorotUniform', ...patch });

const FAMILIES: Family[] = [
  { name: 'toy SimpleRNN (chapter 3), trained', spec: toySpec('simpleRNN', toyCorpus), input: { values: toyX.values.slice(0, 2), shape: [1, 2, 1] }, fit: { x: toyX, y: toyY, loss: 'categoricalCrossentropy' } },
  { name: 'toy LSTM (chapter 6), trained', spec: toySpec('lstm', toyCorpus), input: { values: toyX.values.slice(2, 4), shape: [1, 2, 1] }, fit: { x: toyX, y: toyY, loss: 'categoricalCrossentropy' } },
  { name: 'sentiment SimpleRNN (chapter 4)', spec: sentimentSpec({ cell: 'simpleRNN', vocabSize: 60, maxlen: 9, classes: 2, units: 7 }), input: ids(2, 9, 60, 1) },
  { name: 'sentiment LSTM (chapter 7)', spec: sentimentSpec({ cell: 'lstm', vocabSize: 60, maxlen: 9, classes: 2, units: 7 }), input: ids(1, 9, 60, 2) },
  { name: 'sentiment stacked LSTM (chapter 8)', spec: sentimentSpec({ cell: 'lstm', vocabSize: 60, maxlen: 9, classes: 2, units: 5, layers: 2 }), input: ids(1, 9, 60, 3) },
  { name: 'IMDB GRU (chapter 11)', spec: sentimentSpec({ cell: 'gru', vocabSize: 60, maxlen: 9, classes: 2, units: 7 }), input: ids(1, 9, 60, 4) },
  { name: 'stacked LSTM with dropout (chapter 12)', spec: sentimentSpec({ cell: 'lstm', vocabSize: 60, maxlen: 9, classes: 2, units: 5, layers: 2, dropout: 0.5 }), input: ids(1, 9, 60, 5) },
  { name: 'bidirectional LSTM, stacked (chapter 13)', spec: sentimentSpec({ cell: 'lstm', vocabSize: 60, maxlen: 9, classes: 2, units: 4, layers: 2, bidirectional: true }), input: ids(1, 9, 60, 6) },
  { name: 'MNIST rows LSTM (chapter 14)', spec: mnistRowModel(12), input: { values: Float32Array.from(normal([1, 28, 28], 7).values, (v) => Math.round((v + 1) * 127.5) / 255), shape: [1, 28, 28] } },
  {
    name: 'hello SimpleRNN (chapter 15), trained',
    spec: HELLO_SPEC,
    input: { values: hello.x, shape: hello.xShape },
    fit: { x: { values: hello.x, shape: hello.xShape }, y: { values: hello.y, shape: hello.yShape }, loss: 'categoricalCrossentropy' },
  },
  {
    name: 'char-LSTM, two layers with dropout (chapter 17)',
    spec: charLmSpec({ layers: 2, units: 10, batchSize: 4, numSteps: 8, dropout: 0.3, learningRate: 0.01, clipNorm: 5 }, CHARS.length),
    input: oneHot('hello wor', CHARS),
    sampling: { vocabulary: CHARS, prime: 'he', length: 12, topN: 4, temperature: 0.8, seed: 3 },
  },
  {
    name: 'char window model with an embedding (an imported kind, chapter 17)',
    spec: {
      inputShape: [6],
      layers: [
        { kind: 'embedding', name: 'embedding', inputDim: CHARS.length, outputDim: 5 },
        { kind: 'lstm', name: 'lstm', units: 8, recurrentActivation: 'hard_sigmoid' },
        { kind: 'dense', name: 'next_char', units: CHARS.length, activation: 'softmax' },
      ],
    },
    input: { values: Float32Array.from([...'hello '].map((c) => CHARS.indexOf(c))), shape: [1, 6] },
    sampling: { vocabulary: CHARS, prime: 'hello ', length: 10, topN: null, temperature: 1, seed: 1 },
  },
  { name: 'playground: SimpleRNN + Dense (chapter 9 default, smaller)', spec: playground({}), input: normal([2, 5, 3], 8), functional: true },
  { name: 'playground: LSTM return_state, hard_sigmoid gates, no bias', spec: playground({ cell: 'lstm', returnState: true, recurrentActivation: 'hard_sigmoid', useBias: false }), input: normal([1, 4, 3], 9), functional: true },
  { name: 'playground: stacked GRU x3, return_sequences, relu', spec: playground({ cell: 'gru', layers: 3, returnSequences: true, activation: 'relu', timesteps: 5 }), input: normal([1, 5, 3], 10), functional: true },
  { name: 'playground: go_backwards LSTM with return_sequences', spec: playground({ cell: 'lstm', goBackwards: true, returnSequences: true, denseHead: false }), input: normal([1, 4, 3], 11), functional: true },
  { name: 'playground: Bidirectional SimpleRNN, merge None', spec: playground({ bidirectional: 'none', returnSequences: true }), input: normal([1, 4, 3], 12), functional: true },
  { name: 'playground: Bidirectional GRU merge sum, return_state', spec: playground({ cell: 'gru', bidirectional: 'sum', returnState: true, denseHead: false }), input: normal([1, 4, 3], 13), functional: true },
  { name: 'playground: Bidirectional LSTM merge mul, stacked', spec: playground({ cell: 'lstm', bidirectional: 'mul', layers: 2 }), input: normal([1, 4, 3], 14), functional: true },
  { name: 'playground: Bidirectional LSTM merge ave', spec: playground({ cell: 'lstm', bidirectional: 'ave', goBackwards: true }), input: normal([1, 4, 3], 15), functional: true },
  { name: 'playground: stateful GRU with a fixed batch', spec: playground({ cell: 'gru', stateful: true, batchSize: 3, timesteps: 4 }), input: normal([3, 4, 3], 16), functional: true },
];

async function exportFamily(family: Family, seed: number): Promise<{ notebook: INotebookContent; outputs: { values: Float32Array; shape: number[] }[] }> {
  const model = family.functional ? buildFunctional(tf, family.spec) : buildModel(tf, family.spec);
  try {
    randomise(model, seed);
    if (family.fit) {
      model.compile({ optimizer: tf.train.adam(0.05), loss: family.fit.loss });
      const x = tf.tensor(family.fit.x.values, family.fit.x.shape);
      const y = tf.tensor(family.fit.y.values, family.fit.y.shape);
      await model.fit(x, y, { epochs: 5, verbose: 0 });
      tf.dispose([x, y]);
    }
    const read = readModelForPython(tf, model, family.input);
    const source: NotebookSource = {
      spec: family.spec,
      weights: read.weights,
      example: { ...read.example, description: `Test input for ${family.name}` },
      about: { title: family.name, summary: 'A model exported by the notebook test.', facts: [['Chapter', family.name]] },
      sampling: family.sampling,
      training: family.fit ? { optimizer: 'adam', learningRate: 0.05, loss: 'categorical_crossentropy', data: { x: family.fit.x, y: family.fit.y, epochs: 5, batchSize: 2 } } : undefined,
    };
    return { notebook: writeNotebook(source, TEXT), outputs: read.example.outputs };
  } finally {
    model.dispose();
  }
}

const maxDifference = (ours: number[], theirs: Float32Array) => ours.reduce((m, v, i) => Math.max(m, Math.abs(v - theirs[i])), 0);
const flat = (value: unknown): number[] => (Array.isArray(value) ? value.flatMap(flat) : [Number(value)]);

describe('a notebook for every model family: NumPy reproduces tfjs', () => {
  beforeEach((context) => {
    if (problem) context.skip(`needs python3 with NumPy: ${problem}; set REQUIRE_BROWSER=1 to fail instead`);
  });

  FAMILIES.forEach((family, index) => {
    it(family.name, async () => {
      const { notebook, outputs } = await exportFamily(family, 100 + index);
      // What the reader downloads is the JSON text; it must read back as a valid notebook.
      expect(notebookProblems(JSON.parse(notebookJson(notebook)))).toEqual([]);
      const run = runNotebook(notebook, 'dump["numpy"] = [o.tolist() for o in numpy_outputs]');
      expect(run.printedDifference).toBeLessThanOrEqual(NUMPY_TOLERANCE);
      const numpy = run.dumped.numpy as unknown[];
      expect(numpy).toHaveLength(outputs.length);
      outputs.forEach((o, i) => {
        const ours = flat(numpy[i]);
        expect(ours).toHaveLength(o.values.length);
        expect(maxDifference(ours, o.values)).toBeLessThanOrEqual(NUMPY_TOLERANCE);
      });
      if (family.sampling) expect(run.stdout).toMatch(new RegExp(`^${family.sampling.prime}`, 'm'));
    });
  });

  it("the char-LSTM's NumPy sampling loop, greedy, writes what tfjs predicts character by character", async () => {
    const family = FAMILIES.find((f) => f.name.startsWith('char-LSTM'))!;
    const { notebook } = await exportFamily(family, 7);
    const model = buildModel(tf, family.spec);
    let expected = 'he';
    try {
      randomise(model, 7);
      for (let k = 0; k < 12; k++) {
        const probs = tf.tidy(() => (model.predict(tf.tensor(oneHot(expected, CHARS).values, [1, expected.length, CHARS.length])) as import('@tensorflow/tfjs').Tensor).arraySync() as number[][][]);
        const last = probs[0][expected.length - 1];
        expected += CHARS[last.indexOf(Math.max(...last))];
      }
    } finally {
      model.dispose();
    }
    const run = runNotebook(notebook, 'dump["greedy"] = sample("he", length=12, top_n=1)');
    expect(run.dumped.greedy).toBe(expected);
  });

  it('the check can fail: one weight changed after the prediction makes the notebook assert', async () => {
    const { notebook } = await exportFamily(FAMILIES[3], 5);
    const weightsCell = notebook.cells.find((c) => c.id === 'weights')!;
    const source = (weightsCell.source as string[]).join('');
    // Halve every recurrent kernel the moment the weights are loaded, as a wrong reading of U would.
    weightsCell.source = `${source}\nweights["lstm/recurrent_kernel"] = weights["lstm/recurrent_kernel"] * 0.5\n`;
    expect(() => runNotebook(notebook)).toThrow(/NumPy does not reproduce the browser's prediction/);
  });
});
