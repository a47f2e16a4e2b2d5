/**
 * Whether this render happens in a browser after hydration. The prerendered HTML and the first
 * (hydrating) client render must be identical, so anything that depends on the browser (a widget,
 * the reader's saved theme) renders its server form first and switches once this turns true;
 * React does that second render right after hydrating. Pages rendered later in the browser (after
 * in-app navigation) see true from the start and never show the server form.
 */
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
