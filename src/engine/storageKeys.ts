/**
 * Every key the book stores anything under, in localStorage or IndexedDB, is built here:
 * "unrolled:<kind>:<name>". One prefix keeps the book's data apart from other sites' on the same
 * origin and lets a reader (or a test) find all of it; the kind says which store holds it.
 *
 * Keys changed once, when this scheme came in. Settings and preferences saved under the old
 * localStorage keys are still read (see legacyStorageKey) and moved to the new ones; models and
 * their metadata saved in IndexedDB under the old keys ("unrolled-sentiment-…", "unrolled-charlm-…",
 * "unrolled-mnist…", "unrolled:sentiment-model:…") are not: retrain them.
 */
export type StorageKind =
  /** A widget's saved settings (localStorage, via createScopedStore). */
  | 'settings'
  /** A book-wide preference: theme, language (localStorage). */
  | 'pref'
  /** A tfjs model (IndexedDB, through tfjs' indexeddb:// handler). */
  | 'model'
  /** What a saved model needs besides its weights (IndexedDB, via idb-keyval). */
  | 'meta'
  /** A training checkpoint: weights, optimizer state, position and bookkeeping in one record (IndexedDB, via idb-keyval). */
  | 'checkpoint';

export const STORAGE_PREFIX = 'unrolled';

export function storageKey(kind: StorageKind, name: string): string {
  return `${STORAGE_PREFIX}:${kind}:${name}`;
}

/** Where tfjs saves and loads the model of this name. */
export function tfjsModelUrl(name: string): string {
  return `indexeddb://${storageKey('model', name)}`;
}

/** The localStorage key used for this before the scheme above, so a saved choice is not lost. */
export function legacyStorageKey(kind: 'settings' | 'pref', name: string): string {
  return kind === 'settings' ? `${STORAGE_PREFIX}:${name}` : `${STORAGE_PREFIX}.${name}`;
}
