import type { Chapter } from './chapters';
import { useT } from './i18n';
import { Link } from './Link';
import { chapterPath, useLocale } from './router';

export interface Section {
  id: string;
  title: string;
}

export interface TableOfContentsProps {
  chapters: readonly Chapter[];
  currentSlug?: string;
  /** The current chapter's h2 sections, once its content has rendered. */
  sections: readonly Section[];
}

export function TableOfContents({ chapters, currentSlug, sections }: TableOfContentsProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <nav className="toc" aria-label={t('nav.tableOfContents')}>
      <ol className="toc-chapters">
        {chapters.map(({ entry }) => {
          const current = entry.slug === currentSlug;
          return (
            <li key={entry.slug}>
              <Link href={chapterPath(entry.slug, locale)} aria-current={current ? 'page' : undefined} lang={entry.lang}>
                <span className="toc-number">{entry.number}</span> {entry.title}
              </Link>
              {current && sections.length > 0 && (
                <ol className="toc-sections">
                  {sections.map((section) => (
                    <li key={section.id}>
                      <Link href={`${chapterPath(entry.slug, locale)}#${section.id}`}>{section.title}</Link>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
