/**
 * Errors the reader sees. Anything can be thrown in JavaScript (a string, a DOMException, a tfjs
 * object), so every catch turns it into text with errorMessage() rather than its own
 * `instanceof Error ? … : String(e)`.
 *
 * BookError carries a stable code and parameters next to its English message, so an edition in
 * another language can look the code up in its dictionary instead of translating English text.
 */
export class BookError extends Error {
  constructor(
    /** A dictionary-style key, e.g. "csv.empty"; stable across editions and releases. */
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BookError';
  }
}

/** The text of anything thrown: an Error's message, otherwise its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything thrown, as an Error (kept as is when it already is one). */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
