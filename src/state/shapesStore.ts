/**
 * The reader's choice in the shapes widget: which shape, how many steps, and whether the pulse
 * runs. Saved, so a reload shows the drawing the reader was looking at (see settingsStore.ts).
 */
import { MAX_LENGTH, MIN_LENGTH, type ShapeName, isShapeName } from '../engine/recurrenceShapes';
import { createSettingsStore } from './settingsStore';

export interface ShapesChoice {
  shape: ShapeName;
  length: number;
  animate: boolean;
}

export const SHAPES_DEFAULTS: ShapesChoice = { shape: 'manyToOne', length: 5, animate: true };

const validLength = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= MIN_LENGTH && n <= MAX_LENGTH;

/** Keeps only well-formed saved fields; anything else falls back to the default. */
export const ShapesStore = createSettingsStore('RecurrenceShapes', SHAPES_DEFAULTS, (s) => ({
  ...(isShapeName(s.shape) ? { shape: s.shape } : {}),
  ...(validLength(s.length) ? { length: s.length } : {}),
  ...(typeof s.animate === 'boolean' ? { animate: s.animate } : {}),
}));
