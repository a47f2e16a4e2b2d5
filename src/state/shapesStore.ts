/**
 * The reader's choice in the shapes widget: which shape, how many steps, and whether the pulse
 * runs. Saved, so a reload shows the drawing the reader was looking at, and linkable (see settingsStore.ts).
 */
import { choice, cleanWith, flag, linkSchema, number } from '../engine/linkSchema';
import { MAX_LENGTH, MIN_LENGTH, SHAPE_NAMES, type ShapeName } from '../engine/recurrenceShapes';
import { createSettingsStore } from './settingsStore';

export interface ShapesChoice {
  shape: ShapeName;
  length: number;
  animate: boolean;
}

export const SHAPES_DEFAULTS: ShapesChoice = { shape: 'manyToOne', length: 5, animate: true };

export const SHAPES_LINK = linkSchema<ShapesChoice>(1, {
  shape: choice(SHAPE_NAMES),
  length: number(MIN_LENGTH, MAX_LENGTH, { integer: true }),
  animate: flag(),
});

/** Keeps only well-formed saved fields; anything else falls back to the default. */
export const ShapesStore = createSettingsStore('RecurrenceShapes', SHAPES_DEFAULTS, cleanWith(SHAPES_LINK), SHAPES_LINK);
