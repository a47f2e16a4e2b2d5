import type { ChapterInContext } from './chapters';
import { ChapterSource } from './ChapterSource';
import { useT } from './i18n';
import { Link } from './Link';
import { chapterPath, useLocale } from './router';

export function ChapterFooter({ chapter, previous, next }: ChapterInContext) {
  const t = useT();
  const locale = useLocale();
  return (
    <footer className="chapter-footer">
      <ChapterSource entry={chapter.entry} withSources />
      <nav className="chapter-pager" aria-label={t('nav.chapterNavigation')}>
        {previous && (
          <Link className="pager-link pager-previous" href={chapterPath(previous.entry.slug, locale)} rel="prev">
            <span className="pager-direction">← {t('nav.previous')}</span>
            <span className="pager-title" lang={previous.entry.lang}>
              {previous.entry.title}
            </span>
          </Link>
        )}
        {next && (
          <Link className="pager-link pager-next" href={chapterPath(next.entry.slug, locale)} rel="next">
            <span className="pager-direction">{t('nav.next')} →</span>
            <span className="pager-title" lang={next.entry.lang}>
              {next.entry.title}
            </span>
          </Link>
        )}
      </nav>
    </footer>
  );
}
