import { act, fireEvent, render, screen } from '@testing-library/react';
import index from 'virtual:chapter-index';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/book/App';
import { chaptersIn, findChapter, languagesOf, type ChapterIndexEntry } from '../../src/book/chapters';
import { strings, translate } from '../../src/book/i18n';
import { browserLocale, preferredLocation, rememberedLocale } from '../../src/book/languagePreference';
import { bookHref, chapterPath, homePath, navigate, parseRoute, routePath, sourcesPath } from '../../src/book/router';
import { ThemeToggle } from '../../src/book/ThemeToggle';
import { storedPreference, THEME_KEY, useThemeStore } from '../../src/book/themeStore';
import { storageKey } from '../../src/engine/storageKeys';

describe('i18n', () => {
  it('translates into English and Chinese and fills placeholders', () => {
    expect(translate('en', 'widget.reset')).toBe('Reset');
    expect(translate('zh', 'widget.reset')).toBe('重置');
    expect(translate('en', 'nav.chapterNumber', { n: 3 })).toBe('Chapter 3');
    expect(translate('zh', 'nav.chapterNumber', { n: 3 })).toBe('第 3 章');
  });

  it('has a non-empty zh string for every en key, and no extra ones', () => {
    const enKeys = Object.keys(strings.en).sort();
    expect(Object.keys(strings.zh).sort()).toEqual(enKeys);
    for (const key of enKeys) expect(strings.zh[key as keyof typeof strings.zh].trim(), key).not.toBe('');
  });

  it('keeps the same placeholders in every language', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, text] of Object.entries(strings.en)) {
      expect(placeholders(strings.zh[key as keyof typeof strings.zh]), key).toEqual(placeholders(text));
    }
  });
});

describe('router', () => {
  it('parses every kind of page, with or without a trailing slash or index.html', () => {
    const en = { locale: 'en' };
    expect(parseRoute('/')).toEqual({ page: 'home', ...en });
    expect(parseRoute('/index.html')).toEqual({ page: 'home', ...en });
    expect(parseRoute('/chapters/simple-rnn')).toEqual({ page: 'chapter', slug: 'simple-rnn', ...en });
    expect(parseRoute('/chapters/simple-rnn/')).toEqual({ page: 'chapter', slug: 'simple-rnn', ...en });
    expect(parseRoute('/chapters/simple-rnn/index.html')).toEqual({ page: 'chapter', slug: 'simple-rnn', ...en });
    expect(parseRoute('/sources/')).toEqual({ page: 'sources', ...en });
    expect(parseRoute('/chapters/')).toEqual({ page: 'notFound', path: '/chapters/', ...en });
    expect(parseRoute('/chapters/a/b')).toEqual({ page: 'notFound', path: '/chapters/a/b', ...en });
    expect(parseRoute('/nope')).toEqual({ page: 'notFound', path: '/nope', ...en });
  });

  it('reads the language from the URL prefix', () => {
    expect(parseRoute('/zh/')).toEqual({ page: 'home', locale: 'zh' });
    expect(parseRoute('/zh')).toEqual({ page: 'home', locale: 'zh' });
    expect(parseRoute('/zh/chapters/gru/')).toEqual({ page: 'chapter', slug: 'gru', locale: 'zh' });
    expect(parseRoute('/zh/nope')).toEqual({ page: 'notFound', path: '/zh/nope', locale: 'zh' });
    // The default language has no prefix; "/en/…" is not one of its pages.
    expect(parseRoute('/en/chapters/gru/').page).toBe('notFound');
  });

  it('builds paths that parse back, in every language, ending in "/" for static servers', () => {
    expect(chapterPath('gru')).toBe('/chapters/gru/');
    expect(chapterPath('gru', 'zh')).toBe('/zh/chapters/gru/');
    expect(homePath('zh')).toBe('/zh/');
    expect(sourcesPath('zh')).toBe('/zh/sources/');
    expect(parseRoute(chapterPath('gru'))).toEqual({ page: 'chapter', slug: 'gru', locale: 'en' });
    expect(parseRoute(chapterPath('gru', 'zh'))).toEqual({ page: 'chapter', slug: 'gru', locale: 'zh' });
    expect(routePath(parseRoute('/chapters/gru'), 'zh')).toBe('/zh/chapters/gru/');
    expect(routePath(parseRoute('/zh/sources/'), 'en')).toBe('/sources/');
  });

  it('turns a chapter\'s own "/chapters/x" links into the reader\'s language, keeping the fragment', () => {
    expect(bookHref('/chapters/lstm-from-scratch', 'zh')).toBe('/zh/chapters/lstm-from-scratch/');
    expect(bookHref('/chapters/lstm-from-scratch#gates', 'en')).toBe('/chapters/lstm-from-scratch/#gates');
    expect(bookHref('https://example.org/x', 'zh')).toBe('https://example.org/x');
    expect(bookHref('#local', 'zh')).toBe('#local');
  });
});

