import type { Chapter } from './chapters';
import { ChapterSource } from './ChapterSource';
import { useT } from './i18n';
import { Link } from './Link';
import { PageHeading } from './PageHeading';
import { chapterPath, sourcesPath, useLocale } from './router';

export function HomePage({ chapters }: { chapters: readonly Chapter[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="home prose">
      <PageHeading>{t('site.title')}</PageHeading>
      <p className="home-tagline">{t('site.tagline')}</p>
      <p className="lead">{t('home.lead')}</p>
      <p>{t('home.widgets')}</p>
      <h2>{t('home.chapters')}</h2>
      {chapters.length === 0 ? (
        <p>{t('home.noChapters')}</p>
      ) : (
        <ol className="chapter-list">
          {chapters.map(({ entry }) => (
            <li key={entry.slug} lang={entry.lang}>
              <span className="chapter-list-number">{entry.number}</span>
              <div>
                <Link className="chapter-list-title" href={chapterPath(entry.slug, locale)}>
                  {entry.title}
                </Link>
                {entry.summary && <p className="chapter-list-summary">{entry.summary}</p>}
                <ChapterSource entry={entry} />
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="home-sources">
        <Link href={sourcesPath(locale)}>{t('home.sources')}</Link>
      </p>
    </div>
  );
}
