/** The sentence and cell of chapter 13's step-by-step bidirectional widget, saved and linkable (see settingsStore.ts). */
import { choice, cleanWith, linkSchema, text } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

export interface BidiSettings {
  text: string;
  cell: 'lstm' | 'simpleRNN';
}

export const BIDI_DEFAULTS: BidiSettings = { text: 'not bad at all', cell: 'lstm' };

/** The sentence field's own limit: the widget reads only its first few tokens anyway. */
export const MAX_BIDI_CHARS = 200;

export const BIDI_LINK = linkSchema<BidiSettings>(1, { text: text(MAX_BIDI_CHARS), cell: choice(['lstm', 'simpleRNN'] as const) });

export const BidiStore = createSettingsStore('BidirectionalSteps', BIDI_DEFAULTS, cleanWith(BIDI_LINK), BIDI_LINK);
