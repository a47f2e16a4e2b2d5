/** The two sentences the reader compares; saved so an edited pair survives a reload, and linkable (see settingsStore.ts). */
import { cleanWith, linkSchema, text } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

export interface SentencePair {
  first: string;
  second: string;
}

export const ORDER_DEFAULTS: SentencePair = { first: 'A is faster than B', second: 'B is faster than A' };

/** Longer than any sentence worth comparing here; a saved value past it is not ours. */
export const MAX_SENTENCE_CHARS = 200;

export const ORDER_LINK = linkSchema<SentencePair>(1, { first: text(MAX_SENTENCE_CHARS), second: text(MAX_SENTENCE_CHARS) });

export const OrderStore = createSettingsStore('OrderMatters', ORDER_DEFAULTS, cleanWith(ORDER_LINK), ORDER_LINK);
