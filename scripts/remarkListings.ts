/**
 * Code listings in chapters come from the real source, so prose and code cannot drift. In a
 * source file, a region is marked with comments:
 *
 *   // #region listing:count-vector
 *   export function countVector(…) { … }
 *   // #endregion
 *
 * and a chapter asks for it with a fenced block whose meta names the file and the region:
 *
 *   ```ts listing=src/engine/bagOfWords.ts#count-vector
 *   ```
 *
 * The block's body is replaced by the region (dedented), under a first line naming the file. A
 * missing file, a missing or unclosed region, or a block with text of its own fails the build:
 * a listing is either the real code or an error. Regions may nest; the markers never show.
 *
 * In a Chinese chapter (`*.zh.mdx`) the comments are translated from content/listings.zh.json
 * (scripts/listingComments.ts); a comment without a translation fails the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { type ListingTranslations, translateComments } from './listingComments.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const LISTING_META = /(?:^|\s)listing=(\S+)#([\w-]+)(?:\s|$)/;
const START = /^\s*\/\/\s*#region\b\s*(.*)$/;
const END = /^\s*\/\/\s*#endregion\b/;

export class ListingError extends Error {}

function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** The text of region `name` in `source` (its marker lines and those of nested regions left out). */
export function extractRegion(source: string, name: string, where: string): string {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((l) => START.exec(l)?.[1].trim() === `listing:${name}`);
  if (start < 0) throw new ListingError(`${where}: no "// #region listing:${name}"`);
  const body: string[] = [];
  let depth = 1;
  for (let i = start + 1; i < lines.length; i++) {
    if (START.test(lines[i])) {
      depth += 1;
      continue;
    }
    if (END.test(lines[i])) {
      depth -= 1;
      if (depth === 0) {
        if (body.every((l) => l.trim() === '')) throw new ListingError(`${where}: region listing:${name} is empty`);
        return dedent(body);
      }
      continue;
    }
    body.push(lines[i]);
  }
  throw new ListingError(`${where}: region listing:${name} has no "// #endregion"`);
}

/** The listing a code block's meta asks for, or null when it asks for none. */
export function listingFor(meta: string | null | undefined, root: string = repoRoot): { file: string; name: string; text: string } | null {
  const m = meta ? LISTING_META.exec(meta) : null;
  if (!m) return null;
  const [, file, name] = m;
  let source: string;
  try {
    source = readFileSync(join(root, file), 'utf8');
  } catch {
    throw new ListingError(`listing=${file}#${name}: ${file} does not exist`);
  }
  return { file, name, text: extractRegion(source, name, file) };
}

/** The Chinese comment translations of every listing (content/listings.zh.json under `root`). */
export function listingTranslations(root: string = repoRoot): ListingTranslations {
  const path = join(root, 'content/listings.zh.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ListingError(`${path} does not exist: the Chinese chapters' listings need their comment translations`);
  }
  const { listings } = JSON.parse(text) as { listings: ListingTranslations };
  return listings;
}

export function remarkListings(options: { root?: string } = {}) {
  return (tree: Root, vfile: { path?: string }) => {
    const zh = vfile.path?.endsWith('.zh.mdx') ?? false;
    let translations: ListingTranslations | undefined;
    visit(tree, 'code', (node: Code) => {
      let listing;
      try {
        listing = listingFor(node.meta, options.root);
        if (listing && zh) {
          const id = `${listing.file}#${listing.name}`;
          translations ??= listingTranslations(options.root);
          listing.text = translateComments(listing.text, id, translations[id]);
        }
      } catch (error) {
        throw new ListingError(`${vfile.path ?? 'chapter'}:${node.position?.start.line ?? '?'}: ${(error as Error).message}`);
      }
      if (!listing) return;
      if (node.value.trim() !== '') {
        throw new ListingError(`${vfile.path ?? 'chapter'}:${node.position?.start.line ?? '?'}: a listing= block must be empty; its code comes from ${listing.file}`);
      }
      node.value = `// ${listing.file}\n${listing.text}`;
    });
  };
}
