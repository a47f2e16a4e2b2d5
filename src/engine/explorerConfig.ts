/**
 * Everything the cell explorer remembers, its defaults, and its link format. The link is read
 * from a URL anyone can edit, so decoding trusts nothing: every field is checked for type, size
 * and range, and anything off makes the whole link fall back to the defaults with a reason.
 *
 * Link format (version 1), JSON then base64url:
 *   { v: 1, s: sentence, c: cell, m: compare 0|1, u: units, d: input dims, r: GRU reset_after 0|1,
 *     t: time step, e: { token: [hundredths…] }, w: { kind: [kernel, recurrent, bias] in hundredths } }
 * Weights equal to a kind's defaults are left out, so an untouched explorer has a short link.
 */
import type { LinkCodec, LinkProblem } from './linkSchema';
import { type CellKind, type CellParams, type CellShape, CELL_KINDS, WEIGHT_PARTS, partSize } from './cellTrace';
import { type PresetId, PRESETS, defaultParams, presetParams, snapWeight } from './explorerPresets';
import { MAX_TOKENS } from './tokenVectors';
import { decodeJsonParam, encodeJsonParam } from './jsonParam';
import { errorMessage } from './errors';

export const MAX_UNITS = 8;
/** What the explorer's own controls offer; links and props may ask for up to MAX_UNITS. */
export const UI_MAX_UNITS = 4;
export const MAX_INPUT_DIM = 4;
export const MAX_SENTENCE_CHARS = 400;
export const WEIGHT_LIMIT = 10;
const MAX_PARAM_CHARS = 20_000;
const MAX_TOKEN_CHARS = 64;

export const DEFAULT_SENTENCE = 'The cat that the dog chased ran away 🐈 — 猫跑了!';

export interface ExplorerConfig {
  sentence: string;
  /** The cell shown alone, and the one whose weights the grid edits in compare mode. */
  cell: CellKind;
  compare: boolean;
  units: number;
  inputDim: number;
  resetAfter: boolean;
  /** Embedding rows the reader edited, by token. */
  embeddings: Readonly<Record<string, readonly number[]>>;
  weights: Readonly<Record<CellKind, CellParams>>;
  time: number;
}

export interface ExplorerProps {
  cell?: CellKind;
  compare?: boolean;
  units?: number;
  inputDim?: number;
  sentence?: string;
}

const intIn = (value: unknown, min: number, max: number, fallback: number): number =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : fallback;

export function shapeOf(config: Pick<ExplorerConfig, 'units' | 'inputDim' | 'resetAfter'>, kind: CellKind): CellShape {
  return { kind, units: config.units, inputDim: config.inputDim, resetAfter: kind === 'gru' && config.resetAfter };
}

export function defaultWeights(config: Pick<ExplorerConfig, 'units' | 'inputDim' | 'resetAfter'>): Record<CellKind, CellParams> {
  return { rnn: defaultParams(shapeOf(config, 'rnn')), lstm: defaultParams(shapeOf(config, 'lstm')), gru: defaultParams(shapeOf(config, 'gru')) };
}

/** The explorer as the chapter configured it; out-of-range props are clamped, not trusted. */
export function defaultConfig(props: ExplorerProps = {}): ExplorerConfig {
  const dims = {
    units: intIn(props.units, 1, MAX_UNITS, 2),
    inputDim: intIn(props.inputDim, 1, MAX_INPUT_DIM, 3),
    resetAfter: false,
  };
  return {
    sentence: typeof props.sentence === 'string' ? props.sentence.slice(0, MAX_SENTENCE_CHARS) : DEFAULT_SENTENCE,
    cell: props.cell && (CELL_KINDS as readonly string[]).includes(props.cell) ? props.cell : 'lstm',
    compare: props.compare === true,
    ...dims,
    embeddings: {},
    weights: defaultWeights(dims),
    time: 0,
  };
}

/** The same config with new sizes: weights that no longer fit start again from the defaults. */
export function resized(config: ExplorerConfig, patch: Partial<Pick<ExplorerConfig, 'units' | 'inputDim' | 'resetAfter'>>): ExplorerConfig {
  const next = { ...config, ...patch };
  const fresh = defaultWeights(next);
  const keep = (kind: CellKind) =>
    WEIGHT_PARTS.every((part) => config.weights[kind][part].length === partSize(shapeOf(next, kind), part)) &&
    next.units === config.units &&
    next.inputDim === config.inputDim;
  const weights = Object.fromEntries(CELL_KINDS.map((k) => [k, keep(k) ? config.weights[k] : fresh[k]])) as Record<CellKind, CellParams>;
  const embeddings = next.inputDim === config.inputDim ? config.embeddings : {};
  return { ...next, weights, embeddings };
}

export function withPreset(config: ExplorerConfig, id: PresetId): ExplorerConfig {
  const preset = PRESETS[id];
  const sized = resized(config, { units: preset.units });
  const { params } = presetParams(preset, sized.inputDim);
  return { ...sized, cell: preset.cell, weights: { ...sized.weights, [preset.cell]: params } };
}

const toHundredths = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 100));

const sameValues = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => v === b[i]);

export function encodeConfig(config: ExplorerConfig): string {
  const defaults = defaultWeights(config);
  const w: Record<string, number[][]> = {};
  for (const kind of CELL_KINDS) {
    if (WEIGHT_PARTS.every((part) => sameValues(config.weights[kind][part], defaults[kind][part]))) continue;
    w[kind] = WEIGHT_PARTS.map((part) => toHundredths(config.weights[kind][part]));
  }
  const e = Object.fromEntries(Object.entries(config.embeddings).map(([token, row]) => [token, toHundredths(row)]));
  return encodeJsonParam({
    v: 1,
    s: config.sentence,
    c: config.cell,
    m: config.compare ? 1 : 0,
    u: config.units,
    d: config.inputDim,
    r: config.resetAfter ? 1 : 0,
    t: config.time,
    e,
    w,
  });
}

