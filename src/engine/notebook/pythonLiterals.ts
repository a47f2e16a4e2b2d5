/**
 * Numbers written into Python source without losing a bit. A float32 is printed with the fewest
 * digits that read back (through np.float32) as the same float32; an array too long to read is
 * written as base64 of its little-endian float32 bytes, for np.frombuffer(..., dtype="<f4").
 */

/** The shortest decimal that rounds to this float32 (at most 9 significant digits always do). */
export function float32Repr(value: number): string {
  const f = Math.fround(value);
  if (Number.isNaN(f)) return 'float("nan")';
  if (!Number.isFinite(f)) return f > 0 ? 'float("inf")' : '-float("inf")';
  if (Number.isInteger(f) && Math.abs(f) < 1e16) return `${Object.is(f, -0) ? '-0' : f}.0`;
  for (let digits = 1; digits < 9; digits++) {
    const text = f.toPrecision(digits);
    // Fewer digits never end in a zero that more would need, so the first fit is the shortest.
    if (Math.fround(Number(text)) === f) return text;
  }
  return f.toPrecision(9);
}

/** A nested Python list of floats for values laid out row-major in `shape`. */
export function pythonFloatList(values: ArrayLike<number>, shape: number[]): string {
  const build = (offset: number, axis: number): string => {
    if (axis === shape.length) return float32Repr(values[offset]);
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return `[${Array.from({ length: shape[axis] }, (_, i) => build(offset + i * stride, axis + 1)).join(', ')}]`;
  };
  return build(0, 0);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

export function base64(bytes: Uint8Array): string {
  // Written as ASCII bytes and decoded once: a 13 MB model makes 17 MB of text, and string
  // concatenation of that much takes seconds.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const full = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = CODES[n >> 18];
    out[o++] = CODES[(n >> 12) & 63];
    out[o++] = CODES[(n >> 6) & 63];
    out[o++] = CODES[n & 63];
  }
  const rest = bytes.length - full;
  if (rest > 0) {
    const n = (bytes[full] << 16) | (rest === 2 ? bytes[full + 1] << 8 : 0);
    out[o++] = CODES[n >> 18];
    out[o++] = CODES[(n >> 12) & 63];
    out[o++] = rest === 2 ? CODES[(n >> 6) & 63] : 61; // '='
    out[o++] = 61;
  }
  return new TextDecoder('ascii').decode(out);
}

/** The float32 values' bytes, little-endian whatever the machine's order, as base64. */
export function float32Base64(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return base64(bytes);
}

/** A Python string literal (JSON's escapes are Python's too, for the characters JSON emits). */
export const pythonString = (text: string): string => JSON.stringify(text);
