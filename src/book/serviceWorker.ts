/**
 * The page's side of offline reading (scripts/serviceWorker.ts builds the worker): registers it,
 * and tells the reader when a new version of the book is ready.
 *
 * - "waiting": a new version has been downloaded and waits; the reader can reload into it
 *   (reloadIntoUpdate asks it to take over, and this tab reloads when it has).
 * - "elsewhere": another tab accepted an update, so this tab's code is from the old version and
 *   its next download could miss; the reader is asked to reload.
 */
import { useSyncExternalStore } from 'react';
import type { Workbox } from 'workbox-window';
import { BASE } from './router';

export type UpdateState = 'none' | 'waiting' | 'elsewhere';

let state: UpdateState = 'none';
let workbox: Workbox | null = null;
let reloading = false;
const listeners = new Set<() => void>();

function setState(next: UpdateState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function useUpdateState(): UpdateState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
    () => 'none',
  );
}

/** Lets the waiting version take over; this page reloads once it controls the page. */
export function reloadIntoUpdate(): void {
  if (state === 'elsewhere' || !workbox) {
    window.location.reload();
    return;
  }
  reloading = true;
  workbox.messageSkipWaiting();
}

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const hadController = navigator.serviceWorker.controller !== null;
  workbox = new Workbox(`${BASE}sw.js`, { scope: BASE });
  workbox.addEventListener('waiting', () => setState('waiting'));
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install claims the page (so MNIST is cached on first use): nothing to tell.
    if (reloading) window.location.reload();
    else if (hadController) setState('elsewhere');
  });
  await workbox.register();
}
