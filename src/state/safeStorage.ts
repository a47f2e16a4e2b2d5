/**
 * localStorage that never throws. Private browsing modes, disabled cookies and sandboxed iframes
 * make `localStorage` itself (or its setter) throw, and a full quota makes writes throw; a choice
 * that cannot be saved is not worth a blank page, so those failures degrade to "not remembered".
 * Keys come from storageKey() (engine/storageKeys.ts).
 */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Not remembered across visits; the in-memory value still applies.
  }
}

export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // As above.
  }
}

/** The value under `key`, or else the one under `legacyKey`, which is then moved to `key`. */
export function readStoredMoving(key: string, legacyKey: string): string | null {
  const value = readStored(key);
  if (value !== null) return value;
  const old = readStored(legacyKey);
  if (old !== null) {
    writeStored(key, old);
    removeStored(legacyKey);
  }
  return old;
}
