/**
 * What the reader set in chapter 17's unit inspector (src/widgets/charLm/CharLmUnits.tsx): the
 * text to read, which layer and state the heatmap shows, the unit, the property searched for and
 * the character picked for the cell diagram. Saved, and the widget's link (its text up to the
 * length the model reads).
 */
import { CHAR_PREDICATES } from '../engine/unitSearch';
import { choice, cleanWith, linkSchema, number, text } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';
import type { CharPredicate } from '../engine/unitSearch';

/** The worker reads this many characters of a text (src/tf/charLmTrainer.ts' MAX_TRACE). */
export const UNITS_MAX_TEXT = 2000;

export interface CharLmUnitsSettings {
  text: string;
  layer: number;
  kind: 'c' | 'h';
  unit: number;
  predicate: CharPredicate;
  /** The picked character: the step the cell diagram draws. */
  at: number;
}

export const CHAR_LM_UNITS_DEFAULTS: CharLmUnitsSettings = {
  text: '“Who is that?” said he.\nThe whale, the whale!\nCall me Ishmael.',
  layer: 0,
  kind: 'c',
  unit: 0,
  predicate: 'quotes',
  at: 0,
};

export const CHAR_LM_UNITS_LINK = linkSchema<CharLmUnitsSettings>(1, {
  text: text(UNITS_MAX_TEXT),
  layer: number(0, 15, { integer: true }),
  kind: choice(['c', 'h'] as const),
  unit: number(0, 4095, { integer: true }),
  predicate: choice(CHAR_PREDICATES),
  at: number(0, UNITS_MAX_TEXT - 1, { integer: true }),
});

export const CharLmUnitsStore = createSettingsStore('CharLmUnits', CHAR_LM_UNITS_DEFAULTS, cleanWith(CHAR_LM_UNITS_LINK), CHAR_LM_UNITS_LINK);
