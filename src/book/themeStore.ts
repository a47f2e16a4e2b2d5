/**
 * Light/dark theme. The reader picks "system", "light" or "dark"; the page always carries the
 * resolved choice as `data-theme` on <html>, which the CSS custom properties in src/styles key on.
 * Widgets should style with those variables; the store is here for the ones (d3 canvases) that
 * must read colours in script and so need to know when to read them again.
 *
 * index.html repeats the resolution in a tiny inline script so the first paint is already right;
 * keep THEME_KEY and the values in step with it.
 */
import { create } from 'zustand';
import { legacyStorageKey, storageKey } from '../engine/storageKeys';
import { readStoredMoving, writeStored } from '../state/safeStorage';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ResolvedTheme = 'light' | 'dark';

/** Also read by index.html's inline script, which cannot import it (test/unit/storageKeys.test.ts checks they agree). */
export const THEME_KEY = storageKey('pref', 'theme');
const CYCLE: ThemePreference[] = ['system', 'light', 'dark'];
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function nextPreference(current: ThemePreference): ThemePreference {
  return CYCLE[(CYCLE.indexOf(current) + 1) % CYCLE.length];
}

/** False while prerendering in node, where there is no document to theme. */
const inBrowser = typeof window !== 'undefined';

function systemTheme(): ResolvedTheme {
  return inBrowser && typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function resolve(preference: ThemePreference): ResolvedTheme {
  return preference === 'system' ? systemTheme() : preference;
}

/** The reader's saved choice, or "system" when there is none (or it cannot be read). */
export function storedPreference(): ThemePreference {
  const stored = readStoredMoving(THEME_KEY, legacyStorageKey('pref', 'theme'));
  return CYCLE.includes(stored as ThemePreference) ? (stored as ThemePreference) : 'system';
}

interface ThemeState {
  preference: ThemePreference;
  resolved: ResolvedTheme;
  setPreference: (preference: ThemePreference) => void;
  /** system → light → dark → system: what the header button does. */
  cycle: () => void;
}

export const useThemeStore = create<ThemeState>((set, get) => {
  const preference = storedPreference();
  return {
    preference,
    resolved: resolve(preference),
    setPreference: (next) => {
      writeStored(THEME_KEY, next);
      set({ preference: next, resolved: resolve(next) });
    },
    cycle: () => get().setPreference(nextPreference(get().preference)),
  };
});

function applyToDocument(theme: ResolvedTheme): void {
  document.documentElement.dataset.theme = theme;
}

if (inBrowser) applyToDocument(useThemeStore.getState().resolved);
useThemeStore.subscribe((state, previous) => {
  if (state.resolved !== previous.resolved) applyToDocument(state.resolved);
});

// Follow the operating system live while the reader has not picked a theme themselves.
if (inBrowser && typeof window.matchMedia === 'function') {
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    const { preference } = useThemeStore.getState();
    if (preference === 'system') useThemeStore.setState({ resolved: systemTheme() });
  });
}
