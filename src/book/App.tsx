import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { findChapter } from './chapters';
import { HomePage } from './HomePage';
import { useLocaleStore, useT } from './i18n';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import { parseRoute, useLocation } from './router';
import { TableOfContents, type Section } from './TableOfContents';
import { bookLocales, useChapters } from './useChapters';

const ChapterPage = lazy(() => import('./ChapterPage'));

/** Sections belong to one chapter; keeping the slug stops a stale list showing under the next one. */
interface ChapterSections {
  slug: string;
  sections: Section[];
}

export function App() {
  const t = useT();
  const location = useLocation();
  const route = parseRoute(location.pathname);
  const chapters = useChapters();
  const locale = useLocaleStore((state) => state.locale);
  const [toc, setToc] = useState<ChapterSections>({ slug: '', sections: [] });

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const currentSlug = route.page === 'chapter' ? route.slug : undefined;
  const onSections = useCallback((sections: Section[]) => setToc({ slug: currentSlug ?? '', sections }), [currentSlug]);
  const chapter = currentSlug === undefined ? undefined : findChapter(chapters, currentSlug);

  let page;
  if (route.page === 'home') {
    page = <HomePage chapters={chapters} />;
  } else if (chapter) {
    page = (
      <Suspense fallback={<p role="status">{t('chapter.loading')}</p>}>
        <ChapterPage key={chapter.chapter.entry.slug} context={chapter} hash={location.hash} onSections={onSections} />
      </Suspense>
    );
  } else {
    page = <NotFoundPage key={location.pathname} path={location.pathname} />;
  }

  return (
    <Layout
      locales={bookLocales}
      toc={
        <TableOfContents
          chapters={chapters}
          currentSlug={currentSlug}
          sections={toc.slug === currentSlug ? toc.sections : []}
        />
      }
    >
      {page}
    </Layout>
  );
}
