import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import index from 'virtual:chapter-index';
import { App } from './book/App';
import { chapterPage } from './book/chapterPage';
import { preloadChapterContent } from './book/chapterContent';
import { chaptersIn, findChapter } from './book/chapters';
import { locationForReader } from './book/languagePreference';
import { preloadWidgets } from './book/lazyWidgets';
import { parseRoute, routePath } from './book/router';
import { registerServiceWorker } from './book/serviceWorker';
// Applies the saved or system theme to <html> and keeps following the OS setting.
import './book/themeStore';
import './styles/index.css';

/**
 * Everything the prerendered page shows must be loaded before hydrating, or React would suspend
 * half-way: the chapter page, the chapter's body and the labs that wrap its prose.
 */
async function preloadPage(pathname: string, labs: string[]): Promise<void> {
  const route = parseRoute(pathname);
  if (route.page !== 'chapter') return;
  const chapter = findChapter(chaptersIn(index, route.locale), route.slug);
  if (!chapter) return;
  await Promise.all([chapterPage.preload(), preloadChapterContent(chapter.chapter.entry.file), preloadWidgets(labs)]);
}

async function start(): Promise<void> {
  const { pathname, hash } = window.location;
  // The reader's language (their earlier choice, or the browser's on a first visit) wins over the
  // language of the link they followed; the other edition's page is a real file, so load it.
  const elsewhere = locationForReader(pathname, hash);
  if (elsewhere) {
    window.location.replace(elsewhere);
    return;
  }
  // "/chapters/gru" (a server redirects it, the offline service worker answers it as is) becomes
  // the page's own address, "/chapters/gru/", so links, reloads and the language switch agree.
  const route = parseRoute(pathname);
  if (route.page !== 'notFound' && routePath(route) !== pathname) {
    window.history.replaceState(null, '', routePath(route) + window.location.search + hash);
  }
  const root = document.getElementById('root')!;
  const app = (
    <StrictMode>
      <App />
    </StrictMode>
  );
  // The HTML is this page's (and not, say, the 404 page served for an unknown path, or the empty
  // shell of the dev server): take it over. Otherwise render from scratch.
  if (root.dataset.page && root.dataset.page === routePath(route)) {
    await preloadPage(window.location.pathname, (root.dataset.labs ?? '').split(' ').filter(Boolean)).catch(() => {
      // Offline with part of the page's code missing: hydrate anyway; the boundaries say what failed.
    });
    hydrateRoot(root, app);
  } else {
    createRoot(root).render(app);
  }
  // Offline reading; only for the built site (the dev server's modules are not precached).
  if (import.meta.env.PROD) {
    registerServiceWorker().catch((error: unknown) => console.warn('The book could not be saved for offline reading:', error));
  }
}

void start();
