import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from './router';

/**
 * A page's <h1>. After an in-app navigation it takes focus, as a fresh page load would put the
 * reader at the top, so screen readers announce the new page and Tab continues from there.
 * (With a #fragment the reader is headed further down, so focus stays put.)
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated() && !window.location.hash) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
