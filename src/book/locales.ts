/**
 * The book's languages, on their own so the router (which reads the language from the URL) and
 * the dictionary (which holds the strings) can both depend on it without depending on each other.
 */
export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];

/** The language the chapters are written in first; its pages have no prefix in the URL. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Names of the languages in themselves, for the language switch. */
export const localeNames: Record<Locale, string> = { en: 'English', zh: '中文' };

/** What `<html lang>` and `hreflang` say for each language. */
export const localeTags: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** The book's language closest to a browser language tag such as "zh-TW" or "en-GB". */
export function localeOfTag(tag: string | undefined): Locale | undefined {
  const primary = tag?.toLowerCase().split('-')[0];
  return isLocale(primary) ? primary : undefined;
}
