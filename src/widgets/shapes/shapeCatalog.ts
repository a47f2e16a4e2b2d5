/**
 * The five shapes of recurrence the chapter teaches: for each, which steps get an input and
 * which emit an output (what the diagram draws), and the small Keras model that has that shape.
 * Output shapes and parameter counts come from the engine's describeModel, layer by layer, so
 * the numbers the widget prints are the ones our code infers for a real ModelSpec.
 */
import { type Shape, describeModel, shapeToString } from '../../engine/paramCount';
import type { DenseSpec, LayerSpec } from '../../engine/spec';
import type { ShapeName } from '../../engine/recurrenceShapes';
import type { DiagramStep } from '../../viz/ShapeDiagram';


/** Sizes of the example models: 8 features per step, 16 hidden units, small output layers. */
const FEATURES = 8;
const IMAGE_FEATURES = 64;
const UNITS = 16;
const CLASSES = 10;
const TAGS = 12;
const VOCABULARY = 1000;

/** One step of the unrolled drawing: x_t, h_t, y_t with Unicode subscripts. */
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
export const subscript = (n: number): string => String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);

/** What each step of the shape reads and writes, for a sequence of `length` steps. */
export function stepsOf(shape: ShapeName, length: number): DiagramStep[] {
  const steps: DiagramStep[] = [];
  // Outputs count from 1 where the writing starts: a decoder's first word is y₁.
  const firstOutput = shape === 'manyToManyDelayed' ? length : 0;
  const cell = (t: number, input: DiagramStep['input'], inputLabel: string, output: boolean, role: DiagramStep['role'] = 'cell', continues = t > 0) =>
    steps.push({ input, inputLabel, output, outputLabel: `y${subscript(t - firstOutput + 1)}`, hiddenLabel: `h${subscript(t + 1)}`, role, continues });
  switch (shape) {
    case 'oneToOne':
      cell(0, 'real', 'x', true, 'cell', false);
      break;
    case 'oneToMany':
      // Keras has no "input at step one only": RepeatVector feeds the same vector at every step.
      for (let t = 0; t < length; t++) cell(t, t === 0 ? 'real' : 'repeat', 'x', true);
      break;
    case 'manyToOne':
      for (let t = 0; t < length; t++) cell(t, 'real', `x${subscript(t + 1)}`, t === length - 1);
      break;
    case 'manyToManySynced':
      for (let t = 0; t < length; t++) cell(t, 'real', `x${subscript(t + 1)}`, true);
      break;
    case 'manyToManyDelayed':
      for (let t = 0; t < length; t++) cell(t, 'real', `x${subscript(t + 1)}`, false, 'encoder');
      // The decoder starts its own chain; what it knows of the input is the repeated encoding c.
      for (let t = length; t < 2 * length; t++) cell(t, 'repeat', 'c', true, 'decoder', t > length);
      break;
  }
  return steps;
}

/** A layer of the example model as Keras writes it; repeat and Input have no LayerSpec. */
type Stage =
  | { kind: 'input'; shape: Shape }
  | { kind: 'repeat'; times: number }
  | { kind: 'layer'; layer: LayerSpec; timeDistributed?: boolean };

export interface KerasLine {
  code: string;
  outputShape: Shape;
  params: number;
  formula: string;
  /** True for a recurrent layer: the widget reports its return_sequences and output shape. */
  recurrent: boolean;
  returnSequences?: boolean;
}

const rnn = (name: string, returnSequences: boolean): LayerSpec => ({ kind: 'simpleRNN', name, units: UNITS, activation: 'tanh', returnSequences });
const dense = (name: string, units: number, activation: DenseSpec['activation']): DenseSpec => ({ kind: 'dense', name, units, activation });

function stagesOf(shape: ShapeName, length: number): Stage[] {
  switch (shape) {
    case 'oneToOne':
      return [{ kind: 'input', shape: [null, IMAGE_FEATURES] }, { kind: 'layer', layer: dense('hidden', UNITS, 'relu') }, { kind: 'layer', layer: dense('label', CLASSES, 'softmax') }];
    case 'oneToMany':
      return [
        { kind: 'input', shape: [null, IMAGE_FEATURES] },
        { kind: 'repeat', times: length },
        { kind: 'layer', layer: rnn('rnn', true) },
        { kind: 'layer', layer: dense('word', VOCABULARY, 'softmax'), timeDistributed: true },
      ];
    case 'manyToOne':
      return [{ kind: 'input', shape: [null, length, FEATURES] }, { kind: 'layer', layer: rnn('rnn', false) }, { kind: 'layer', layer: dense('sentiment', 1, 'sigmoid') }];
    case 'manyToManySynced':
      return [
        { kind: 'input', shape: [null, length, FEATURES] },
        { kind: 'layer', layer: rnn('rnn', true) },
        { kind: 'layer', layer: dense('tag', TAGS, 'softmax'), timeDistributed: true },
      ];
    case 'manyToManyDelayed':
      return [
        { kind: 'input', shape: [null, length, FEATURES] },
        { kind: 'layer', layer: rnn('encoder', false) },
        { kind: 'repeat', times: length },
        { kind: 'layer', layer: rnn('decoder', true) },
        { kind: 'layer', layer: dense('word', VOCABULARY, 'softmax'), timeDistributed: true },
      ];
  }
}

const py = (value: boolean) => (value ? 'True' : 'False');

function layerCode(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'simpleRNN':
      return `SimpleRNN(${layer.units}, return_sequences=${py(layer.returnSequences ?? false)})`;
    case 'dense':
      return `Dense(${layer.units}, activation='${layer.activation ?? 'linear'}')`;
    default:
      throw new Error(`The shapes catalogue does not write ${layer.kind} layers.`);
  }
}

/** The example model, one Keras line per layer, with shapes and counts from describeModel. */
export function kerasLinesOf(shape: ShapeName, length: number): KerasLine[] {
  const lines: KerasLine[] = [];
  let current: Shape = [];
  for (const stage of stagesOf(shape, length)) {
    if (stage.kind === 'input') {
      current = stage.shape;
      lines.push({ code: `Input(shape=${shapeToString(stage.shape.slice(1))})`, outputShape: current, params: 0, formula: '0', recurrent: false });
    } else if (stage.kind === 'repeat') {
      // RepeatVector(n) turns (batch, features) into (batch, n, features) and learns nothing.
      current = [current[0], stage.times, ...current.slice(1)];
      lines.push({ code: `RepeatVector(${stage.times})`, outputShape: current, params: 0, formula: '0', recurrent: false });
    } else {
      const [row] = describeModel({ inputShape: current.slice(1), layers: [stage.layer] }).rows;
      current = row.outputShapes[0];
      const code = stage.timeDistributed ? `TimeDistributed(${layerCode(stage.layer)})` : layerCode(stage.layer);
      const recurrent = stage.layer.kind === 'simpleRNN';
      lines.push({
        code,
        outputShape: current,
        params: row.params,
        formula: row.formula,
        recurrent,
        ...(recurrent ? { returnSequences: stage.layer.kind === 'simpleRNN' && (stage.layer.returnSequences ?? false) } : {}),
      });
    }
  }
  return lines;
}

