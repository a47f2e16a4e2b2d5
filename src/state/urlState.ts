/**
 * Widget state in the page's query string, so a link reproduces what the reader saw. Each widget
 * owns one parameter (named after its id, so several widgets on a page never clash); its value is
 * base64url-encoded JSON. Writes use history.replaceState — the reader's Back button should leave
 * the page, not undo every weight they dragged — and are throttled, since a drag changes the
 * state sixty times a second. The value codec itself is pure and lives in engine/jsonParam.ts.
 */

export function readQueryParam(name: string): string | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get(name);
}

/** Sets (or with null removes) one parameter, keeping the path, the other parameters and the hash. */
export function writeQueryParam(name: string, value: string | null): void {
  const url = new URL(window.location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  const next = url.pathname + url.search + url.hash;
  if (next !== window.location.pathname + window.location.search + window.location.hash) {
    window.history.replaceState(window.history.state, '', next);
  }
}

export interface UrlParamWriter {
  /**
   * Writes the value within `interval` ms; later values replace earlier ones not yet written. A
   * function is called only when the write happens, so encoding costs once per write, not per change.
   */
  schedule(value: string | null | (() => string | null)): void;
  /** Writes the pending value now (at the end of a drag, before leaving), and ends a hold. */
  flush(): void;
  /** Stops timed writes until the next flush: a drag writes its result once, at its end. */
  hold(): void;
  /** Drops the pending value and stops writing (on unmount). */
  dispose(): void;
}

/**
 * A throttled writer for one parameter. It only writes while the page is still the one it was
 * made on: a write that lands after the reader moved to another chapter would tack this widget's
 * state onto that chapter's URL.
 */
export function createUrlParamWriter(name: string, interval = 200): UrlParamWriter {
  const path = window.location.pathname;
  let pending: { value: string | null | (() => string | null) } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;
  let held = false;

  const flush = () => {
    held = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!pending || disposed) return;
    const { value } = pending;
    pending = null;
    if (window.location.pathname === path) writeQueryParam(name, typeof value === 'function' ? value() : value);
  };

  return {
    schedule(value) {
      if (disposed) return;
      pending = { value };
      if (!held) timer ??= setTimeout(flush, interval);
    },
    flush,
    hold() {
      held = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    dispose() {
      flush();
      disposed = true;
    },
  };
}
