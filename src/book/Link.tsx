import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './router';

/**
 * Clicks the app should handle itself: plain left clicks on same-origin links that the reader did
 * not ask to open elsewhere (new tab, download, modifier keys). Everything else is the browser's.
 */
function isAppNavigation(event: MouseEvent<HTMLAnchorElement>): boolean {
  const anchor = event.currentTarget;
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return false;
  return anchor.origin === window.location.origin;
}

export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An <a> that navigates without reloading the page when it points inside the book. */
export function Link({ onClick, ...props }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    // A bare "#fragment" is left to the browser, which scrolls and updates history on its own.
    if (props.href.startsWith('#') || !isAppNavigation(event)) return;
    event.preventDefault();
    navigate(props.href);
  };
  return <a {...props} onClick={handleClick} />;
}
