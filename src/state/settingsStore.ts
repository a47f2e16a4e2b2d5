/**
 * The common kind of widget store: a few settings the reader changes, a Reset back to the
 * defaults, and a saved copy that survives a reload. Saved values are read from a page anyone can
 * edit (localStorage), so `clean` checks each field and returns only the valid ones; the rest
 * stay at their defaults.
 */
import { type ReactNode, createContext, createElement, useContext } from 'react';
import type { LinkCodec } from '../engine/linkSchema';
import { createScopedStore } from './scopedStore';
import { type LinkNote, type WidgetLink, linkedStart, useLinkOnce } from './urlState';

export interface SettingsActions<T> {
  set(patch: Partial<T>): void;
  reset(): void;
}

export type SavedFields<T> = Partial<Record<keyof T, unknown>>;

/**
 * With a `link` schema the store also offers `Linked` (a provider that reads the widget's state
 * from its query parameter, named like its storage key, and lets it win over the saved copy) and
 * `useLink` (what the shell needs for "Copy link to this state" and the bad-link note).
 */
export function createSettingsStore<T extends object>(displayName: string, defaults: T, clean: (saved: SavedFields<T>) => Partial<T>, link?: LinkCodec<T>) {
  const keys = Object.keys(defaults) as (keyof T)[];
  const scoped = createScopedStore<T & SettingsActions<T>, T, T | null | undefined>(
    displayName,
    (set) => ({ ...defaults, set: (patch) => set(patch as Partial<T & SettingsActions<T>>), reset: () => set(defaults as Partial<T & SettingsActions<T>>) }),
    {
      persist: {
        version: 1,
        partialize: (state) => Object.fromEntries(keys.map((k) => [k, state[k]])) as T,
        merge: (saved, current) => ({ ...current, ...clean((saved && typeof saved === 'object' ? saved : {}) as SavedFields<T>) }),
      },
      seed: (store, linked) => {
        if (linked) store.setState(linked as Partial<T & SettingsActions<T>>);
      },
    },
  );
  const LinkContext = createContext<{ param: string; note: LinkNote | null } | null>(null);
  const never: LinkCodec<T> = { encode: () => '', decode: () => ({ value: null, problem: 'version', detail: 'no link format' }) };

  function Linked({ param, children }: { param: string; children?: ReactNode }) {
    const read = useLinkOnce(param, link ?? never);
    return createElement(LinkContext.Provider, { value: { param, note: read.note } }, createElement(scoped.Provider, { storageKey: param, init: linkedStart(read, defaults) }, children));
  }
  Linked.displayName = `${displayName}Linked`;

  function useLink(): WidgetLink | undefined {
    const context = useContext(LinkContext);
    const api = scoped.useStoreApi();
    if (!context || !link) return undefined;
    return { param: context.param, note: context.note, encode: () => link.encode(api.getState()) };
  }

  return { ...scoped, Linked, useLink };
}
