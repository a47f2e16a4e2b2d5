/**
 * Keeps <html lang>, the title, the description, the Open Graph tags and the hreflang links of the
 * live document in step with the page after in-app navigation. The prerendered HTML already has
 * them for the page it was built for (same pageMeta()).
 */
import { useEffect } from 'react';
import { localeTags } from './locales';
import type { PageMeta } from './pageMeta';

function setMeta(selector: string, create: () => HTMLElement, content: string): void {
  let element = document.head.querySelector<HTMLElement>(selector);
  if (!element) {
    element = create();
    document.head.append(element);
  }
  element.setAttribute('content', content);
}

function metaElement(attribute: 'name' | 'property', value: string): () => HTMLElement {
  return () => {
    const element = document.createElement('meta');
    element.setAttribute(attribute, value);
    return element;
  };
}

export function usePageMeta(meta: PageMeta): void {
  const key = JSON.stringify(meta);
  useEffect(() => {
    const current = JSON.parse(key) as PageMeta;
    document.documentElement.lang = localeTags[current.locale];
    document.title = current.title;
    setMeta('meta[name="description"]', metaElement('name', 'description'), current.description);
    setMeta('meta[property="og:title"]', metaElement('property', 'og:title'), current.title);
    setMeta('meta[property="og:description"]', metaElement('property', 'og:description'), current.description);
    setMeta('meta[property="og:type"]', metaElement('property', 'og:type'), current.ogType);
    // Links keep whatever origin the prerender gave them (SITE_URL); only the paths change.
    const origin = document.head.querySelector('link[rel="canonical"]')?.getAttribute('href')?.match(/^https?:\/\/[^/]+/)?.[0] ?? '';
    for (const link of document.head.querySelectorAll('link[rel="alternate"][hreflang], link[rel="canonical"], meta[property="og:url"]')) link.remove();
    if (current.alternates.length === 0) return;
    const canonical = document.createElement('link');
    canonical.rel = 'canonical';
    canonical.href = origin + current.path;
    document.head.append(canonical);
    for (const { hreflang, path } of current.alternates) {
      const link = document.createElement('link');
      link.rel = 'alternate';
      link.hreflang = hreflang;
      link.href = origin + path;
      document.head.append(link);
    }
  }, [key]);
}
