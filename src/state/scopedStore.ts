/**
 * Per-instance zustand stores for widgets. A provider creates one store when it mounts, so two
 * copies of a widget on a page never share state, and nothing lives in a module-level global.
 * With a storage key the store's chosen fields survive a reload.
 */
import { type ReactNode, createContext, createElement, useContext, useEffect, useState } from 'react';
import { type StoreApi, createStore, useStore } from 'zustand';
import { type PersistOptions, createJSONStorage, persist } from 'zustand/middleware';
import { legacyStorageKey, storageKey } from '../engine/storageKeys';
import { readStoredMoving, removeStored, writeStored } from './safeStorage';

/** Builds the store's state; `init` is what the provider was given (a widget's props, a decoded link). */
export type StoreInitializer<S, I = void> = (set: StoreApi<S>['setState'], get: StoreApi<S>['getState'], init: I) => S;

export interface ScopedStoreOptions<S, P, I = void> {
  /** Fields to save under localStorage storageKey('settings', <key>); omit to keep the store in memory only. */
  persist?: { version: number; partialize: (state: S) => P; merge?: PersistOptions<S, P>['merge'] };
  /** Runs when the provider unmounts: end workers, cancel timers. */
  dispose?: (state: S) => void;
  /**
   * Runs once on the new store, after saved fields were read: a state from a link is applied here,
   * so it wins over what this browser saved earlier.
   */
  seed?: (store: StoreApi<S>, init: I) => void;
}

/**
 * The store's localStorage, which never throws (safeStorage.ts); settings saved under the key
 * used before storageKey() are read once and moved.
 */
const storageFor = (legacyKey: string) =>
  createJSONStorage(() => ({
    getItem: (name) => readStoredMoving(name, legacyKey),
    setItem: writeStored,
    removeItem: removeStored,
  }));

export function createScopedStore<S, P = Partial<S>, I = void>(displayName: string, initializer: StoreInitializer<S, I>, options: ScopedStoreOptions<S, P, I> = {}) {
  const Context = createContext<StoreApi<S> | null>(null);

  function make(key: string | undefined, init: I): StoreApi<S> {
    if (!options.persist || !key) return createStore<S>()((set, get) => initializer(set, get, init));
    const { version, partialize, merge } = options.persist;
    return createStore<S>()(
      persist((set, get) => initializer(set, get, init), {
        name: storageKey('settings', key),
        version,
        storage: storageFor(legacyStorageKey('settings', key)) as never,
        partialize,
        ...(merge ? { merge } : {}),
      }),
    );
  }

  /** `init` is read once, when the provider mounts; later values are ignored, like useState's. */
  function Provider({ storageKey, init, children }: { storageKey?: string; init?: I; children?: ReactNode }) {
    const [store] = useState(() => {
      const made = make(storageKey, init as I);
      options.seed?.(made, init as I);
      return made;
    });
    useEffect(() => () => options.dispose?.(store.getState()), [store]);
    return createElement(Context.Provider, { value: store }, children);
  }
  Provider.displayName = `${displayName}Provider`;

  function useStoreApi(): StoreApi<S> {
    const store = useContext(Context);
    if (!store) throw new Error(`${displayName} widgets must sit inside <${displayName}>.`);
    return store;
  }

  function useScoped<T>(selector: (state: S) => T): T {
    return useStore(useStoreApi(), selector);
  }

  return { Provider, useStore: useScoped, useStoreApi };
}