export type DecodeProblem = LinkProblem;

export type Decoded = { config: ExplorerConfig; problem: null } | { config: null; problem: DecodeProblem; detail: string };

class Invalid extends Error {}

function need(ok: boolean, what: string): void {
  if (!ok) throw new Invalid(what);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An array of exactly `length` integers within ±WEIGHT_LIMIT once divided by 100. */
function hundredths(value: unknown, length: number, what: string): number[] {
  need(Array.isArray(value) && value.length === length, `${what}: expected ${length} numbers`);
  const limit = WEIGHT_LIMIT * 100;
  return (value as unknown[]).map((v, i) => {
    need(Number.isInteger(v) && Math.abs(v as number) <= limit, `${what}[${i}] is not a number within ±${WEIGHT_LIMIT}`);
    return snapWeight((v as number) / 100);
  });
}

function strictInt(value: unknown, min: number, max: number, what: string): number {
  need(Number.isInteger(value) && (value as number) >= min && (value as number) <= max, `${what} must be a whole number from ${min} to ${max}`);
  return value as number;
}

function flag(value: unknown, what: string): boolean {
  need(value === 0 || value === 1, `${what} must be 0 or 1`);
  return value === 1;
}

function parseFields(raw: Record<string, unknown>): ExplorerConfig {
  need(typeof raw.s === 'string' && raw.s.length <= MAX_SENTENCE_CHARS, `sentence must be text of at most ${MAX_SENTENCE_CHARS} characters`);
  need(typeof raw.c === 'string' && (CELL_KINDS as readonly string[]).includes(raw.c), 'cell must be rnn, lstm or gru');
  const dims = {
    units: strictInt(raw.u, 1, MAX_UNITS, 'units'),
    inputDim: strictInt(raw.d, 1, MAX_INPUT_DIM, 'input dimensions'),
    resetAfter: flag(raw.r, 'reset_after'),
  };
  const time = strictInt(raw.t, 0, MAX_TOKENS - 1, 'time');

  need(isRecord(raw.e), 'embeddings must be an object');
  const rows = Object.entries(raw.e as Record<string, unknown>);
  need(rows.length <= MAX_TOKENS, `at most ${MAX_TOKENS} embedding rows`);
  // fromEntries defines own properties, so a token named "__proto__" stays a plain key.
  const embeddings = Object.fromEntries(
    rows.map(([token, row]) => {
      need(token.length > 0 && token.length <= MAX_TOKEN_CHARS, 'embedding token length');
      return [token, hundredths(row, dims.inputDim, `embedding of ${JSON.stringify(token)}`)];
    }),
  );

  need(isRecord(raw.w), 'weights must be an object');
  const given = raw.w as Record<string, unknown>;
  need(Object.keys(given).every((k) => (CELL_KINDS as readonly string[]).includes(k)), 'weights for an unknown cell');
  const defaults = defaultWeights(dims);
  const weights = Object.fromEntries(
    CELL_KINDS.map((kind) => {
      if (!Object.hasOwn(given, kind)) return [kind, defaults[kind]];
      const parts = given[kind];
      need(Array.isArray(parts) && parts.length === WEIGHT_PARTS.length, `${kind} weights must be [kernel, recurrent kernel, bias]`);
      const shape = shapeOf(dims, kind);
      const [kernel, recurrentKernel, bias] = WEIGHT_PARTS.map((part, i) =>
        Float32Array.from(hundredths((parts as unknown[])[i], partSize(shape, part), `${kind} ${part}`)),
      );
      return [kind, { kernel, recurrentKernel, bias }];
    }),
  ) as Record<CellKind, CellParams>;

  return { sentence: raw.s as string, cell: raw.c as CellKind, compare: flag(raw.m, 'compare'), ...dims, time, embeddings, weights };
}

export function decodeConfig(text: string): Decoded {
  if (text.length > MAX_PARAM_CHARS) return { config: null, problem: 'tooLong', detail: `${text.length} characters` };
  let raw: unknown;
  try {
    raw = decodeJsonParam(text);
  } catch (error) {
    return { config: null, problem: 'notJson', detail: errorMessage(error) };
  }
  if (!isRecord(raw)) return { config: null, problem: 'notObject', detail: typeof raw };
  if (raw.v !== 1) return { config: null, problem: 'version', detail: String(raw.v) };
  try {
    return { config: parseFields(raw), problem: null };
  } catch (error) {
    if (error instanceof Invalid) return { config: null, problem: 'field', detail: error.message };
    throw error;
  }
}

const LINK_FIELDS = ['v', 's', 'c', 'm', 'u', 'd', 'r', 't', 'e', 'w'];

/** The explorer's format as the shared link codec (linkSchema.ts), so the shell's link and note work the same for it. */
export const explorerLink: LinkCodec<ExplorerConfig> = {
  encode: encodeConfig,
  decode(text) {
    const decoded = decodeConfig(text);
    if (decoded.problem !== null) return { value: null, problem: decoded.problem, detail: decoded.detail };
    // Like every other widget's schema, a field this version never wrote means the link is not ours.
    const extra = Object.keys(decodeJsonParam(text) as object).find((k) => !LINK_FIELDS.includes(k));
    if (extra !== undefined) return { value: null, problem: 'field', detail: `unknown field ${JSON.stringify(extra.slice(0, 40))}` };
    return { value: decoded.config, problem: null };
  },
};
