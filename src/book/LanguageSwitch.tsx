import type { MouseEvent } from 'react';
import { localeNames, localeTags, type Locale } from './locales';
import { useT } from './i18n';
import { rememberLocale } from './languagePreference';
import { navigate, parseRoute, routePath, useLocation } from './router';

/** How far below the top of the window a heading may sit and still be "where the reader is". */
const READING_LINE_PX = 120;

/**
 * The section the reader is in: the last chapter heading at or above the reading line. Both
 * editions of a chapter share heading ids (scripts/headingIdsPlugin.ts), so this id names the same
 * place in the other language.
 */
function currentSection(): string {
  let id = '';
  for (const heading of document.querySelectorAll<HTMLElement>('article h2[id], article h3[id], article h4[id]')) {
    if (heading.getBoundingClientRect().top > READING_LINE_PX) break;
    id = heading.id;
  }
  return id;
}

/**
 * Links to this page in the other languages. They are real links, so they work before the
 * scripts load and with JavaScript off; with scripts, following one also keeps the section the
 * reader is in and remembers the choice for the next visit.
 */
export function LanguageSwitch({ locales }: { locales: readonly Locale[] }) {
  const t = useT();
  const { pathname, hash } = useLocation();
  const route = parseRoute(pathname);
  const switchTo = (locale: Locale) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    rememberLocale(locale);
    const section = currentSection();
    navigate(routePath(route, locale) + (section ? `#${section}` : hash));
  };
  return (
    <nav className="language-switch" aria-label={t('language.label')}>
      {locales.map((locale) =>
        locale === route.locale ? (
          <span key={locale} className="language-current" lang={localeTags[locale]} aria-current="true">
            {localeNames[locale]}
          </span>
        ) : (
          <a
            key={locale}
            href={routePath(route, locale)}
            hrefLang={localeTags[locale]}
            lang={localeTags[locale]}
            onClick={switchTo(locale)}
          >
            {localeNames[locale]}
          </a>
        ),
      )}
    </nav>
  );
}
