/**
 * One book model as a Jupyter notebook (nbformat 4.5): what the model is and where it came from,
 * the Keras code that builds it, its weights bit for bit, a NumPy-only forward pass, one example
 * with the browser's own prediction and an assert that NumPy reproduces it, the same weights
 * loaded into Keras, a sampling loop for a character model, and how to keep training. Code cells
 * that need TensorFlow carry the tag "keras"; every other code cell runs with NumPy alone, which
 * is what the CI check executes.
 */
import type { ICodeCell, IMarkdownCell, INotebookContent } from '@jupyterlab/nbformat';
import { kerasCode } from '../modelCode/keras';
import type { ModelSpec } from '../spec';
import { numpyForwardCode } from './numpyForward';
import { float32Base64, pythonFloatList, pythonString } from './pythonLiterals';
import { type SamplingSettings, samplingCode } from './samplingCode';
import { type FiledWeight, type WeightArray, fileWeights } from './weightSlots';

export interface TensorValues {
  values: Float32Array;
  /** With the batch axis. */
  shape: number[];
}

export interface NotebookExample {
  input: TensorValues;
  /** tfjs model.predict for the input in the browser, one entry per model output. */
  outputs: TensorValues[];
  /** What the input is, in the reader's words ("the first document: this, is"). */
  description: string;
}

export interface NotebookTraining {
  optimizer: 'adam' | 'sgd' | 'rmsprop';
  learningRate: number;
  /** Keras' name of the loss, e.g. "categorical_crossentropy". */
  loss: string;
  metrics?: string[];
  /** The training data itself, when it is small enough to carry (the toy models). */
  data?: { x: TensorValues; y: TensorValues; epochs: number; batchSize: number };
}

export interface NotebookSource {
  spec: ModelSpec;
  /** The model's arrays in model.weights order (tfjs' names). */
  weights: WeightArray[];
  example: NotebookExample;
  /** Heading and one paragraph on what the model is; then label/value rows (chapter, trained, backend, …). */
  about: { title: string; summary: string; facts: [string, string][] };
  sampling?: SamplingSettings;
  training?: NotebookTraining;
}

/** The prose of the notebook, in the reader's language (src/book/strings/notebook.ts). */
export const NOTEBOOK_TEXT_KEYS = [
  'intro',
  'kerasHeading',
  'kerasNote',
  'weightsHeading',
  'weightsNote',
  'numpyHeading',
  'numpyNote',
  'checkHeading',
  'checkNote',
  'kerasCheckHeading',
  'kerasCheckNote',
  'samplingHeading',
  'samplingNote',
  'trainingHeading',
  'trainingNote',
] as const;
export type NotebookText = Record<(typeof NOTEBOOK_TEXT_KEYS)[number], string>;

/** Code cells with this tag need TensorFlow; the rest need only NumPy. */
export const KERAS_TAG = 'keras';
/** Agreement asked of NumPy against the browser: both compute in float32. */
export const NUMPY_TOLERANCE = 1e-5;
/** Keras on a GPU uses cuDNN kernels that sum in another order; this still means the same model. */
export const KERAS_TOLERANCE = 1e-4;
/** Up to this many values an array is written as a readable list, beyond it as base64. */
const LITERAL_LIMIT = 256;
const BASE64_LINE = 4096;

/** nbformat wants each line of a source as its own string, newline kept, but the last. */
function sourceLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
}

const markdown = (id: string, text: string): IMarkdownCell => ({ id, cell_type: 'markdown', metadata: {}, source: sourceLines(text) });

function code(id: string, text: string, options: { keras?: boolean; hidden?: boolean } = {}): ICodeCell {
  const metadata: ICodeCell['metadata'] = {};
  if (options.keras) metadata.tags = [KERAS_TAG];
  if (options.hidden) metadata.jupyter = { source_hidden: true };
  return { id, cell_type: 'code', metadata, execution_count: null, outputs: [], source: sourceLines(text) };
}

const pyShape = (shape: number[]) => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;

/** base64 of a long array, cut into lines Python joins back (adjacent string literals). */
function base64Call(values: ArrayLike<number>, shape: number[], indent: string): string {
  const text = float32Base64(values);
  if (text.length <= BASE64_LINE) return `float32_array("${text}", ${pyShape(shape)})`;
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += BASE64_LINE) chunks.push(`${indent}    "${text.slice(i, i + BASE64_LINE)}"`);
  return `float32_array(\n${chunks.join('\n')},\n${indent}    ${pyShape(shape)},\n${indent})`;
}

function arrayExpression(t: TensorValues, indent: string): string {
  if (t.values.length > LITERAL_LIMIT) return base64Call(t.values, t.shape, indent);
  return `np.array(${pythonFloatList(t.values, t.shape)}, dtype=np.float32)`;
}

function weightsCode(filed: FiledWeight[]): string {
  const lines = [
    'import base64',
    'import numpy as np',
    '',
    '',
    'def float32_array(text, shape):',
    '    """Little-endian float32 values from base64: the browser\'s numbers, bit for bit."""',
    '    return np.frombuffer(base64.b64decode(text), dtype="<f4").reshape(shape).copy()',
    '',
    '',
    'weights = {',
  ];
  for (const w of filed) lines.push(`    "${w.key}": ${base64Call(w.values, w.shape, '    ')},`);
  lines.push('}', 'for key, array in weights.items():', '    print(f"{key:40s} {str(array.shape):>14s}")');
  return lines.join('\n');
}

