/**
 * The explorer's input side: any sentence, in any script, becomes a short list of tokens, and each
 * token a small vector. Word boundaries come from Intl.Segmenter, which knows that Chinese and
 * Japanese have no spaces and that an emoji or a comma is a unit of its own; where it is missing
 * the text is split on whitespace. The embedding is a tiny deterministic table: the same token
 * always gets the same vector, so a shared link shows the same numbers, and the reader may
 * overwrite any row of it.
 */
import { seededRandom } from './random';

export const MAX_TOKENS = 40;

export interface Tokenized {
  tokens: string[];
  /** How many tokens the whole text had before the cut. */
  total: number;
  truncated: boolean;
}

interface WordSegment {
  segment: string;
}
interface WordSegmenter {
  segment(text: string): Iterable<WordSegment>;
}
type SegmenterConstructor = new (locale: string | undefined, options: { granularity: 'word' }) => WordSegmenter;

function segmenterClass(): SegmenterConstructor | null {
  const Segmenter = (Intl as unknown as { Segmenter?: SegmenterConstructor }).Segmenter;
  return typeof Segmenter === 'function' ? Segmenter : null;
}

/** Every word, number, emoji and punctuation mark of the text, whitespace dropped. */
export function splitTokens(text: string, Segmenter: SegmenterConstructor | null = segmenterClass()): string[] {
  if (!Segmenter) return text.split(/\s+/u).filter((t) => t.length > 0);
  const tokens: string[] = [];
  for (const { segment } of new Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    // Punctuation and emoji are not "word-like" to the segmenter, but they are tokens to us.
    if (segment.trim().length > 0) tokens.push(segment);
  }
  return tokens;
}

export function tokenizeSentence(text: string, maxTokens = MAX_TOKENS, Segmenter?: SegmenterConstructor | null): Tokenized {
  const all = splitTokens(text, Segmenter === undefined ? segmenterClass() : Segmenter);
  return { tokens: all.slice(0, maxTokens), total: all.length, truncated: all.length > maxTokens };
}

/** FNV-1a over the token's UTF-16 units: a stable seed per token. */
function tokenSeed(token: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    hash ^= token.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A token's default vector: dim values in [-1, 1], two decimals so it reads well in a table. */
export function defaultTokenVector(token: string, dim: number): number[] {
  const random = seededRandom(tokenSeed(token));
  return Array.from({ length: dim }, () => Math.round((random() * 2 - 1) * 100) / 100);
}

/** Rows the reader edited, by token; every other token keeps its default vector. */
export type EmbeddingOverrides = Readonly<Record<string, readonly number[]>>;

export function tokenVector(token: string, dim: number, overrides: EmbeddingOverrides = {}): number[] {
  const own = Object.hasOwn(overrides, token) ? overrides[token] : undefined;
  return own && own.length === dim ? [...own] : defaultTokenVector(token, dim);
}

/** The distinct tokens in first-seen order: the rows of the embedding table. */
export function vocabularyOf(tokens: readonly string[]): string[] {
  return [...new Set(tokens)];
}

export function embedTokens(tokens: readonly string[], dim: number, overrides: EmbeddingOverrides = {}): Float32Array[] {
  return tokens.map((token) => Float32Array.from(tokenVector(token, dim, overrides)));
}
