/** One key scheme for everything the book stores (src/engine/storageKeys.ts). */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { legacyStorageKey, storageKey, tfjsModelUrl } from '../../src/engine/storageKeys';
import { readStoredMoving } from '../../src/state/safeStorage';

function memoryStorage(entries: Record<string, string>) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('storage keys', () => {
  it('are "unrolled:<kind>:<name>", and tfjs models live at indexeddb:// plus that key', () => {
    expect(storageKey('settings', 'order-matters')).toBe('unrolled:settings:order-matters');
    expect(storageKey('meta', 'charlm-ch17')).toBe('unrolled:meta:charlm-ch17');
    expect(tfjsModelUrl('mnist')).toBe('indexeddb://unrolled:model:mnist');
  });

  it("index.html's inline theme script reads the key the theme store writes", () => {
    // themeStore.ts cannot be imported here (it reads window at load); book.test.tsx checks THEME_KEY is this key.
    const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
    expect(html).toContain(`localStorage.getItem('${storageKey('pref', 'theme')}')`);
  });

  it('a value saved under the old key is read once and moved to the new key', () => {
    const storage = memoryStorage({ [legacyStorageKey('settings', 'toy-rnn')]: '{"v":1}' });
    vi.stubGlobal('window', { localStorage: storage });
    expect(legacyStorageKey('settings', 'toy-rnn')).toBe('unrolled:toy-rnn');
    expect(readStoredMoving(storageKey('settings', 'toy-rnn'), legacyStorageKey('settings', 'toy-rnn'))).toBe('{"v":1}');
    expect([...storage.map.entries()]).toEqual([['unrolled:settings:toy-rnn', '{"v":1}']]);
  });

  it('the new key wins over an old one, and storage that throws reads as nothing saved', () => {
    const storage = memoryStorage({ 'unrolled.theme': 'dark', 'unrolled:pref:theme': 'light' });
    vi.stubGlobal('window', { localStorage: storage });
    expect(readStoredMoving('unrolled:pref:theme', legacyStorageKey('pref', 'theme'))).toBe('light');
    vi.stubGlobal('window', {
      localStorage: {
        getItem: () => {
          throw new Error('SecurityError');
        },
      },
    });
    expect(readStoredMoving('unrolled:pref:theme', 'unrolled.theme')).toBeNull();
  });
});
