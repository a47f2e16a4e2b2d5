/**
 * The server side of the static build (scripts/build.ts): renders each page of the book to HTML
 * with React's own prerender API, which waits for every lazy chapter body and lab to load, so the
 * files in dist/ hold the whole text. Widgets are placeholders here and mount in the browser.
 */
import { StrictMode } from 'react';
import { prerender } from 'react-dom/static';
import index from 'virtual:chapter-index';
import { App } from './book/App';
import { errorMessage } from './engine/errors';
import { chaptersIn, findChapter } from './book/chapters';
import { locales, localeTags } from './book/locales';
import { headHtml, pageMeta } from './book/pageMeta';
import { BASE, chapterPath, homePath, parseRoute, setServerPath, sourcesPath } from './book/router';

export interface PageToRender {
  /** The URL path, with the base, e.g. "/unrolled/zh/chapters/gru/". */
  path: string;
  /** Where the HTML goes, relative to the output folder. */
  file: string;
  /** The content/ file whose chunk the page shows (for modulepreload), if a chapter. */
  chapterFile?: string;
}

const NOT_FOUND_PATH = `${BASE}404.html`;

function fileFor(path: string): string {
  return `${path.slice(BASE.length)}index.html`;
}

/** Every page of the book: home, sources and each chapter, in every language, and the 404 page. */
export function pagesToRender(): PageToRender[] {
  const pages: PageToRender[] = [];
  for (const locale of locales) {
    pages.push({ path: homePath(locale), file: fileFor(homePath(locale)) });
    pages.push({ path: sourcesPath(locale), file: fileFor(sourcesPath(locale)) });
    for (const { entry } of chaptersIn(index, locale)) {
      const path = chapterPath(entry.slug, locale);
      pages.push({ path, file: fileFor(path), chapterFile: entry.file });
    }
  }
  pages.push({ path: NOT_FOUND_PATH, file: '404.html' });
  return pages;
}

export interface RenderedPage {
  /** The app's HTML, for inside <div id="root">. */
  body: string;
  /** title, description, Open Graph and hreflang tags. */
  head: string;
  /** For <html lang>. */
  lang: string;
  /**
   * What the client compares with the URL it is opened at (routePath of the route) to know the
   * HTML is this page's and can be hydrated; the 404 page is for any URL, so it never matches.
   */
  pageKey: string;
  /** The chapter file and the components it wraps prose in, for the client to preload. */
  labs: string[];
}

async function streamToString(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export async function renderPage(page: PageToRender, siteUrl = ''): Promise<RenderedPage> {
  setServerPath(page.path);
  const route = parseRoute(page.path);
  const meta = pageMeta(route, index);
  const errors: unknown[] = [];
  const { prelude } = await prerender(
    <StrictMode>
      <App />
    </StrictMode>,
    {
      onError: (error) => void errors.push(error),
      // Never move a finished boundary out of line (React does so for big ones to paint sooner):
      // the swap back needs a script, and the page must read in full with JavaScript off.
      progressiveChunkSize: Number.MAX_SAFE_INTEGER,
    },
  );
  // A page that fails to render must fail the build, not ship half a chapter. The first error
  // rides along as the cause, so the build's console.error prints its stack (the component at fault).
  if (errors.length > 0) {
    throw new Error(`prerendering ${page.path} failed: ${errorMessage(errors[0])}`, { cause: errors[0] });
  }
  const chapter = route.page === 'chapter' ? findChapter(chaptersIn(index, route.locale), route.slug) : undefined;
  return {
    body: await streamToString(prelude),
    head: headHtml(meta, siteUrl),
    lang: localeTags[route.locale],
    pageKey: page.path === NOT_FOUND_PATH ? '404' : meta.path,
    labs: chapter?.chapter.entry.labs ?? [],
  };
}
