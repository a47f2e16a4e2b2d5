/**
 * The toy models' forward pass by hand, as lines a reader can follow: each line is one equation
 * with the real numbers substituted. The numbers come from the engine's traces; this file only
 * decides how to write them down, per cell type.
 */
import { denseForward } from '../../engine/dense';
import type { GateTrace } from '../../engine/gates';
import { lstmForward, lstmGateWeights } from '../../engine/lstm';
import { simpleRnnForward } from '../../engine/simpleRnn';
import type { ToyCell } from '../../state/toyLabStore';
import type { NamedWeight } from '../../tf/types';
import { denseWeightsOf, lstmWeightsOf, simpleRnnWeightsOf } from '../../tf/weights';
import { num, vec } from '../../viz/format';

export interface HandLine {
  /** The equation with symbols, e.g. "h1 = tanh(x1·W + h0·U + b)". */
  symbolic: string;
  /** The same with numbers substituted, ending in the result. */
  numeric: string;
}

export interface HandForward {
  /** The weights as the reader sees them, e.g. ["W = 0.99", ...]. */
  weights: string[];
  lines: HandLine[];
  logits: Float32Array;
  output: Float32Array;
}

/** One unit and one feature: the toy's weights are scalars, so each gate is a scalar too. */
const s = (v: ArrayLike<number>) => num(v[0]);
/** A scalar as an operand: negative values in parentheses, so "3·(-0.6)" never reads "3·-0.6". */
const p = (v: ArrayLike<number> | number) => {
  const x = typeof v === 'number' ? v : v[0];
  return x < 0 ? `(${num(x)})` : num(x);
};

function simpleRnnLines(weights: NamedWeight[], ids: number[]) {
  const w = simpleRnnWeightsOf(weights, 'rnn');
  const [W, U, b] = [w.kernel.data, w.recurrentKernel.data, w.bias].map(p);
  const steps = simpleRnnForward(ids.map((id) => [id]), w);
  const lines = steps.map((step, t): HandLine => ({
    symbolic: `h${t} = tanh(x${t}·W${t > 0 ? ` + h${t - 1}·U` : ''} + b)`,
    numeric: `tanh(${s(step.x)}·${W}${t > 0 ? ` + ${p(step.hPrev)}·${U}` : ''} + ${b}) = tanh(${s(step.preActivation)}) = ${s(step.h)}`,
  }));
  return { weights: [`W = ${s(w.kernel.data)}`, `U = ${s(w.recurrentKernel.data)}`, `b = ${s(w.bias)}`], lines, h: steps[steps.length - 1].h };
}

function gateLine(name: string, act: string, t: number, gate: GateTrace, bias: Float32Array): HandLine {
  return {
    symbolic: `${name}${t} = ${act}(x${t}·W_${name} + h${t - 1}·U_${name} + b_${name})`,
    numeric: `${act}(${s(gate.inputTerm)} + ${p(gate.recurrentTerm)} + ${p(bias)}) = ${act}(${s(gate.preActivation)}) = ${s(gate.activation)}`,
  };
}

function lstmLines(weights: NamedWeight[], ids: number[]) {
  const w = lstmWeightsOf(weights, 'lstm');
  const steps = lstmForward(ids.map((id) => [id]), w);
  const gates = lstmGateWeights(w);
  const lines = steps.flatMap((step, t): HandLine[] => [
    gateLine('i', 'σ', t, step.i, gates.i.bias),
    gateLine('f', 'σ', t, step.f, gates.f.bias),
    // Keras calls the candidate block "c"; the book writes g to keep it apart from the cell state.
    gateLine('g', 'tanh', t, step.g, gates.c.bias),
    gateLine('o', 'σ', t, step.o, gates.o.bias),
    { symbolic: `c${t} = f${t}·c${t - 1} + i${t}·g${t}`, numeric: `${s(step.f.activation)}·${p(step.cPrev)} + ${s(step.i.activation)}·${p(step.g.activation)} = ${s(step.c)}` },
    { symbolic: `h${t} = o${t}·tanh(c${t})`, numeric: `${s(step.o.activation)}·${p(step.cActivated)} = ${s(step.h)}` },
  ]);
  // Keras stores the four gates side by side in the order i, f, c, o.
  const blocks = ['i', 'f', 'c', 'o'];
  const described = [
    `kernel [W_i W_f W_c W_o] = ${vec(w.kernel.data, 4)}`,
    `recurrent_kernel [U_i U_f U_c U_o] = ${vec(w.recurrentKernel.data, 4)}`,
    `bias [${blocks.map((b) => `b_${b}`).join(' ')}] = ${vec(w.bias, 4)}`,
  ];
  return { weights: described, lines, h: steps[steps.length - 1].h };
}

export function handForward(cell: ToyCell, weights: NamedWeight[], ids: number[]): HandForward {
  const { weights: shown, lines, h } = cell === 'lstm' ? lstmLines(weights, ids) : simpleRnnLines(weights, ids);
  const out = denseForward(h, denseWeightsOf(weights, 'out'), 'softmax');
  const last = ids.length - 1;
  return {
    weights: shown,
    lines: [
      ...lines,
      { symbolic: `logits = h${last}·V + c`, numeric: vec(out.preActivation, 5) },
      { symbolic: 'softmax(logits)', numeric: vec(out.output) },
    ],
    logits: out.preActivation,
    output: out.output,
  };
}
