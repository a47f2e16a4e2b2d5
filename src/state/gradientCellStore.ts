/**
 * The state of chapter 5's backwards cell (src/widgets/cell/GradientCell.tsx): the reader's
 * sentence, the cell, the recurrent weight scale and the step shown (counted from the end), all
 * saved; whether it is playing back through time, not saved. A sentence the reader never changed
 * is saved as null, so it stays the example of whichever language the page is in. The widget's
 * link carries the same four and wins over the saved copy.
 */
import { DEMO_CELLS, type DemoCell } from '../engine/gradientDemoInputs';
import { choice, linkSchema, number, text } from '../engine/linkSchema';
import { createScopedStore } from './scopedStore';
import { type StoreLink, seedFromLinks } from './storeLinks';

export const GRADIENT_CELL_MAX_SENTENCE = 400;
/** The words the widget reads; the step it shows is one of them. */
export const GRADIENT_CELL_MAX_WORDS = 12;

export interface GradientCellSettings {
  sentence: string;
  cell: DemoCell;
  scale: number;
  /** Step shown, counted from the end: 0 is the last word, so a new sentence starts where L is. */
  back: number;
}

export interface GradientCellState extends GradientCellSettings {
  /** The example sentence this widget started from, in the page's language. */
  defaultSentence: string;
  /** Stepping back through time, one word per tick, as backpropagation does. */
  playing: boolean;
  set(patch: Partial<GradientCellSettings & { playing: boolean }>): void;
  reset(): void;
}

export const GRADIENT_CELL_DEFAULTS: Omit<GradientCellSettings, 'sentence'> = { cell: 'lstm', scale: 0.5, back: 0 };

type Saved = Omit<GradientCellSettings, 'sentence'> & { sentence: string | null };

const GRADIENT_CELL_LINK = linkSchema<GradientCellSettings>(1, {
  sentence: text(GRADIENT_CELL_MAX_SENTENCE),
  cell: choice(DEMO_CELLS),
  scale: number(0.1, 4),
  back: number(0, GRADIENT_CELL_MAX_WORDS - 1, { integer: true }),
});

/** The widget's link parameter, also its saved settings' name and its anchor. */
export const GRADIENT_CELL_PARAM = 'gradients-cell';

/** The link; one that cannot be read starts from the example sentence of the page's language. */
export function gradientCellLink(sentence: string): StoreLink<GradientCellState, GradientCellSettings> {
  return {
    param: GRADIENT_CELL_PARAM,
    codec: GRADIENT_CELL_LINK,
    defaults: { ...GRADIENT_CELL_DEFAULTS, sentence },
    pick: ({ sentence: s, cell, scale, back }) => ({ sentence: s, cell, scale, back }),
    patch: (value) => value,
  };
}

export const GradientCellStore = createScopedStore<GradientCellState, Saved, { sentence: string; linked?: Partial<GradientCellState> }>(
  'GradientCell',
  (set, _get, init) => ({
    ...GRADIENT_CELL_DEFAULTS,
    sentence: init.sentence,
    defaultSentence: init.sentence,
    playing: false,
    set: (patch) => set(patch),
    reset: () => set({ ...GRADIENT_CELL_DEFAULTS, sentence: init.sentence, playing: false }),
  }),
  {
    persist: {
      version: 1,
      partialize: ({ sentence, defaultSentence, cell, scale, back }) => ({ sentence: sentence === defaultSentence ? null : sentence, cell, scale, back }),
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<Saved>;
        return {
          ...current,
          sentence: typeof s.sentence === 'string' && s.sentence.length <= GRADIENT_CELL_MAX_SENTENCE ? s.sentence : current.sentence,
          cell: DEMO_CELLS.includes(s.cell as DemoCell) ? (s.cell as DemoCell) : current.cell,
          scale: typeof s.scale === 'number' && s.scale >= 0.1 && s.scale <= 4 ? s.scale : current.scale,
          back: Number.isInteger(s.back) && s.back! >= 0 && s.back! < GRADIENT_CELL_MAX_WORDS ? s.back! : 0,
        };
      },
    },
    seed: (store, init) => seedFromLinks(store, init.linked),
  },
);
