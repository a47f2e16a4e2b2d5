import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useT, type Locale } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import { homePath, useLocale } from './router';
import { ThemeToggle } from './ThemeToggle';
import { UpdateNotice } from './UpdateNotice';

export interface LayoutProps {
  /** The table of contents, shown as a sidebar, or behind the "Contents" button on narrow screens. */
  toc: ReactNode;
  /** The book's languages, for the switch on every page. */
  locales: readonly Locale[];
  children: ReactNode;
}

const SIDEBAR_ID = 'book-contents';
const MAIN_ID = 'main';

export function Layout({ toc, locales, children }: LayoutProps) {
  const t = useT();
  const locale = useLocale();
  const [contentsOpen, setContentsOpen] = useState(false);
  const contentsButton = useRef<HTMLButtonElement>(null);
  const sidebar = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!contentsOpen) return;
    // Start the reader where they are in the book, not at chapter 1.
    const links = sidebar.current;
    (links?.querySelector<HTMLElement>('a[aria-current]') ?? links?.querySelector<HTMLElement>('a'))?.focus();
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setContentsOpen(false);
      contentsButton.current?.focus();
    };
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [contentsOpen]);

  // Following any link in the drawer means the reader is done with it.
  const closeAfterLink = (event: MouseEvent) => {
    if ((event.target as Element).closest('a')) setContentsOpen(false);
  };

  // The skip link focuses <main> directly instead of navigating to "#main", which would put a
  // meaningless fragment in the address bar.
  const skipToContent = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById(MAIN_ID)?.focus();
  };

  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`} onClick={skipToContent}>
        {t('nav.skipToContent')}
      </a>
      <header className="site-header">
        <button
          ref={contentsButton}
          type="button"
          className="header-button contents-button"
          aria-expanded={contentsOpen}
          aria-controls={SIDEBAR_ID}
          onClick={() => setContentsOpen((open) => !open)}
        >
          {t('nav.contents')}
        </button>
        <Link href={homePath(locale)} className="site-title">
          {t('site.title')}
        </Link>
        <span className="site-tagline">{t('site.tagline')}</span>
        <div className="header-tools">
          <LanguageSwitch locales={locales} />
          <ThemeToggle />
        </div>
      </header>
      <div className="book">
        <aside ref={sidebar} id={SIDEBAR_ID} className="sidebar" data-open={contentsOpen} onClick={closeAfterLink}>
          {toc}
        </aside>
        <main id={MAIN_ID} tabIndex={-1} className="main">
          {children}
        </main>
      </div>
      <UpdateNotice />
    </>
  );
}
