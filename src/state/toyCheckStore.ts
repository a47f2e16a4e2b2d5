/**
 * What the toy chapters' forward check (src/widgets/toyLab/ToyForwardCheck.tsx) shows: the
 * document and the step its cell diagram draws (null: the last step, where model.predict reads
 * the state). Saved per lab, so a reload draws the same cell, and linkable.
 */
import { cleanWith, linkSchema, number, orNull } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';
import { TOY_NAMES, type ToyCell } from './toyLabStore';

export interface ToyCheckSettings {
  doc: number;
  step: number | null;
}

export const TOY_CHECK_DEFAULTS: ToyCheckSettings = { doc: 0, step: null };

export const TOY_CHECK_LINK = linkSchema<ToyCheckSettings>(1, {
  doc: number(0, 9999, { integer: true }),
  step: orNull(number(0, 9999, { integer: true })),
});

/** The check's link parameter (and saved settings' name), after its lab's. */
export const toyCheckParam = (cell: ToyCell): string => `${TOY_NAMES[cell]}-check`;

export const ToyCheckStore = createSettingsStore('ToyForwardCheck', TOY_CHECK_DEFAULTS, cleanWith(TOY_CHECK_LINK), TOY_CHECK_LINK);
