import { Suspense, useCallback, useState } from 'react';
import index from 'virtual:chapter-index';
import { findChapter } from './chapters';
import { ErrorBoundary } from '../widgets/shell/ErrorBoundary';
import { HomePage } from './HomePage';
import { useT } from './i18n';
import { Layout } from './Layout';
import { chapterPage } from './chapterPage';
import type { ChapterPageProps } from './ChapterPage';
import { LoadFailed } from './LoadFailed';
import { locales } from './locales';
import { NotFoundPage } from './NotFoundPage';
import { pageMeta } from './pageMeta';
import { parseRoute, useLocation } from './router';
import { SourcesPage } from './SourcesPage';
import { TableOfContents, type Section } from './TableOfContents';
import { useChapters } from './useChapters';
import { usePageMeta } from './usePageMeta';

/** Sections belong to one chapter; keeping the file stops a stale list showing under the next one. */
interface ChapterSections {
  file: string;
  sections: Section[];
}

/** Asks for the page's code inside the error boundary, so that its retry downloads it again. */
function LoadedChapterPage(props: ChapterPageProps) {
  const ChapterPage = chapterPage.component();
  return <ChapterPage {...props} />;
}

export function App() {
  const t = useT();
  const location = useLocation();
  const route = parseRoute(location.pathname);
  const chapters = useChapters();
  const [toc, setToc] = useState<ChapterSections>({ file: '', sections: [] });
  usePageMeta(pageMeta(route, index));

  const currentSlug = route.page === 'chapter' ? route.slug : undefined;
  const chapter = currentSlug === undefined ? undefined : findChapter(chapters, currentSlug);
  const currentFile = chapter?.chapter.entry.file;
  const onSections = useCallback((sections: Section[]) => setToc({ file: currentFile ?? '', sections }), [currentFile]);

  let page;
  if (route.page === 'home') {
    page = <HomePage chapters={chapters} />;
  } else if (route.page === 'sources') {
    page = <SourcesPage chapters={chapters} />;
  } else if (chapter) {
    page = (
      <ErrorBoundary label="chapter page" fallback={(error, retry) => <LoadFailed title="chapter.loadFailed" error={error} onRetry={retry} />}>
        <Suspense fallback={<p role="status">{t('chapter.loading')}</p>}>
          {/* Keyed by file: switching language is a new body whose fragment must be scrolled to again. */}
          <LoadedChapterPage key={chapter.chapter.entry.file} context={chapter} hash={location.hash} onSections={onSections} />
        </Suspense>
      </ErrorBoundary>
    );
  } else {
    page = <NotFoundPage key={location.pathname} path={location.pathname} />;
  }

  return (
    <Layout
      locales={locales}
      toc={
        <TableOfContents
          chapters={chapters}
          currentSlug={currentSlug}
          sections={toc.file === currentFile ? toc.sections : []}
        />
      }
    >
      {page}
    </Layout>
  );
}
