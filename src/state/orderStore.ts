/** The two sentences the reader compares; saved so an edited pair survives a reload (see settingsStore.ts). */
import { createSettingsStore } from './settingsStore';

export interface SentencePair {
  first: string;
  second: string;
}

export const ORDER_DEFAULTS: SentencePair = { first: 'A is faster than B', second: 'B is faster than A' };

/** Longer than any sentence worth comparing here; a saved value past it is not ours. */
export const MAX_SENTENCE_CHARS = 200;

const validSentence = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_SENTENCE_CHARS;

export const OrderStore = createSettingsStore('OrderMatters', ORDER_DEFAULTS, (s) => ({
  ...(validSentence(s.first) ? { first: s.first } : {}),
  ...(validSentence(s.second) ? { second: s.second } : {}),
}));
