/**
 * The reader's choice in the shapes widget: which shape, how many steps, and whether the pulse
 * runs. Saved, so a reload shows the drawing the reader was looking at.
 */
import { createScopedStore } from './scopedStore';
import { MAX_LENGTH, MIN_LENGTH, type ShapeName, isShapeName } from '../engine/recurrenceShapes';

export interface ShapesChoice {
  shape: ShapeName;
  length: number;
  animate: boolean;
}

export const SHAPES_DEFAULTS: ShapesChoice = { shape: 'manyToOne', length: 5, animate: true };

export interface ShapesState extends ShapesChoice {
  set(patch: Partial<ShapesChoice>): void;
  reset(): void;
}

const validLength = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= MIN_LENGTH && n <= MAX_LENGTH;

/** Keeps only well-formed saved fields; anything else falls back to the default. */
export function mergeShapesChoice(saved: unknown, current: ShapesState): ShapesState {
  const s = (saved && typeof saved === 'object' ? saved : {}) as Partial<Record<keyof ShapesChoice, unknown>>;
  return {
    ...current,
    ...(isShapeName(s.shape) ? { shape: s.shape } : {}),
    ...(validLength(s.length) ? { length: s.length } : {}),
    ...(typeof s.animate === 'boolean' ? { animate: s.animate } : {}),
  };
}

export const ShapesStore = createScopedStore<ShapesState, ShapesChoice>(
  'RecurrenceShapes',
  (set) => ({ ...SHAPES_DEFAULTS, set: (patch) => set(patch), reset: () => set(SHAPES_DEFAULTS) }),
  {
    persist: {
      version: 1,
      partialize: ({ shape, length, animate }) => ({ shape, length, animate }),
      merge: mergeShapesChoice,
    },
  },
);
