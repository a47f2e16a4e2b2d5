/**
 * Colours for canvases, which cannot read CSS custom properties: "var(--accent)" resolved to the
 * colour it stands for in the page's current theme. Reading a computed style forces a style
 * update, which must not happen on every drag, so each colour is read once per theme and cached.
 * A component that paints calls useThemeVersion(), so a theme change re-renders it and it
 * repaints with the new theme's colours.
 */
import { useEffect, useState } from 'react';

const resolved = new Map<string, string>();

export function cssColor(el: Element, color: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(color)?.[1];
  if (!name) return color;
  const key = `${document.documentElement.dataset.theme ?? ''}|${name}`;
  let value = resolved.get(key);
  if (value === undefined) {
    value = getComputedStyle(el).getPropertyValue(name).trim() || '#888';
    resolved.set(key, value);
  }
  return value;
}

/** A number that changes when the page's theme does (data-theme on <html>). */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return version;
}
