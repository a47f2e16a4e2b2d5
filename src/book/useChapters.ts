import { useMemo } from 'react';
import index from 'virtual:chapter-index';
import { chaptersIn, type Chapter } from './chapters';
import { useLocale } from './router';

/** The book's chapters in the page's language (falling back per chapter), in order. */
export function useChapters(): Chapter[] {
  const locale = useLocale();
  return useMemo(() => chaptersIn(index, locale), [locale]);
}
