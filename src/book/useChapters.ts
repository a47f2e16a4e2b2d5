import { useMemo } from 'react';
import index from 'virtual:chapter-index';
import { chaptersIn, languagesOf, type Chapter } from './chapters';
import { isLocale, useLocaleStore, type Locale } from './i18n';

/** The book's chapters in the reader's language (falling back per chapter), in order. */
export function useChapters(): Chapter[] {
  const locale = useLocaleStore((state) => state.locale);
  return useMemo(() => chaptersIn(index, locale), [locale]);
}

/** Interface languages the reader can usefully switch to: those that have chapters. */
export const bookLocales: Locale[] = languagesOf(index).filter(isLocale);
