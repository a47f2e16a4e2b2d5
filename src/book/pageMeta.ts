/**
 * What a page says about itself in <head>: title, description, Open Graph, its language and
 * the same page in the other languages. One function feeds both the prerendered HTML
 * (scripts/prerender.ts) and the live document after in-app navigation (usePageMeta.ts), so the
 * two cannot drift apart.
 */
import { chaptersIn, findChapter, type ChapterIndexEntry } from './chapters';
import { translate } from './i18n';
import { DEFAULT_LOCALE, localeTags, locales, type Locale } from './locales';
import { routePath, type Route } from './router';

export interface PageMeta {
  title: string;
  description: string;
  locale: Locale;
  /** Root-relative path of this page, e.g. "/zh/chapters/gru/". */
  path: string;
  /** This page in each language it exists in, plus "x-default". */
  alternates: { hreflang: string; path: string }[];
  ogType: 'website' | 'article';
}

export function pageMeta(route: Route, index: readonly ChapterIndexEntry[]): PageMeta {
  const { locale } = route;
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params);
  const siteTitle = `${t('site.title')} — ${t('site.tagline')}`;
  const base = { locale, path: routePath(route), ogType: 'website' as const };
  const everyLanguage = (r: Route) => [
    ...locales.map((l) => ({ hreflang: localeTags[l], path: routePath(r, l) })),
    { hreflang: 'x-default', path: routePath(r, DEFAULT_LOCALE) },
  ];
  switch (route.page) {
    case 'home':
      return { ...base, title: siteTitle, description: t('home.lead'), alternates: everyLanguage(route) };
    case 'sources':
      return { ...base, title: t('page.title', { title: t('sources.title') }), description: t('sources.lead'), alternates: everyLanguage(route) };
    case 'chapter': {
      const found = findChapter(chaptersIn(index, locale), route.slug);
      if (!found) break;
      const { entry } = found.chapter;
      // Only languages the chapter is written in: a fallback page is not a translation.
      const written = locales.filter((l) => index.some((e) => e.slug === route.slug && e.lang === l));
      return {
        ...base,
        ogType: 'article',
        title: t('page.title', { title: entry.title }),
        description: entry.summary ?? t('home.lead'),
        alternates: [
          ...written.map((l) => ({ hreflang: localeTags[l], path: routePath(route, l) })),
          { hreflang: 'x-default', path: routePath(route, DEFAULT_LOCALE) },
        ],
      };
    }
    case 'notFound':
      break;
  }
  return { ...base, title: t('page.title', { title: t('notFound.title') }), description: t('home.lead'), alternates: [] };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The <head> tags for a prerendered page. `siteUrl` (e.g. "https://example.org", from SITE_URL at
 * build time) makes og:url, canonical and hreflang absolute, as crawlers prefer; without it they
 * are root-relative, which browsers resolve the same way.
 */
export function headHtml(meta: PageMeta, siteUrl = ''): string {
  const url = (path: string) => escapeHtml(siteUrl.replace(/\/+$/, '') + path);
  const lines = [
    `<title>${escapeHtml(meta.title)}</title>`,
    `<meta name="description" content="${escapeHtml(meta.description)}" />`,
    `<meta property="og:type" content="${meta.ogType}" />`,
    `<meta property="og:site_name" content="Unrolled" />`,
    `<meta property="og:title" content="${escapeHtml(meta.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(meta.description)}" />`,
    `<meta property="og:locale" content="${localeTags[meta.locale].replace('-', '_')}" />`,
  ];
  if (meta.alternates.length > 0) {
    lines.push(`<meta property="og:url" content="${url(meta.path)}" />`, `<link rel="canonical" href="${url(meta.path)}" />`);
    for (const alternate of meta.alternates) lines.push(`<link rel="alternate" hreflang="${alternate.hreflang}" href="${url(alternate.path)}" />`);
  }
  return lines.join('\n    ');
}
