/**
 * A chapter: its heading from the index, its MDX body (a lazy chunk), and its foot. This module is
 * itself loaded lazily, which keeps MDX, KaTeX's CSS and the widget registry off the home page.
 */
import 'katex/dist/katex.min.css';
import { MDXProvider } from '@mdx-js/react';
import { Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ErrorBoundary } from '../widgets/shell/ErrorBoundary';
import { chapterContent } from './chapterContent';
import { ChapterFooter } from './ChapterFooter';
import type { ChapterInContext } from './chapters';
import { useT } from './i18n';
import { LoadFailed } from './LoadFailed';
import { mdxComponents } from './mdxComponents';
import { PageHeading } from './PageHeading';
import { scrollToHash } from './router';
import { useScrollRegions } from './scrollRegions';
import { headingText } from './SectionHeading';
import type { Section } from './TableOfContents';

export interface ChapterPageProps {
  context: ChapterInContext;
  /** The URL fragment, e.g. "#the-vanishing-gradient", to scroll to once the body exists. */
  hash: string;
  onSections: (sections: Section[]) => void;
}

export default function ChapterPage({ context, hash, onSections }: ChapterPageProps) {
  const t = useT();
  const { entry, isFallback } = context.chapter;
  const [renderedFile, setRenderedFile] = useState<string | null>(null);
  const [bodyVersion, setBodyVersion] = useState(0);

  // Called on every change of the body (a training chart redraws often), so it does nothing
  // unless the set of headings really changed.
  const lastSections = useRef('');
  const onBodyRendered = useCallback(
    (body: HTMLElement) => {
      const sections = Array.from(body.querySelectorAll('h2[id]'), (heading) => ({ id: heading.id, title: headingText(heading) }));
      const key = entry.file + JSON.stringify(sections);
      if (key === lastSections.current) return;
      lastSections.current = key;
      onSections(sections);
      setRenderedFile(entry.file);
      setBodyVersion((v) => v + 1);
    },
    [entry.file, onSections],
  );

  // The browser cannot scroll to a fragment before the lazy body exists, so do it once it does,
  // and again whenever the fragment changes. A heading inside a lazily loaded widget wrapper
  // appears later still, so until the target exists each change of the body tries again.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    scrolledTo.current = null;
  }, [hash]);
  useEffect(() => {
    if (renderedFile !== entry.file || scrolledTo.current === hash) return;
    if (scrollToHash(hash)) scrolledTo.current = hash;
  }, [hash, renderedFile, entry.file, bodyVersion]);

  return (
    <article className="chapter" lang={entry.lang} data-chapter-ready={renderedFile === entry.file}>
      <header className="chapter-header">
        <p className="chapter-number">{t('nav.chapterNumber', { n: entry.number })}</p>
        <PageHeading>{entry.title}</PageHeading>
        {isFallback && <p className="translation-note">{t('chapter.untranslated')}</p>}
      </header>
      <ErrorBoundary label={entry.file} fallback={(error, retry) => <LoadFailed title="chapter.loadFailed" error={error} onRetry={retry} />}>
        <Suspense fallback={<p role="status" className="chapter-loading">{t('chapter.loading')}</p>}>
          <ChapterBody file={entry.file} onRendered={onBodyRendered} />
        </Suspense>
      </ErrorBoundary>
      <ChapterFooter {...context} />
    </article>
  );
}

/**
 * The MDX itself. Its layout effect runs only once the lazy content has committed (they suspend
 * together), which is when the headings exist and the fragment can be scrolled to.
 */
function ChapterBody({ file, onRendered }: { file: string; onRendered: (body: HTMLElement) => void }) {
  const t = useT();
  const body = useRef<HTMLDivElement>(null);
  useScrollRegions(body, t('chapter.scrollRegion'));
  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return;
    onRendered(element);
    // Widgets that wrap prose (a lab provider around several sections) load after the body, and
    // their headings belong in the table of contents too: collect again when they arrive.
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => onRendered(element));
    });
    observer.observe(element, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [onRendered]);
  const Content = chapterContent(file);
  if (!Content) throw new Error(`content/${file} is in the chapter index but was not bundled.`);
  return (
    <div ref={body} className="chapter-body prose">
      <MDXProvider components={mdxComponents}>
        <Content />
      </MDXProvider>
    </div>
  );
}
