/**
 * The state of a cell-lanes widget (src/widgets/cell/CellLanes.tsx): the reader's sentence, the
 * time cursor and the biases the reader dragged on the diagrams, per lane. One store per widget;
 * sentence, time and biases survive a reload. A sentence the reader never changed is saved as
 * null, so it stays the example of whichever language the page is in.
 *
 * The widget's link carries the same three (a StoreLink, storeLinks.ts: the store also holds the
 * play state, which no link carries), and wins over the saved copy.
 */
import { type Field, linkSchema, number, numbers, text } from '../engine/linkSchema';
import { createScopedStore } from './scopedStore';
import { type StoreLink, seedFromLinks } from './storeLinks';

export const LANES_MAX_SENTENCE = 200;
const LIMIT = 10;
/** The cursor's range, with room above the widget's token cap. */
const MAX_TIME = 63;

export interface CellLanesSettings {
  sentence: string;
  time: number;
  bias: Record<string, number[]>;
}

export interface CellLanesState extends CellLanesSettings {
  /** The example sentence this widget started from (the chapter's, in the page's language). */
  defaultSentence: string;
  playing: boolean;
  setSentence(sentence: string): void;
  setTime(time: number): void;
  setBias(lane: string, bias: ArrayLike<number>, index: number, value: number): void;
  setPlaying(playing: boolean): void;
  reset(): void;
}

type SavedLanes = Omit<CellLanesSettings, 'sentence'> & { sentence: string | null };

/** A lane's bias row, by lane id (lower, upper, forward, backward, resetBefore, resetAfter). */
const biasRows: Field<Record<string, number[]>> = {
  read(raw) {
    const row = numbers([1, 64], -LIMIT, LIMIT);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, why: 'must be an object of bias rows by lane' };
    const entries = Object.entries(raw as Record<string, unknown>);
    if (entries.length > 6) return { ok: false, why: 'has more lanes than any preset' };
    for (const [lane, values] of entries) {
      if (!/^[A-Za-z]{1,24}$/.test(lane)) return { ok: false, why: `has a lane named ${JSON.stringify(lane.slice(0, 30))}` };
      const read = row.read(values);
      if (!read.ok) return { ok: false, why: `${lane} ${read.why}` };
    }
    return { ok: true, value: Object.fromEntries(entries.map(([lane, values]) => [lane, [...(values as number[])]])) };
  },
};

export const CELL_LANES_LINK = linkSchema<CellLanesSettings>(1, {
  sentence: text(LANES_MAX_SENTENCE),
  time: number(0, MAX_TIME, { integer: true }),
  bias: biasRows,
});

export const CELL_LANES_LINK_DEFAULTS: CellLanesSettings = { sentence: '', time: 0, bias: {} };

/** One widget's link: its parameter is the widget's id; a link that cannot be read starts from its example sentence. */
export function cellLanesLink(param: string, sentence: string): StoreLink<CellLanesState, CellLanesSettings> {
  return {
    param,
    codec: CELL_LANES_LINK,
    defaults: { ...CELL_LANES_LINK_DEFAULTS, sentence },
    pick: ({ sentence: s, time, bias }) => ({ sentence: s, time, bias }),
    patch: (value) => value,
  };
}

export const CellLanesStore = createScopedStore<CellLanesState, SavedLanes, { sentence: string; linked?: Partial<CellLanesState> }>(
  'CellLanes',
  (set, get, init) => {
    const start: CellLanesSettings = { sentence: init.sentence, time: 0, bias: {} };
    return {
      ...start,
      defaultSentence: init.sentence,
      playing: false,
      setSentence: (sentence) => set({ sentence: sentence.slice(0, LANES_MAX_SENTENCE) }),
      setTime: (time) => set({ time: Math.max(0, Math.min(MAX_TIME, Math.round(time))) }),
      setBias(lane, bias, index, value) {
        const row = Array.from(get().bias[lane] ?? bias);
        if (!(index >= 0 && index < row.length)) return;
        row[index] = Math.max(-LIMIT, Math.min(LIMIT, value));
        set({ bias: { ...get().bias, [lane]: row } });
      },
      setPlaying: (playing) => set({ playing }),
      reset: () => set({ ...start, playing: false }),
    };
  },
  {
    persist: {
      version: 1,
      partialize: ({ sentence, defaultSentence, time, bias }) => ({ sentence: sentence === defaultSentence ? null : sentence, time, bias }),
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<CellLanesSettings>;
        const bias = biasRows.read(s.bias);
        return {
          ...current,
          sentence: typeof s.sentence === 'string' && s.sentence.length <= LANES_MAX_SENTENCE ? s.sentence : current.sentence,
          time: Number.isInteger(s.time) && s.time! >= 0 && s.time! <= MAX_TIME ? s.time! : 0,
          bias: bias.ok ? bias.value : {},
        };
      },
    },
    seed: (store, init) => seedFromLinks(store, init.linked),
  },
);
