/**
 * Keeps the explorer's link current: every config change is written to the query parameter named
 * after the explorer's id, at most every 200 ms; during a drag only once, when it ends, so the
 * frames of the drag are not shared with encoding and history updates. A config equal to
 * the chapter's own start removes the parameter, so an untouched page keeps a clean URL.
 */
import { useEffect, useRef } from 'react';
import type { StoreApi } from 'zustand';
import type { ExplorerState } from '../../state/explorerStore';
import { type UrlParamWriter, createUrlParamWriter } from '../../state/urlState';
import { encodeConfig } from '../../engine/explorerConfig';

export interface ExplorerUrlControl {
  /** A drag began: hold writes until commit. */
  hold(): void;
  /** Write now. */
  commit(): void;
}

export function useExplorerUrl(id: string, store: StoreApi<ExplorerState>): ExplorerUrlControl {
  const writer = useRef<UrlParamWriter | null>(null);
  useEffect(() => {
    const w = createUrlParamWriter(id);
    writer.current = w;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.config === previous.config) return;
      w.schedule(() => (state.config === state.initial ? null : encodeConfig(state.config)));
    });
    return () => {
      unsubscribe();
      w.dispose();
      writer.current = null;
    };
  }, [id, store]);
  return { hold: () => writer.current?.hold(), commit: () => writer.current?.flush() };
}
