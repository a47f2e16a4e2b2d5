/**
 * The state of a cell-lanes widget (src/widgets/cell/CellLanes.tsx): the reader's sentence, the
 * time cursor and the biases the reader dragged on the diagrams, per lane. One store per widget;
 * sentence, time and biases survive a reload. A sentence the reader never changed is saved as
 * null, so it stays the example of whichever language the page is in.
 */
import { createScopedStore } from './scopedStore';

export const LANES_MAX_SENTENCE = 200;
const LIMIT = 10;

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

const isBiasMap = (v: unknown): v is Record<string, number[]> =>
  typeof v === 'object' &&
  v !== null &&
  Object.values(v).every((row) => Array.isArray(row) && row.length <= 64 && row.every((x) => typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= LIMIT));

type SavedLanes = Omit<CellLanesSettings, 'sentence'> & { sentence: string | null };

export const CellLanesStore = createScopedStore<CellLanesState, SavedLanes, { sentence: string }>(
  'CellLanes',
  (set, get, init) => {
    const start: CellLanesSettings = { sentence: init.sentence, time: 0, bias: {} };
    return {
      ...start,
      defaultSentence: init.sentence,
      playing: false,
      setSentence: (sentence) => set({ sentence: sentence.slice(0, LANES_MAX_SENTENCE) }),
      setTime: (time) => set({ time: Math.max(0, Math.round(time)) }),
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
        return {
          ...current,
          sentence: typeof s.sentence === 'string' && s.sentence.length <= LANES_MAX_SENTENCE ? s.sentence : current.sentence,
          time: Number.isInteger(s.time) && s.time! >= 0 && s.time! < 64 ? s.time! : 0,
          bias: isBiasMap(s.bias) ? s.bias : {},
        };
      },
    },
  },
);
