/**
 * localStorage that never throws. Private browsing modes, disabled cookies and sandboxed iframes
 * make `localStorage` itself (or its setter) throw; a preference that cannot be saved is not worth
 * a blank page, so those failures degrade to "not remembered".
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
