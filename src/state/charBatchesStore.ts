/** What the reader set in chapter 16's mini-batch widget, saved (see settingsStore.ts). */
import type { TargetWrap } from '../engine/charBatches';
import { choice, linkSchema, number, orNull, text } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

export interface CharBatchesSettings {
  numSeqs: number;
  numSteps: number;
  wrap: TargetWrap;
  k: number;
  /** null: Moby-Dick's first chapter. */
  text: string | null;
}

export const CHAR_BATCHES_SETTINGS: CharBatchesSettings = { numSeqs: 4, numSteps: 8, wrap: 'source', k: 0, text: null };

const whole = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** A link carries the reader's own text only up to this; the saved copy keeps any length. */
export const MAX_LINK_TEXT_CHARS = 4000;

export const CHAR_BATCHES_LINK = linkSchema<CharBatchesSettings>(1, {
  numSeqs: number(1, 64, { integer: true }),
  numSteps: number(1, 200, { integer: true }),
  wrap: choice(['next', 'source'] as const),
  k: number(0, Number.MAX_SAFE_INTEGER, { integer: true }),
  text: orNull(text(MAX_LINK_TEXT_CHARS)),
});

export const CharBatchesStore = createSettingsStore('CharBatches', CHAR_BATCHES_SETTINGS, (s) => ({
  ...(whole(s.numSeqs, 1, 64) ? { numSeqs: s.numSeqs } : {}),
  ...(whole(s.numSteps, 1, 200) ? { numSteps: s.numSteps } : {}),
  ...(s.wrap === 'next' || s.wrap === 'source' ? { wrap: s.wrap as TargetWrap } : {}),
  ...(whole(s.k, 0, Number.MAX_SAFE_INTEGER) ? { k: s.k } : {}),
  ...(typeof s.text === 'string' ? { text: s.text } : {}),
}), CHAR_BATCHES_LINK);
