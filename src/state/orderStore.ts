/** The two sentences the reader compares; saved so an edited pair survives a reload. */
import { createScopedStore } from './scopedStore';

export interface SentencePair {
  first: string;
  second: string;
}

export const ORDER_DEFAULTS: SentencePair = { first: 'A is faster than B', second: 'B is faster than A' };

/** Longer than any sentence worth comparing here; a saved value past it is not ours. */
export const MAX_SENTENCE_CHARS = 200;

export interface OrderState extends SentencePair {
  set(patch: Partial<SentencePair>): void;
  reset(): void;
}

const validSentence = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_SENTENCE_CHARS;

export function mergeSentencePair(saved: unknown, current: OrderState): OrderState {
  const s = (saved && typeof saved === 'object' ? saved : {}) as Partial<Record<keyof SentencePair, unknown>>;
  return { ...current, ...(validSentence(s.first) ? { first: s.first } : {}), ...(validSentence(s.second) ? { second: s.second } : {}) };
}

export const OrderStore = createScopedStore<OrderState, SentencePair>(
  'OrderMatters',
  (set) => ({ ...ORDER_DEFAULTS, set: (patch) => set(patch), reset: () => set(ORDER_DEFAULTS) }),
  { persist: { version: 1, partialize: ({ first, second }) => ({ first, second }), merge: mergeSentencePair } },
);
