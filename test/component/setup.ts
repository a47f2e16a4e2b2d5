import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

// happy-dom has matchMedia, but guard for DOM shims that do not: the theme store and the
// reduced-motion hook both ask it at import time.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

beforeEach(() => {
  window.localStorage.clear();
});

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
