/**
 * Looking for interpretable units, as Karpathy did in char-rnn: mark each character of a text
 * with a yes/no property (inside quotes, end of a line, end of a word) and rank the hidden units by
 * how strongly their activation correlates with it.
 *
 * The properties cover English and Chinese text: quotes “…” and "…", corner quotes 「…」 and
 * 『…』, the first character after a full stop 。！？, line ends, and for scripts that separate
 * words with spaces the end of a word and the vowels. A property is offered only when the text
 * has the characters it is about (availablePredicates), so a Chinese text is not asked for vowels
 * and Moby-Dick not for corner quotes.
 */

export const CHAR_PREDICATES = ['quotes', 'cornerQuotes', 'afterStop', 'lineEnd', 'wordEnd', 'vowel'] as const;
export type CharPredicate = (typeof CHAR_PREDICATES)[number];

/** Same character opens and closes ("), or a pair (“ ”): each entry maps an opener to its closer. */
const QUOTE_PAIRS: Record<'quotes' | 'cornerQuotes', ReadonlyMap<string, string>> = {
  quotes: new Map([
    ['"', '"'],
    ['“', '”'],
  ]),
  cornerQuotes: new Map([
    ['「', '」'],
    ['『', '』'],
  ]),
};
const FULL_STOPS = new Set(['。', '！', '？']);
/** What may stand between a full stop and the next sentence: closing quotes and brackets, spaces. */
const AFTER_STOP_SKIP = /[\s」』”’）)\]]/u;
/** Letters of scripts that put spaces between words; Han and kana are written without them. */
const isWordLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c);
const isVowel = (c: string) => /[aeiouAEIOU]/.test(c);

/**
 * 1 inside a quotation, from its opening mark to its closing one inclusive. Nested quotes of the
 * same family count as one quotation (「…『…』…」 ends at the last 」); an opener without a closer
 * marks the rest of the text.
 */
function markQuoted(chars: string[], pairs: ReadonlyMap<string, string>): Float32Array {
  const marks = new Float32Array(chars.length);
  const open: string[] = [];
  chars.forEach((c, i) => {
    const closing = open[open.length - 1];
    if (closing !== undefined && c === closing) {
      marks[i] = 1;
      open.pop();
    } else if (pairs.has(c)) {
      marks[i] = 1;
      open.push(pairs.get(c)!);
    } else if (open.length > 0) marks[i] = 1;
  });
  return marks;
}

/** 1 on the first character of a new sentence: the first after 。！？ and any closing quotes or spaces. */
function markAfterStop(chars: string[]): Float32Array {
  const marks = new Float32Array(chars.length);
  let afterStop = false;
  chars.forEach((c, i) => {
    if (FULL_STOPS.has(c)) afterStop = true;
    else if (afterStop && !AFTER_STOP_SKIP.test(c)) {
      marks[i] = 1;
      afterStop = false;
    }
  });
  return marks;
}

/** 1 where the character has the property, else 0. */
export function markCharacters(chars: string[], predicate: CharPredicate): Float32Array {
  switch (predicate) {
    case 'quotes':
    case 'cornerQuotes':
      return markQuoted(chars, QUOTE_PAIRS[predicate]);
    case 'afterStop':
      return markAfterStop(chars);
    case 'lineEnd':
      return Float32Array.from(chars, (c, i) => (chars[i + 1] === '\n' || c === '\n' ? 1 : 0));
    case 'wordEnd':
      return Float32Array.from(chars, (c, i) => (isWordLetter(c) && !isWordLetter(chars[i + 1]) ? 1 : 0));
    case 'vowel':
      return Float32Array.from(chars, (c) => (isVowel(c) ? 1 : 0));
  }
}

/** Whether the text has any of the characters a property is about. */
const OCCURS: Record<CharPredicate, (c: string) => boolean> = {
  quotes: (c) => QUOTE_PAIRS.quotes.has(c),
  cornerQuotes: (c) => QUOTE_PAIRS.cornerQuotes.has(c),
  afterStop: (c) => FULL_STOPS.has(c),
  lineEnd: (c) => c === '\n',
  wordEnd: isWordLetter,
  vowel: isVowel,
};

/** The properties worth offering for this text, in CHAR_PREDICATES' order. */
export function availablePredicates(chars: readonly string[]): CharPredicate[] {
  return CHAR_PREDICATES.filter((p) => chars.some(OCCURS[p]));
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
