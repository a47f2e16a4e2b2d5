/**
 * The Chinese chapters show the same listings with Chinese comments. The comments of a listing are
 * found by the TypeScript parser (so a `//` inside a string or a regular expression is never taken
 * for one), and each is replaced by its translation from content/listings.zh.json, keyed by listing
 * id ("file#region") and then by the English comment text without its markers. Code, indentation
 * and markers stay byte for byte; a comment with no translation fails the build, so a source edit
 * that changes a comment forces its translation to be updated.
 */
import ts from 'typescript';

export type ListingTranslations = Record<string, Record<string, string>>;

export class MissingTranslationError extends Error {}

/** [start, end) of every comment in `code`, in order. */
function commentRanges(code: string): Array<{ pos: number; end: number }> {
  const source = ts.createSourceFile('listing.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const seen = new Map<number, { pos: number; end: number }>();
  const add = (ranges: ts.CommentRange[] | undefined) => ranges?.forEach((r) => seen.set(r.pos, { pos: r.pos, end: r.end }));
  const walk = (node: ts.Node) => {
    const children = node.getChildren(source);
    if (children.length === 0 || node.kind === ts.SyntaxKind.EndOfFileToken) {
      add(ts.getLeadingCommentRanges(code, node.pos));
      add(ts.getTrailingCommentRanges(code, node.end));
    }
    children.forEach(walk);
  };
  walk(source);
  return [...seen.values()].sort((a, b) => a.pos - b.pos);
}

/** One comment line split into its opening marker, its text (trimmed) and the rest (closing marker). */
const LINE_COMMENT = /^(\/\/\s*)(.*?)(\s*)$/s;
const BLOCK_LINE = /^(\s*(?:\/\*\*?|\*(?!\/))?\s*)(.*?)(\s*(?:\*\/)?\s*)$/s;

/**
 * `code` with every comment replaced by its translation in `table`. Throws a
 * MissingTranslationError naming the listing and every untranslated comment.
 */
export function translateComments(code: string, id: string, table: Record<string, string> | undefined): string {
  const missing: string[] = [];
  const lookup = (english: string) => {
    const zh = table?.[english];
    if (zh === undefined) missing.push(english);
    return zh ?? english;
  };
  let out = '';
  let at = 0;
  for (const { pos, end } of commentRanges(code)) {
    const comment = code.slice(pos, end);
    let translated: string;
    if (comment.startsWith('//')) {
      const [, open, text, close] = LINE_COMMENT.exec(comment)!;
      translated = text === '' ? comment : open + lookup(text) + close;
    } else {
      translated = comment
        .split('\n')
        .map((line) => {
          const [, open, text, close] = BLOCK_LINE.exec(line)!;
          return text === '' ? line : open + lookup(text) + close;
        })
        .join('\n');
    }
    out += code.slice(at, pos) + translated;
    at = end;
  }
  if (missing.length > 0) {
    throw new MissingTranslationError(
      `listing ${id} has comments with no Chinese translation in content/listings.zh.json (add them under "${id}"): ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
    );
  }
  return out + code.slice(at);
}