describe('language preference', () => {
  it('reads the remembered choice and the browser languages', () => {
    expect(rememberedLocale('zh')).toBe('zh');
    expect(rememberedLocale('klingon')).toBeUndefined();
    expect(rememberedLocale(null)).toBeUndefined();
    expect(browserLocale(['fr-FR', 'zh-TW', 'en'])).toBe('zh');
    expect(browserLocale(['fr-FR'])).toBe('en');
  });

  it('follows a remembered choice to the same page and section', () => {
    expect(preferredLocation('/chapters/gru/', '#update-gate', 'zh', 'en')).toBe('/zh/chapters/gru/#update-gate');
    expect(preferredLocation('/zh/', '', 'en', 'zh')).toBe('/');
    expect(preferredLocation('/chapters/gru/', '', 'en', 'zh')).toBeNull();
  });

  it('on a first visit follows the browser from the default edition, but keeps a chosen edition', () => {
    expect(preferredLocation('/', '', undefined, 'zh')).toBe('/zh/');
    expect(preferredLocation('/zh/chapters/gru/', '', undefined, 'en')).toBeNull();
    expect(preferredLocation('/no/such/page', '', 'zh', 'zh')).toBeNull();
  });
});

function entry(number: number, slug: string, lang = 'en'): ChapterIndexEntry {
  const file = `${String(number).padStart(2, '0')}-${slug}${lang === 'en' ? '' : `.${lang}`}.mdx`;
  return { number, slug, lang, file, title: `${slug} (${lang})`, recipes: [number], sources: [], labs: [] };
}

describe('chapter index', () => {
  const book = [entry(2, 'lstm'), entry(1, 'rnn'), entry(1, 'rnn', 'zh'), entry(3, 'gru')];

  it('orders chapters and prefers the reader’s language, falling back per chapter', () => {
    const zh = chaptersIn(book, 'zh');
    expect(zh.map((c) => c.entry.file)).toEqual(['01-rnn.zh.mdx', '02-lstm.mdx', '03-gru.mdx']);
    expect(zh.map((c) => c.isFallback)).toEqual([false, true, true]);
    expect(chaptersIn(book, 'en').every((c) => !c.isFallback)).toBe(true);
  });

  it('finds a chapter with its neighbours', () => {
    const chapters = chaptersIn(book, 'en');
    const middle = findChapter(chapters, 'lstm');
    expect(middle?.previous?.entry.slug).toBe('rnn');
    expect(middle?.next?.entry.slug).toBe('gru');
    expect(findChapter(chapters, 'rnn')?.previous).toBeUndefined();
    expect(findChapter(chapters, 'gru')?.next).toBeUndefined();
    expect(findChapter(chapters, 'missing')).toBeUndefined();
  });

  it('lists the languages that have chapters', () => {
    expect(languagesOf(book)).toEqual(['en', 'zh']);
  });
});

describe('theme', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    act(() => useThemeStore.getState().setPreference('system'));
  });

  it('cycles system → light → dark → system, and remembers the choice', () => {
    render(<ThemeToggle />);
    const button = screen.getByRole('button', { name: /Theme: System/ });
    fireEvent.click(button);
    // The key index.html's inline script reads before first paint (test/unit/storageKeys.test.ts).
    expect(THEME_KEY).toBe(storageKey('pref', 'theme'));
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(button.getAttribute('aria-label')).toMatch(/Light/);
    fireEvent.click(button);
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(button);
    expect(localStorage.getItem(THEME_KEY)).toBe('system');
    expect(useThemeStore.getState().preference).toBe('system');
  });

  it('reads the saved choice, ignoring anything it does not recognise', () => {
    expect(storedPreference()).toBe('system');
    localStorage.setItem(THEME_KEY, 'dark');
    expect(storedPreference()).toBe('dark');
    localStorage.setItem(THEME_KEY, 'sepia');
    expect(storedPreference()).toBe('system');
  });

  it('still switches when localStorage refuses to save', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    render(<ThemeToggle />);
    fireEvent.click(screen.getByRole('button'));
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});

describe('the app', () => {
  afterEach(() => {
    window.history.replaceState(null, '', '/');
  });

  it('lists every chapter of the book on the home page', () => {
    window.history.replaceState(null, '', '/');
    render(<App />);
    const links = screen.getAllByRole('link').map((a) => a.getAttribute('href'));
    for (const { entry } of chaptersIn(index, 'en')) expect(links).toContain(chapterPath(entry.slug));
  });

  it('shows a not-found page with a way home, and navigates without reloading', () => {
    window.history.replaceState(null, '', '/no/such/page');
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page not found');
    fireEvent.click(screen.getByRole('link', { name: 'Go to the home page' }));
    expect(window.location.pathname).toBe('/');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Unrolled');
  });

  it('switches the interface language with the language switch, keeping the page', () => {
    window.history.replaceState(null, '', '/');
    render(<App />);
    fireEvent.click(screen.getByRole('link', { name: '中文' }));
    expect(window.location.pathname).toBe('/zh/');
    expect(screen.getByRole('heading', { level: 2, name: '章节' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem('unrolled:pref:locale')).toBe('zh');
    act(() => navigate('/zh/missing'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('页面不存在');
    fireEvent.click(screen.getByRole('link', { name: 'English' }));
    expect(window.location.pathname).toBe('/');
    expect(localStorage.getItem('unrolled:pref:locale')).toBe('en');
  });

  it('lists the sources as texts, with the chapters that draw on them', () => {
    window.history.replaceState(null, '', '/sources/');
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sources');
    const text = document.body.textContent ?? '';
    expect(text).toContain('Mohit Mayank');
    // Readers see titles, not the seed files' names.
    expect(text).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
  });
});
