/**
 * A number that changes when the page's theme does (data-theme or class on <html>), for drawings
 * on canvas: a canvas cannot read CSS custom properties, so its colours are resolved from CSS once
 * per theme and must be read again, and the canvas repainted, when the theme changes.
 */
import { useEffect, useState } from 'react';

export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    return () => observer.disconnect();
  }, []);
  return version;
}
