import { useHydrated } from './hydration';
import { useT, type StringKey } from './i18n';
import { useThemeStore, type ThemePreference } from './themeStore';

const NAMES: Record<ThemePreference, StringKey> = { system: 'theme.system', light: 'theme.light', dark: 'theme.dark' };
const ICONS: Record<ThemePreference, string> = { system: '◐', light: '☀', dark: '☾' };

/** Cycles system → light → dark; the button names the current choice. */
export function ThemeToggle() {
  const t = useT();
  // The prerendered page cannot know the reader's saved choice; it says "system" until hydrated.
  const saved = useThemeStore((state) => state.preference);
  const preference = useHydrated() ? saved : 'system';
  const cycle = useThemeStore((state) => state.cycle);
  const name = t(NAMES[preference]);
  return (
    <button type="button" className="header-button" onClick={cycle} aria-label={t('theme.switch', { current: name })}>
      <span aria-hidden="true">{ICONS[preference]}</span> <span className="theme-name">{name}</span>
    </button>
  );
}
