import type { Chapter } from './chapters';
import { useT } from './i18n';
import { Link } from './Link';
import { PageHeading } from './PageHeading';
import { chapterPath, useLocale } from './router';
import { sourceTexts } from './sources';

/** The texts the book is built from, and which chapters draw what from each (from the frontmatter). */
export function SourcesPage({ chapters }: { chapters: readonly Chapter[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="sources prose">
      <PageHeading>{t('sources.title')}</PageHeading>
      <p className="lead">{t('sources.lead')}</p>
      {sourceTexts.map((source) => {
        const citing = chapters.filter(({ entry }) => entry.sources.includes(source.file));
        return (
          <section key={source.id} id={source.id} className="source-entry" aria-labelledby={`${source.id}-title`}>
            <h2 id={`${source.id}-title`}>{source.title[locale]}</h2>
            <p>
              {t('sources.original')}: <span lang="zh-CN">{source.original}</span>
            </p>
            <p>
              {source.origin[locale]}
              {source.url && (
                <>
                  {' '}
                  <a href={source.url} rel="noreferrer">
                    {t('sources.link')}
                  </a>
                </>
              )}
            </p>
            {citing.length > 0 && (
              <>
                <h3 className="source-used-in">{t('sources.usedIn')}</h3>
                <ul>
                  {citing.map(({ entry }) => (
                    <li key={entry.slug}>
                      <Link href={chapterPath(entry.slug, locale)} lang={entry.lang}>
                        {t('nav.chapterNumber', { n: entry.number })}: {entry.title}
                      </Link>
                      {source.draws[entry.slug] && <> — {source.draws[entry.slug][locale]}</>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        );
      })}
      <p className="sources-note">{t('sources.note')}</p>
    </div>
  );
}
