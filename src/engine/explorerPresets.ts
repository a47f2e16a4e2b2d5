/**
 * Hand-set weights that make a tiny cell do one recognisable thing, plus the seeded start the
 * explorer uses before the reader touches anything. Each preset is plain data: for some gates of
 * some units, a bias, weights on input dimensions and weights on the previous h; everything not
 * named is zero. The numbers lean on saturation: σ(10) ≈ 0.99995 is "open", σ(−10) "shut",
 * tanh(10) ≈ 1 a constant "one" — the same tricks a trained network finds, made obvious.
 * test/unit/explorerPresets.test.ts runs each one to show it does what its name says.
 */
import { type CellKind, type CellParams, type CellShape, CELL_GATES, partShape } from './cellTrace';
import { seededRandom } from './random';

/** One gate of one unit: every term not given is 0. */
export interface UnitGate {
  bias?: number;
  /** Weight from input dimension d (missing dimensions, or ones the explorer lacks, are 0). */
  input?: readonly number[];
  /** Weight from unit u of h_{t-1}. */
  recurrent?: readonly number[];
}

export const PRESET_IDS = ['forgetOpen', 'forgetShut', 'rememberFirst', 'counter', 'signFlipper'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  cell: CellKind;
  units: number;
  /** gates[gateId][unit] */
  gates: Readonly<Record<string, readonly (UnitGate | undefined)[]>>;
}

const OPEN = 10;
const SHUT = -10;

export const PRESETS: Record<PresetId, Preset> = {
  // The cell keeps everything: c_t ≈ c_{t-1} + tanh(2·x_t[0]), a running sum of the first input dimension.
  forgetOpen: {
    id: 'forgetOpen',
    cell: 'lstm',
    units: 1,
    gates: { i: [{ bias: OPEN }], f: [{ bias: OPEN }], c: [{ input: [2] }], o: [{ bias: OPEN }] },
  },
  // Same cell, forget gate shut: c_t ≈ tanh(2·x_t[0]), nothing of the past survives a step.
  forgetShut: {
    id: 'forgetShut',
    cell: 'lstm',
    units: 1,
    gates: { i: [{ bias: OPEN }], f: [{ bias: SHUT }], c: [{ input: [2] }], o: [{ bias: OPEN }] },
  },
  // Unit 1 is a flag that turns on after the first token; its h then shuts unit 0's input gate,
  // so unit 0 (forget gate open) holds tanh(3·x_0[0]) of the first word to the end.
  rememberFirst: {
    id: 'rememberFirst',
    cell: 'lstm',
    units: 2,
    gates: {
      i: [{ bias: 4, recurrent: [0, SHUT] }, { bias: OPEN }],
      f: [{ bias: OPEN }, { bias: OPEN }],
      c: [{ input: [3] }, { bias: OPEN }],
      o: [{ bias: OPEN }, { bias: OPEN }],
    },
  },
  // Gates open, candidate a constant 1: the cell adds one per token, c_t ≈ t + 1, whatever the words.
  counter: {
    id: 'counter',
    cell: 'lstm',
    units: 1,
    gates: { i: [{ bias: OPEN }], f: [{ bias: OPEN }], c: [{ bias: OPEN }], o: [{ bias: OPEN }] },
  },
  // h_t = tanh(1 − 5·h_{t-1}): a strong negative self-loop, so the state changes sign every step.
  signFlipper: {
    id: 'signFlipper',
    cell: 'rnn',
    units: 1,
    gates: { h: [{ bias: 1, recurrent: [-5] }] },
  },
};

/** A preset's weights in the fused layout, for an explorer with inputDim input dimensions. */
export function presetParams(preset: Preset, inputDim: number): { shape: CellShape; params: CellParams } {
  const shape: CellShape = { kind: preset.cell, units: preset.units, inputDim, resetAfter: false };
  const [, cols] = partShape(shape, 'kernel');
  const params: CellParams = {
    kernel: new Float32Array(inputDim * cols),
    recurrentKernel: new Float32Array(preset.units * cols),
    bias: new Float32Array(cols),
  };
  CELL_GATES[preset.cell].forEach((slot, block) => {
    preset.gates[slot.id]?.forEach((gate, unit) => {
      if (!gate) return;
      const col = block * preset.units + unit;
      params.bias[col] = gate.bias ?? 0;
      gate.input?.forEach((w, d) => {
        if (d < inputDim) params.kernel[d * cols + col] = w;
      });
      gate.recurrent?.forEach((w, u) => {
        params.recurrentKernel[u * cols + col] = w;
      });
    });
  });
  return { shape, params };
}

/** Rounds to the explorer's grid of 0.01, so every weight on screen is the weight in the link. */
export const snapWeight = (value: number): number => Math.round(value * 100) / 100;

/**
 * The explorer's starting weights: Glorot-uniform-sized values from a seed fixed by the shape,
 * biases 0 except an LSTM's forget gate at 1 (Keras' unit_forget_bias), all on the 0.01 grid.
 */
export function defaultParams(shape: CellShape, salt = 0): CellParams {
  const { kind, units, inputDim, resetAfter } = shape;
  // `salt` gives a second layer of the same shape (a stack, the backward half of a
  // bidirectional layer) its own weights.
  const seed = 1000 * ['rnn', 'lstm', 'gru'].indexOf(kind) + 100 * units + 10 * inputDim + (resetAfter ? 1 : 0) + 7919 * salt;
  const random = seededRandom(seed);
  const [, cols] = partShape(shape, 'kernel');
  const draw = (length: number, limit: number) => Float32Array.from({ length }, () => snapWeight((random() * 2 - 1) * limit));
  const bias = new Float32Array(partShape(shape, 'bias')[0] * cols);
  if (kind === 'lstm') bias.fill(1, units, 2 * units);
  return {
    kernel: draw(inputDim * cols, Math.sqrt(6 / (inputDim + cols))),
    recurrentKernel: draw(units * cols, Math.sqrt(6 / (units + cols)) * 1.5),
    bias,
  };
}
