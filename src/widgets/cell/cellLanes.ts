/**
 * The cells a chapter runs side by side over one sentence, as "lanes": each lane one recurrent
 * layer with its shape, weights and engine trace. Presets:
 *   stacked       — two LSTMs, the lower layer's h sequence is the upper layer's input (chapter 8);
 *   bidirectional — one LSTM reading forwards, one reading backwards, and their concatenation (13);
 *   gruVariants   — the same GRU weights with the reset gate before and after U_h (10).
 * All numbers come from the engine (runCell); weights are the explorer's deterministic defaults,
 * with the reader's bias edits laid over them.
 */
import { type CellKind, type CellParams, type CellShape, type CellTrace, runCell } from '../../engine/cellTrace';
import { defaultParams } from '../../engine/explorerPresets';
import { embedTokens } from '../../engine/tokenVectors';

export const LANE_PRESETS = ['stacked', 'bidirectional', 'gruVariants'] as const;
export type LanePreset = (typeof LANE_PRESETS)[number];

export interface Lane {
  id: string;
  shape: CellShape;
  params: CellParams;
  trace: CellTrace;
  /** Reads the sentence last token first: trace step s belongs to token T − 1 − s. */
  backward: boolean;
}

export const LANE_INPUT_DIM = 3;
const UNITS = 3;

/** The trace step a lane shows at token `t`. */
export const stepAt = (lane: Lane, t: number): number => (lane.backward ? lane.trace.steps.length - 1 - t : t);

export type BiasOverrides = Readonly<Record<string, readonly number[]>>;

function withBias(params: CellParams, override: readonly number[] | undefined): CellParams {
  return override && override.length === params.bias.length ? { ...params, bias: Float32Array.from(override) } : params;
}

function lane(id: string, shape: CellShape, base: CellParams, inputs: Float32Array[], overrides: BiasOverrides, backward = false): Lane {
  const params = withBias(base, overrides[id]);
  return { id, shape, params, trace: runCell(shape, params, backward ? inputs.slice().reverse() : inputs), backward };
}

export function buildLanes(preset: LanePreset, tokens: readonly string[], overrides: BiasOverrides): Lane[] {
  const inputs = embedTokens(tokens, LANE_INPUT_DIM);
  const shape = (kind: CellKind, inputDim = LANE_INPUT_DIM, resetAfter = false): CellShape => ({ kind, units: UNITS, inputDim, resetAfter });
  if (preset === 'stacked') {
    const lower = lane('lower', shape('lstm'), defaultParams(shape('lstm')), inputs, overrides);
    const upperShape = shape('lstm', UNITS);
    // return_sequences=True on the lower layer: every h_t it produces is the upper layer's x_t.
    const upper = lane('upper', upperShape, defaultParams(upperShape, 1), lower.trace.steps.map((s) => s.h), overrides);
    return [lower, upper];
  }
  if (preset === 'bidirectional') {
    const s = shape('lstm');
    return [lane('forward', s, defaultParams(s), inputs, overrides), lane('backward', s, defaultParams(s, 2), inputs, overrides, true)];
  }
  // The same kernel, recurrent kernel and (input) bias in both forms; reset_after's second bias
  // row, the recurrent one, starts at zero, so only where r acts differs.
  const before = shape('gru');
  const after = shape('gru', LANE_INPUT_DIM, true);
  const base = defaultParams(before);
  const afterBase = { ...base, bias: Float32Array.from([...base.bias, ...new Float32Array(base.bias.length)]) };
  return [lane('resetBefore', before, base, inputs, overrides), lane('resetAfter', after, afterBase, inputs, overrides)];
}
