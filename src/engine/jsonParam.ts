/**
 * The codec for widget state in links: JSON as UTF-8, then base64url. Pure (no window), so the
 * engine code that validates a decoded link and the tests can use it without a page.
 */

/** UTF-8 JSON as base64url (RFC 4648 §5, no padding): safe in a query string without escaping. */
export function encodeJsonParam(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of encodeJsonParam; throws on anything that is not base64url of UTF-8 JSON. */
export function decodeJsonParam(text: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}
