/**
 * A router small enough to read in one sitting: the book has three kinds of page, so
 * history.pushState plus popstate is all it needs. `vite preview` (and any static host configured
 * the same way) answers every path with index.html, which is what makes deep links work.
 */
import { useMemo, useSyncExternalStore } from 'react';

export type Route = { page: 'home' } | { page: 'chapter'; slug: string } | { page: 'notFound'; path: string };

export const HOME_PATH = '/';
const CHAPTER_PATH = /^\/chapters\/([a-z0-9-]+)$/;

export function chapterPath(slug: string): string {
  return `/chapters/${slug}`;
}

export function parseRoute(pathname: string): Route {
  // "/chapters/rnn/" and "/chapters/rnn" are the same page; so are "/" and "/index.html".
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '' || path === '/' || path === '/index.html') return { page: 'home' };
  const chapter = CHAPTER_PATH.exec(path);
  if (chapter) return { page: 'chapter', slug: chapter[1] };
  return { page: 'notFound', path: pathname };
}

const listeners = new Set<() => void>();
let navigations = 0;

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', onPopState);
  };
}

function onPopState(): void {
  navigations += 1;
  notify();
}

/**
 * True once the reader has moved between pages inside the app. Pages use it to move focus to their
 * heading after a navigation (as a full page load would) but not on the very first load, where the
 * browser's own focus handling and skip link should stay in charge.
 */
export function hasNavigated(): boolean {
  return navigations > 0;
}

/** Scrolls to the element a `#fragment` names; false if it is not in the document (yet). */
export function scrollToHash(hash: string): boolean {
  if (hash.length < 2) return false;
  const target = document.getElementById(decodeURIComponent(hash.slice(1)));
  target?.scrollIntoView();
  return target !== null;
}

/** Client-side navigation to a same-origin URL. */
export function navigate(href: string): void {
  const url = new URL(href, window.location.href);
  const next = url.pathname + url.search + url.hash;
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (next !== current) {
    const samePage = url.pathname === window.location.pathname;
    window.history.pushState(null, '', next);
    if (!samePage) navigations += 1;
    notify();
  }
  // A new page renders its content later and scrolls to the fragment itself once it exists.
  if (!scrollToHash(url.hash) && !url.hash) window.scrollTo(0, 0);
}

const snapshot = () => window.location.pathname + window.location.hash;

export interface AppLocation {
  pathname: string;
  hash: string;
}

export function useLocation(): AppLocation {
  const current = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const hashAt = current.indexOf('#');
    return hashAt < 0 ? { pathname: current, hash: '' } : { pathname: current.slice(0, hashAt), hash: current.slice(hashAt) };
  }, [current]);
}
