/**
 * Looking for interpretable units, as Karpathy did in char-rnn: mark each character of a text
 * with a yes/no property (inside quotes, end of a line, end of a word) and rank the hidden units by
 * how strongly their activation correlates with it.
 */

export type CharPredicate = 'quotes' | 'lineEnd' | 'wordEnd' | 'vowel';

const OPENING = new Set(['"', '“']);
const CLOSING = new Set(['"', '”']);
const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/** 1 where the character has the property, else 0. Quotes count opening to closing, inclusive. */
export function markCharacters(chars: string[], predicate: CharPredicate): Float32Array {
  const marks = new Float32Array(chars.length);
  let inside = false;
  chars.forEach((c, i) => {
    switch (predicate) {
      case 'quotes':
        if (!inside && OPENING.has(c)) {
          inside = true;
          marks[i] = 1;
        } else if (inside) {
          marks[i] = 1;
          if (CLOSING.has(c)) inside = false;
        }
        break;
      case 'lineEnd':
        marks[i] = chars[i + 1] === '\n' || c === '\n' ? 1 : 0;
        break;
      case 'wordEnd':
        marks[i] = isLetter(c) && !isLetter(chars[i + 1]) ? 1 : 0;
        break;
      case 'vowel':
        marks[i] = /[aeiouAEIOU]/.test(c) ? 1 : 0;
        break;
    }
  });
  return marks;
}

/** Pearson correlation; 0 when either series is constant. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

/** One unit's values over the text, from values[t][unit]. */
export function unitSeries(values: ArrayLike<number>[], unit: number): Float32Array {
  return Float32Array.from(values, (v) => v[unit]);
}

/** The units whose |correlation| with the marks is largest, strongest first. */
export function topUnits(values: ArrayLike<number>[], marks: ArrayLike<number>, count: number): { unit: number; r: number }[] {
  const units = values[0]?.length ?? 0;
  return Array.from({ length: units }, (_, unit) => ({ unit, r: correlation(unitSeries(values, unit), marks) }))
    .sort((x, y) => Math.abs(y.r) - Math.abs(x.r))
    .slice(0, count);
}
