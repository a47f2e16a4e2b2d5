/**
 * Which language the reader wants. An explicit choice in the language switch is remembered; until
 * there is one, the browser's languages decide. The page's language itself always comes from its
 * URL (router.ts); this only decides whether to go to the other edition when the book is opened.
 */
import { DEFAULT_LOCALE, type Locale, localeOfTag } from './locales';
import { parseRoute, routePath } from './router';
import { legacyStorageKey, storageKey } from '../engine/storageKeys';
import { readStoredMoving, writeStored } from '../state/safeStorage';

export const LOCALE_KEY = storageKey('pref', 'locale');

export function rememberLocale(locale: Locale): void {
  writeStored(LOCALE_KEY, locale);
}

/** The remembered choice, if it names one of the book's languages. */
export function rememberedLocale(stored: string | null): Locale | undefined {
  return localeOfTag(stored ?? undefined);
}

/** The first of the browser's languages the book has, else the default. */
export function browserLocale(browserLanguages: readonly string[]): Locale {
  for (const tag of browserLanguages) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

/**
 * Where a reader who opens `pathname` should be sent, or null to stay. A remembered choice
 * always wins: the same page in that language, with its #fragment (section ids are shared between
 * editions). Without one (a first visit), the browser's language decides for pages of the default
 * edition only: a link to the Chinese edition was chosen on purpose and stays. Unknown pages stay.
 */
export function preferredLocation(pathname: string, hash: string, remembered: Locale | undefined, browser: Locale): string | null {
  const route = parseRoute(pathname);
  if (route.page === 'notFound') return null;
  const wanted = remembered ?? (route.locale === DEFAULT_LOCALE ? browser : route.locale);
  return wanted === route.locale ? null : routePath(route, wanted) + hash;
}

/** Where to send the reader now, reading the remembered choice and the browser's languages. */
export function locationForReader(pathname: string, hash: string): string | null {
  let languages: readonly string[] = [];
  try {
    languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  } catch {
    // No navigator language: the default edition.
  }
  return preferredLocation(pathname, hash, rememberedLocale(readStoredMoving(LOCALE_KEY, legacyStorageKey('pref', 'locale'))), browserLocale(languages));
}
