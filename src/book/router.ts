/**
 * A router small enough to read in one sitting: the book has a few kinds of page, so
 * history.pushState plus popstate is all it needs.
 *
 * Every page is also a real file in the build (`chapters/<slug>/index.html`, `zh/chapters/<slug>/
 * index.html`, …), so a plain static file server answers deep links without rewrite rules. The
 * links the book writes therefore end in "/", the form every static host maps to index.html, and
 * carry the deploy's base path (`import.meta.env.BASE_URL`, e.g. "/unrolled/").
 *
 * The language is part of the URL: English pages have no prefix, other languages `/<locale>/`.
 */
import { useMemo, useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';

export type Route = { locale: Locale } & (
  | { page: 'home' }
  | { page: 'chapter'; slug: string }
  | { page: 'sources' }
  | { page: 'notFound'; path: string }
);

/** The deploy's base path, always with a trailing slash ("/" or "/unrolled/"). */
export const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** A file the build ships (public/, e.g. "generated/sentences.json") under the deploy's base. */
export function assetUrl(file: string): string {
  return BASE + file.replace(/^\/+/, '');
}

function localePrefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `${locale}/`;
}

export function homePath(locale: Locale = DEFAULT_LOCALE): string {
  return BASE + localePrefix(locale);
}

export function chapterPath(slug: string, locale: Locale = DEFAULT_LOCALE): string {
  return `${BASE}${localePrefix(locale)}chapters/${slug}/`;
}

export function sourcesPath(locale: Locale = DEFAULT_LOCALE): string {
  return `${BASE}${localePrefix(locale)}sources/`;
}

/** Kept for callers that mean "the home page of the book in English". */
export const HOME_PATH = homePath();

const SLUG = /^[a-z0-9-]+$/;

export function parseRoute(pathname: string): Route {
  const notFound = (locale: Locale): Route => ({ page: 'notFound', path: pathname, locale });
  const baseless = BASE.slice(0, -1);
  let rest: string;
  if (pathname === baseless || pathname.startsWith(BASE)) rest = pathname.slice(BASE.length);
  else return notFound(DEFAULT_LOCALE);
  // "chapters/rnn/", "chapters/rnn" and "chapters/rnn/index.html" are the same page.
  const parts = rest.split('/').filter(Boolean);
  if (parts[parts.length - 1] === 'index.html') parts.pop();
  let locale: Locale = DEFAULT_LOCALE;
  if (parts.length > 0 && isLocale(parts[0]) && parts[0] !== DEFAULT_LOCALE) locale = parts.shift() as Locale;
  if (parts.length === 0) return { page: 'home', locale };
  if (parts.length === 1 && parts[0] === 'sources') return { page: 'sources', locale };
  if (parts.length === 2 && parts[0] === 'chapters' && SLUG.test(parts[1])) return { page: 'chapter', slug: parts[1], locale };
  return notFound(locale);
}

/** The same page in another language; an unknown page leads to that language's home page. */
export function routePath(route: Route, locale: Locale = route.locale): string {
  switch (route.page) {
    case 'home':
      return homePath(locale);
    case 'chapter':
      return chapterPath(route.slug, locale);
    case 'sources':
      return sourcesPath(locale);
    case 'notFound':
      return homePath(locale);
  }
}

/**
 * A link written inside a chapter as "/chapters/lstm" (no base, no language): the same page in
 * the reader's language under the deploy's base. Other links pass through.
 */
export function bookHref(href: string, locale: Locale): string {
  if (!href.startsWith('/') || href.startsWith('//')) return href;
  const hashAt = href.indexOf('#');
  const path = hashAt < 0 ? href : href.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : href.slice(hashAt);
  if (path.startsWith(BASE) && BASE !== '/') return href;
  const route = parseRoute(BASE + path.slice(1));
  if (route.page === 'notFound') return href;
  return routePath(route, route.locale === DEFAULT_LOCALE ? locale : route.locale) + hash;
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

/** Client-side navigation to a same-origin URL; `replace` rewrites the current history entry. */
export function navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
  const url = new URL(href, window.location.href);
  const next = url.pathname + url.search + url.hash;
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (next !== current) {
    const samePage = url.pathname === window.location.pathname;
    if (replace) window.history.replaceState(null, '', next);
    else window.history.pushState(null, '', next);
    if (!samePage) navigations += 1;
    notify();
  }
  // A new page renders its content later and scrolls to the fragment itself once it exists.
  if (!scrollToHash(url.hash) && !url.hash) window.scrollTo(0, 0);
}

/**
 * Where the page being prerendered lives. On the server there is no window.location, so the
 * prerender script sets this before rendering each page.
 */
let serverPath = BASE;
export function setServerPath(path: string): void {
  serverPath = path;
}

const clientSnapshot = () => window.location.pathname + window.location.hash;
// While hydrating, React asks for the server snapshot; in the browser that is the real location,
// which is the page the HTML was prerendered for.
const serverSnapshot = () => (typeof window === 'undefined' ? serverPath : clientSnapshot());

export interface AppLocation {
  pathname: string;
  hash: string;
}

export function useLocation(): AppLocation {
  const current = useSyncExternalStore(subscribe, clientSnapshot, serverSnapshot);
  return useMemo(() => {
    const hashAt = current.indexOf('#');
    return hashAt < 0 ? { pathname: current, hash: '' } : { pathname: current.slice(0, hashAt), hash: current.slice(hashAt) };
  }, [current]);
}

/** Parsed once per path: every component that translates reads it on every render. */
let parsedPath: string | null = null;
let parsedLocale: Locale | undefined;
const clientLocale = (): Locale => {
  const path = window.location.pathname;
  if (path !== parsedPath || parsedLocale === undefined) {
    parsedPath = path;
    parsedLocale = parseRoute(path).locale;
  }
  return parsedLocale;
};
const serverLocale = () => (typeof window === 'undefined' ? parseRoute(serverPath).locale : clientLocale());

/** The language of the page, from its URL; re-renders only when the language changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, clientLocale, serverLocale);
}

/** The language of the page now, for code outside React. */
export function currentLocale(): Locale {
  return serverLocale();
}
