/**
 * The common kind of widget store: a few settings the reader changes, a Reset back to the
 * defaults, and a saved copy that survives a reload. Saved values are read from a page anyone can
 * edit (localStorage), so `clean` checks each field and returns only the valid ones; the rest
 * stay at their defaults.
 */
import { createScopedStore } from './scopedStore';

export interface SettingsActions<T> {
  set(patch: Partial<T>): void;
  reset(): void;
}

export type SavedFields<T> = Partial<Record<keyof T, unknown>>;

export function createSettingsStore<T extends object>(displayName: string, defaults: T, clean: (saved: SavedFields<T>) => Partial<T>) {
  const keys = Object.keys(defaults) as (keyof T)[];
  return createScopedStore<T & SettingsActions<T>, T>(
    displayName,
    (set) => ({ ...defaults, set: (patch) => set(patch as Partial<T & SettingsActions<T>>), reset: () => set(defaults as Partial<T & SettingsActions<T>>) }),
    {
      persist: {
        version: 1,
        partialize: (state) => Object.fromEntries(keys.map((k) => [k, state[k]])) as T,
        merge: (saved, current) => ({ ...current, ...clean((saved && typeof saved === 'object' ? saved : {}) as SavedFields<T>) }),
      },
    },
  );
}