function checkCode(example: NotebookExample): string {
  return [
    `# ${example.description}`,
    `x_example = ${arrayExpression(example.input, '')}`,
    '# What tfjs model.predict gave for it in the browser:',
    'browser_outputs = [',
    ...example.outputs.map((o) => `    ${arrayExpression(o, '    ')},`),
    ']',
    '',
    'numpy_outputs, _ = forward(x_example)',
    'np.set_printoptions(precision=6, suppress=True, threshold=40)',
    'print("NumPy:  ", numpy_outputs[0])',
    'print("browser:", browser_outputs[0])',
    'assert len(numpy_outputs) == len(browser_outputs)',
    'difference = max(float(np.abs(ours - theirs).max()) for ours, theirs in zip(numpy_outputs, browser_outputs))',
    'print("largest |NumPy - browser| difference:", difference)',
    `assert difference <= ${NUMPY_TOLERANCE}, "NumPy does not reproduce the browser's prediction"`,
  ].join('\n');
}

function setWeightsCode(filed: FiledWeight[]): string {
  const byLayer = new Map<string, string[]>();
  for (const w of filed) byLayer.set(w.layer, [...(byLayer.get(w.layer) ?? []), `weights["${w.key}"]`]);
  return [
    'import tensorflow as tf',
    '',
    '# Full float32 matrix products on GPUs that would otherwise use TF32.',
    'tf.config.experimental.enable_tensor_float_32_execution(False)',
    ...[...byLayer].map(([layer, arrays]) => `model.get_layer("${layer}").set_weights([${arrays.join(', ')}])`),
    '',
    'keras_outputs = model.predict(x_example, verbose=0)',
    'if not isinstance(keras_outputs, (list, tuple)):',
    '    keras_outputs = [keras_outputs]',
    'keras_difference = max(float(np.abs(np.asarray(ours) - theirs).max()) for ours, theirs in zip(keras_outputs, browser_outputs))',
    'print("largest |Keras - browser| difference:", keras_difference)',
    `assert keras_difference <= ${KERAS_TOLERANCE}, "Keras does not reproduce the browser's prediction"`,
  ].join('\n');
}

const OPTIMIZERS: Record<NotebookTraining['optimizer'], string> = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop' };

function trainingCode(training: NotebookTraining): string {
  const metrics = training.metrics?.length ? `, metrics=[${training.metrics.map(pythonString).join(', ')}]` : '';
  const lines = [
    `model.compile(optimizer=keras.optimizers.${OPTIMIZERS[training.optimizer]}(learning_rate=${training.learningRate}), loss=${pythonString(training.loss)}${metrics})`,
  ];
  const data = training.data;
  if (data) {
    lines.push(
      `x_train = ${arrayExpression(data.x, '')}`,
      `y_train = ${arrayExpression(data.y, '')}`,
      `history = model.fit(x_train, y_train, epochs=${data.epochs}, batch_size=${data.batchSize}, verbose=0)`,
      'print("loss after training on:", history.history["loss"][-1])',
    );
  } else {
    lines.push('# x_train, y_train = ...  # prepared as in the chapter', '# model.fit(x_train, y_train, epochs=10, batch_size=32)');
  }
  return lines.join('\n');
}

export function writeNotebook(source: NotebookSource, text: NotebookText): INotebookContent {
  const { spec, about } = source;
  const filed = fileWeights(spec, source.weights);
  const facts = about.facts.length ? ['', '| | |', '| --- | --- |', ...about.facts.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)] : [];
  const cells: (ICodeCell | IMarkdownCell)[] = [
    markdown('about', [`# ${about.title}`, '', about.summary, ...facts, '', text.intro].join('\n')),
    markdown('keras-heading', `## ${text.kerasHeading}\n\n${text.kerasNote}`),
    code('keras-build', kerasCode(spec), { keras: true }),
    markdown('weights-heading', `## ${text.weightsHeading}\n\n${text.weightsNote}`),
    code('weights', weightsCode(filed), { hidden: true }),
    markdown('numpy-heading', `## ${text.numpyHeading}\n\n${text.numpyNote}`),
    code('numpy-forward', numpyForwardCode(spec)),
    markdown('check-heading', `## ${text.checkHeading}\n\n${text.checkNote}`),
    code('check', checkCode(source.example)),
    markdown('keras-check-heading', `## ${text.kerasCheckHeading}\n\n${text.kerasCheckNote}`),
    code('keras-check', setWeightsCode(filed), { keras: true }),
  ];
  if (source.sampling) {
    cells.push(markdown('sampling-heading', `## ${text.samplingHeading}\n\n${text.samplingNote}`), code('sampling', samplingCode(spec, source.sampling)));
  }
  if (source.training) {
    cells.push(markdown('training-heading', `## ${text.trainingHeading}\n\n${text.trainingNote}`), code('training', trainingCode(source.training), { keras: true }));
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells,
  };
}

/** The notebook as the text of an .ipynb file. */
export const notebookJson = (notebook: INotebookContent): string => `${JSON.stringify(notebook, null, 1)}\n`;
