/**
 * The cell explorer's store: the reader's config (sentence, cells, sizes, embedding edits, weights,
 * time) and everything derived from it — tokens, input vectors and one trace per cell. Derivation
 * happens here, once per change, with the engine alone (no tfjs), and each piece is reused when its
 * inputs did not change: dragging an LSTM weight recomputes the LSTM trace only, and moving the
 * time cursor recomputes nothing. Widgets select these stable references, so a component redraws
 * only when what it shows has changed.
 *
 * One store per explorer (made by its provider from the chapter's props and the link), never a
 * module global, so two explorers on a page are independent.
 */
import { type CellKind, type CellTrace, type WeightPart, runCell } from '../engine/cellTrace';
import { type PresetId, snapWeight } from '../engine/explorerPresets';
import { embedTokens, tokenizeSentence, tokenVector, vocabularyOf } from '../engine/tokenVectors';
import {
  type ExplorerConfig,
  MAX_SENTENCE_CHARS,
  WEIGHT_LIMIT,
  resized,
  shapeOf,
  withPreset,
} from '../engine/explorerConfig';
import { createScopedStore } from './scopedStore';

export interface ExplorerDerived {
  tokens: string[];
  /** Tokens in the whole sentence, before the cut at MAX_TOKENS. */
  totalTokens: number;
  truncated: boolean;
  vocabulary: string[];
  inputs: Float32Array[];
  traces: Record<CellKind, CellTrace>;
}

export interface ExplorerState extends ExplorerDerived {
  config: ExplorerConfig;
  /** The config a Reset returns to: the chapter's props. */
  initial: ExplorerConfig;
  playing: boolean;
  /**
   * While a weight or bias is dragged (null otherwise): the traces and weights as they were when
   * the drag began, which the DOM around the drawings (tables, labels, weight grids) shows until it
   * ends. Rewriting them on every move would cost most of a frame and could not be read anyway.
   */
  held: { traces: Record<CellKind, CellTrace>; weights: ExplorerConfig['weights'] } | null;

  setSentence(sentence: string): void;
  setCell(cell: CellKind): void;
  setCompare(compare: boolean): void;
  setSizes(patch: Partial<Pick<ExplorerConfig, 'units' | 'inputDim' | 'resetAfter'>>): void;
  /** Sets one weight, clamped to ±WEIGHT_LIMIT and snapped (clampWeight); returns the value as kept. */
  setWeight(kind: CellKind, part: WeightPart, index: number, value: number): number;
  /** Sets one dimension of a token's embedding, clamped and snapped the same way; returns the value as kept. */
  setEmbedding(token: string, dim: number, value: number): number;
  /** Loads a preset's weights; with a sentence (the Chinese edition's presets bring one), that sentence too. */
  applyPreset(id: PresetId, sentence?: string): void;
  setTime(time: number): void;
  stepTime(delta: number): void;
  setPlaying(playing: boolean): void;
  setDragging(dragging: boolean): void;
  reset(): void;
}

const clampWeight = (value: number): number => snapWeight(Math.min(WEIGHT_LIMIT, Math.max(-WEIGHT_LIMIT, value)));

/** Recomputes what changed since `prev`, reusing every piece whose inputs are the same objects. */
export function derive(config: ExplorerConfig, prev?: { config: ExplorerConfig } & ExplorerDerived): ExplorerDerived {
  const sameText = prev !== undefined && prev.config.sentence === config.sentence;
  const tokenized = sameText ? { tokens: prev.tokens, total: prev.totalTokens, truncated: prev.truncated } : tokenizeSentence(config.sentence);
  const sameInputs = sameText && prev.config.inputDim === config.inputDim && prev.config.embeddings === config.embeddings;
  const inputs = sameInputs ? prev.inputs : embedTokens(tokenized.tokens, config.inputDim, config.embeddings);
  const trace = (kind: CellKind): CellTrace => {
    const old = prev?.traces[kind];
    const shape = shapeOf(config, kind);
    const reusable =
      old && sameInputs && prev.config.weights[kind] === config.weights[kind] && old.units === shape.units && old.resetAfter === shape.resetAfter;
    return reusable ? old : runCell(shape, config.weights[kind], inputs);
  };
  return {
    tokens: tokenized.tokens,
    totalTokens: tokenized.total,
    truncated: tokenized.truncated,
    vocabulary: sameText ? prev.vocabulary : vocabularyOf(tokenized.tokens),
    inputs,
    traces: { rnn: trace('rnn'), lstm: trace('lstm'), gru: trace('gru') },
  };
}

const lastStep = (s: { tokens: string[] }) => Math.max(0, s.tokens.length - 1);

/** What the explorer starts from: the link's config if it decoded, and the chapter's (for Reset). */
export interface ExplorerInit {
  start: ExplorerConfig;
  initial: ExplorerConfig;
}

export const ExplorerStore = createScopedStore<ExplorerState, Partial<ExplorerState>, ExplorerInit>(
  'CellExplorer',
  (set, get, { start, initial }) => {
    /** Applies a new config, re-derives, and keeps the cursor on an existing step. */
    const commit = (config: ExplorerConfig) => {
      const derived = derive(config, get());
      const time = Math.min(config.time, lastStep(derived));
      set({ config: time === config.time ? config : { ...config, time }, ...derived });
    };
    const update = (patch: Partial<ExplorerConfig>) => commit({ ...get().config, ...patch });

    const first = derive(start);
    return {
      config: { ...start, time: Math.min(start.time, lastStep(first)) },
      initial,
      ...first,
      playing: false,
      held: null,

      setSentence: (sentence) => update({ sentence: sentence.slice(0, MAX_SENTENCE_CHARS) }),
      setCell: (cell) => update({ cell }),
      setCompare: (compare) => update({ compare }),
      setSizes: (patch) => commit(resized(get().config, patch)),
      setWeight(kind, part, index, value) {
        const { weights } = get().config;
        const next = clampWeight(value);
        if (!(index >= 0 && index < weights[kind][part].length) || weights[kind][part][index] === next) return next;
        const array = weights[kind][part].slice();
        array[index] = next;
        update({ weights: { ...weights, [kind]: { ...weights[kind], [part]: array } } });
        return next;
      },
      setEmbedding(token, dim, value) {
        const { embeddings, inputDim } = get().config;
        const next = clampWeight(value);
        if (!(dim >= 0 && dim < inputDim)) return next;
        const row = tokenVector(token, inputDim, embeddings);
        row[dim] = next;
        update({ embeddings: Object.fromEntries([...Object.entries(embeddings), [token, row]]) });
        return next;
      },
      applyPreset: (id, sentence) => {
        const config = withPreset(get().config, id);
        commit(sentence === undefined ? config : { ...config, sentence: sentence.slice(0, MAX_SENTENCE_CHARS) });
      },
      setTime: (time) => {
        const t = Math.max(0, Math.min(lastStep(get()), Math.round(time)));
        if (t !== get().config.time) update({ time: t });
      },
      stepTime: (delta) => get().setTime(get().config.time + delta),
      setPlaying: (playing) => set({ playing }),
      setDragging: (dragging) => {
        if (dragging !== (get().held !== null)) set({ held: dragging ? { traces: get().traces, weights: get().config.weights } : null });
      },
      reset: () => {
        set({ playing: false });
        commit(get().initial);
      },
    };
  },
);

export const useExplorerApi = ExplorerStore.useStoreApi;
export const useExplorer = ExplorerStore.useStore;
