/**
 * A lazily loaded component that can also be loaded ahead of rendering, and retried.
 *
 * - Retry: React.lazy remembers a failed import for good (its component throws the same error on
 *   every render), so a "Try again" button that only re-renders could never recover from a
 *   dropped connection. A failed load is forgotten here, so the next render imports again.
 * - Preload: before hydrating a prerendered page, main.tsx loads the code the page needs, so the
 *   first client render matches the HTML without suspending (a suspended boundary that receives an
 *   update during hydration would be thrown away and rendered again on the client).
 *
 * The component's identity stays the same once React has seen it (swapping a lazy wrapper for the
 * loaded component would remount it and lose its state).
 */
import { lazy, type ComponentType } from 'react';

export interface Loadable<P> {
  /** The component to render: the loaded one if it was preloaded, else a lazy wrapper. */
  component(): ComponentType<P>;
  /** Starts (or joins) the download; resolves when the component is ready. */
  preload(): Promise<void>;
}

export function loadable<P>(load: () => Promise<{ default: ComponentType<P> }>): Loadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  let wrapper: ComponentType<P> | null = null;

  const start = () =>
    (pending ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        pending = null;
        wrapper = null;
        throw error;
      },
    ));

  return {
    component: () => wrapper ?? loaded ?? (wrapper = lazy(start) as unknown as ComponentType<P>),
    preload: () => start().then(() => undefined),
  };
}
