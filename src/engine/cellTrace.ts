/**
 * One shape of trace for all three cells, so the explorer can draw an RNN, an LSTM and a GRU with
 * the same code. The numbers come from the engine's own cells (simpleRnnForward, lstmForward,
 * gruForward); this file only names their gates in one order and flattens what they return.
 *
 * The weights stay in the fused Keras layout the cells use: kernel [inputDim, G·units], recurrent
 * kernel [units, G·units], bias [G·units] (a GRU with reset_after keeps two bias rows, [2, G·units]),
 * with G = 1 (RNN), 4 (LSTM: i, f, c, o) or 3 (GRU: z, r, h).
 */
import type { ElementwiseActivation } from './activations';
import { gruForward } from './gru';
import { lstmForward } from './lstm';
import { type Matrix, matrix } from './matrix';
import { simpleRnnForward } from './simpleRnn';

export const CELL_KINDS = ['rnn', 'lstm', 'gru'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

/** A column block of the fused weights: a gate (squashed to 0…1) or the candidate (tanh, −1…1). */
export interface GateSlot {
  /** Keras' block name: i, f, c, o for the LSTM; z, r, h for the GRU; h for the RNN. */
  id: string;
  role: 'gate' | 'candidate';
}

export const CELL_GATES: Record<CellKind, readonly GateSlot[]> = {
  rnn: [{ id: 'h', role: 'candidate' }],
  lstm: [
    { id: 'i', role: 'gate' },
    { id: 'f', role: 'gate' },
    { id: 'c', role: 'candidate' },
    { id: 'o', role: 'gate' },
  ],
  gru: [
    { id: 'z', role: 'gate' },
    { id: 'r', role: 'gate' },
    { id: 'h', role: 'candidate' },
  ],
};

export const WEIGHT_PARTS = ['kernel', 'recurrentKernel', 'bias'] as const;
export type WeightPart = (typeof WEIGHT_PARTS)[number];

/** Flat row-major arrays in the fused layout described above. */
export interface CellParams {
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias: Float32Array;
}

export interface CellShape {
  kind: CellKind;
  units: number;
  inputDim: number;
  /** GRU only: Keras 2's variant (two bias rows) instead of tfjs' (one). */
  resetAfter: boolean;
}

/** [rows, cols] of each weight array of a cell. */
export function partShape({ kind, units, inputDim, resetAfter }: CellShape, part: WeightPart): [number, number] {
  const cols = CELL_GATES[kind].length * units;
  if (part === 'kernel') return [inputDim, cols];
  if (part === 'recurrentKernel') return [units, cols];
  return [kind === 'gru' && resetAfter ? 2 : 1, cols];
}

export function partSize(shape: CellShape, part: WeightPart): number {
  const [rows, cols] = partShape(shape, part);
  return rows * cols;
}

/** Which gate and unit a column of a fused array belongs to. */
export function columnOwner(shape: CellShape, col: number): { gate: GateSlot; unit: number } {
  return { gate: CELL_GATES[shape.kind][Math.floor(col / shape.units)], unit: col % shape.units };
}

export interface TraceStep {
  x: Float32Array;
  hPrev: Float32Array;
  /** Per slot of CELL_GATES[kind], in that order: x·W + h·U + b (as the cell defines it). */
  pre: Float32Array[];
  /** Per slot: the gate's value, or the candidate's. */
  act: Float32Array[];
  /** The candidate: g_t (LSTM), h̃_t (GRU), or the new state itself (RNN). */
  candidate: Float32Array;
  /** LSTM only: the cell state c_t. */
  c?: Float32Array;
  /** LSTM only: c_{t-1}. */
  cPrev?: Float32Array;
  /** LSTM only: tanh(c_t), what the output gate scales. */
  cActivated?: Float32Array;
  /** What the state keeps of the past: f ⊙ c_{t-1} (LSTM), z ⊙ h_{t-1} (GRU). */
  kept?: Float32Array;
  /** What the state takes from the candidate: i ⊙ g (LSTM), (1 − z) ⊙ h̃ (GRU). */
  added?: Float32Array;
  /** GRU only: 1 − z. */
  zComplement?: Float32Array;
  /** GRU, reset_after false: r ⊙ h_{t-1}, the state the candidate's U_h multiplies. */
  resetHPrev?: Float32Array;
  /** GRU, reset_after true: h_{t-1}·U_h + b_h,rec, before the reset gate scales it. */
  recurrentProjection?: Float32Array;
  /** GRU: the candidate's whole recurrent term after the reset gate. */
  resetTerm?: Float32Array;
  h: Float32Array;
}

export interface CellTrace extends CellShape {
  steps: TraceStep[];
}

function checkParams(shape: CellShape, params: CellParams): void {
  for (const part of WEIGHT_PARTS) {
    const expected = partSize(shape, part);
    if (params[part].length !== expected) {
      throw new Error(`${shape.kind} ${part} needs ${expected} values for ${shape.units} units and ${shape.inputDim} inputs, got ${params[part].length}.`);
    }
  }
}

function asMatrix(shape: CellShape, params: CellParams, part: WeightPart): Matrix {
  const [rows, cols] = partShape(shape, part);
  return matrix(rows, cols, params[part]);
}

/**
 * Where a run starts and how it squashes. Left out: zero states, sigmoid gates and tanh, as Keras
 * 2 does. A trained model's layer may say otherwise (an imported one with hard_sigmoid gates), and
 * a trace of one step in the middle of a text starts from the states the model reached there.
 */
export interface RunOptions {
  initialState?: { h: Float32Array; c?: Float32Array };
  activation?: ElementwiseActivation;
  recurrentActivation?: ElementwiseActivation;
}

/** Runs the cell over the inputs (with sigmoid gates and tanh, from zero states, unless `options` say otherwise). */
export function runCell(shape: CellShape, params: CellParams, inputs: ArrayLike<number>[], options: RunOptions = {}): CellTrace {
  checkParams(shape, params);
  const kernel = asMatrix(shape, params, 'kernel');
  const recurrentKernel = asMatrix(shape, params, 'recurrentKernel');
  const { initialState, activation, recurrentActivation } = options;
  const h0 = initialState?.h;
  let steps: TraceStep[];
  if (shape.kind === 'rnn') {
    steps = simpleRnnForward(inputs, { kernel, recurrentKernel, bias: params.bias }, { activation, initialState: h0 }).map((s) => ({
      x: s.x,
      hPrev: s.hPrev,
      pre: [s.preActivation],
      act: [s.h],
      candidate: s.h,
      h: s.h,
    }));
  } else if (shape.kind === 'lstm') {
    const lstmState = h0 ? { h: h0, c: initialState?.c ?? new Float32Array(shape.units) } : undefined;
    steps = lstmForward(inputs, { kernel, recurrentKernel, bias: params.bias }, { activation, recurrentActivation, initialState: lstmState }).map((s) => ({
      x: s.x,
      hPrev: s.hPrev,
      pre: [s.i.preActivation, s.f.preActivation, s.g.preActivation, s.o.preActivation],
      act: [s.i.activation, s.f.activation, s.g.activation, s.o.activation],
      candidate: s.g.activation,
      c: s.c,
      cPrev: s.cPrev,
      cActivated: s.cActivated,
      kept: s.kept,
      added: s.added,
      h: s.h,
    }));
  } else {
    const weights = shape.resetAfter
      ? { resetAfter: true as const, kernel, recurrentKernel, bias: asMatrix(shape, params, 'bias') }
      : { resetAfter: false as const, kernel, recurrentKernel, bias: params.bias };
    steps = gruForward(inputs, weights, { activation, recurrentActivation, initialState: h0 }).map((s) => ({
      x: s.x,
      hPrev: s.hPrev,
      pre: [s.z.preActivation, s.r.preActivation, s.candidate.preActivation],
      act: [s.z.activation, s.r.activation, s.candidate.activation],
      candidate: s.candidate.activation,
      kept: s.kept,
      added: s.added,
      zComplement: s.zComplement,
      ...(s.resetHPrev ? { resetHPrev: s.resetHPrev } : {}),
      ...(s.recurrentProjection ? { recurrentProjection: s.recurrentProjection } : {}),
      resetTerm: s.candidate.recurrentTerm,
      h: s.h,
    }));
  }
  return { ...shape, steps };
}

/** The state drawn as the "conveyor belt": c for an LSTM, h for cells that carry nothing else. */
export function beltOf(step: TraceStep): Float32Array {
  return step.c ?? step.h;
}
