/**
 * Errors the reader sees. Anything can be thrown in JavaScript (a string, a DOMException, a tfjs
 * object), so every catch turns it into text with errorMessage() rather than its own
 * `instanceof Error ? … : String(e)`.
 *
 * BookError carries a stable code and parameters next to its English message, so an edition in
 * another language can look the code up in its dictionary instead of translating English text.
 * The English message stays the developer's text and the fallback; no edition's wording lives
 * here (the book translates codes in src/book/strings/errors.ts).
 */
export type ErrorParams = Record<string, string | number>;

export class BookError extends Error {
  constructor(
    /** A dictionary-style key, e.g. "csv.empty"; stable across editions and releases. */
    readonly code: string,
    message: string,
    readonly params: ErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BookError';
  }
}

/**
 * An error as plain data: what a store keeps and a worker posts (structured clone drops an
 * Error's own fields, so a BookError would arrive without its code). `code` is absent for
 * errors that did not come from the book (tfjs, the browser), which show their own message.
 */
export interface ReaderError {
  code?: string;
  params?: ErrorParams;
  message: string;
}

/** The text of anything thrown: an Error's message, otherwise its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Anything thrown, as an Error (kept as is when it already is one). */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function isReaderError(value: unknown): value is ReaderError {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && typeof (value as ReaderError).message === 'string';
}

/** Anything thrown (or an already described error), as plain data with its code and parameters. */
export function describeError(error: unknown): ReaderError {
  if (error instanceof BookError) return { code: error.code, params: { ...error.params }, message: error.message };
  if (isReaderError(error)) return error;
  return { message: errorMessage(error) };
}

/** The Error again from its plain description (after a postMessage), a BookError when it had a code. */
export function fromDescription(described: ReaderError): Error {
  return described.code ? new BookError(described.code, described.message, described.params) : new Error(described.message);
}
