/**
 * Pure questions about the chapter index: which file to show in which language, and what comes
 * before and after. They take the index as a parameter so tests can hand them a made-up book.
 */
import type { ChapterIndexEntry } from '../../scripts/chapterIndexPlugin';

export type { ChapterIndexEntry };

/** The language chapters are written in first; translations are optional siblings. */
export const SOURCE_LANG = 'en';

export interface Chapter {
  /** The file to show: the reader's language if it exists, else the original. */
  entry: ChapterIndexEntry;
  /** True when the reader asked for a language this chapter has not been translated into. */
  isFallback: boolean;
}

export interface ChapterInContext {
  chapter: Chapter;
  previous?: Chapter;
  next?: Chapter;
}

/** One chapter per slug, in book order, each in `lang` where a translation exists. */
export function chaptersIn(index: readonly ChapterIndexEntry[], lang: string): Chapter[] {
  const bySlug = new Map<string, ChapterIndexEntry[]>();
  for (const entry of index) bySlug.set(entry.slug, [...(bySlug.get(entry.slug) ?? []), entry]);
  const chapters: Chapter[] = [];
  for (const versions of bySlug.values()) {
    const entry =
      versions.find((v) => v.lang === lang) ?? versions.find((v) => v.lang === SOURCE_LANG) ?? versions[0];
    chapters.push({ entry, isFallback: entry.lang !== lang });
  }
  return chapters.sort((a, b) => a.entry.number - b.entry.number || a.entry.slug.localeCompare(b.entry.slug));
}

export function findChapter(chapters: readonly Chapter[], slug: string): ChapterInContext | undefined {
  const at = chapters.findIndex((c) => c.entry.slug === slug);
  if (at < 0) return undefined;
  return { chapter: chapters[at], previous: chapters[at - 1], next: chapters[at + 1] };
}

/** Languages that have at least one chapter; the language switch only appears when there are two. */
export function languagesOf(index: readonly ChapterIndexEntry[]): string[] {
  return [...new Set(index.map((entry) => entry.lang))];
}
