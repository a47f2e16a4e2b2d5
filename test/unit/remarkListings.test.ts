/**
 * Chapter listings come from tagged regions of the real source (scripts/remarkListings.ts): the
 * extractor on samples, the plugin through the build's own MDX compile, and every listing the
 * chapters ask for.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { rehypePlugins, remarkPlugins } from '../../scripts/mdxOptions.ts';
import { ListingError, extractRegion, listingFor, remarkListings } from '../../scripts/remarkListings.ts';
import { ROOT } from '../browser/app.ts';

const SAMPLE = [
  'const before = 1;',
  '// #region listing:outer',
  'export function f() {',
  '  // #region listing:inner',
  '  return 42;',
  '  // #endregion',
  '}',
  '// #endregion',
  '// #region listing:open',
  'let x;',
].join('\n');

describe('extractRegion', () => {
  it('returns the region without its markers or those nested in it, dedented', () => {
    expect(extractRegion(SAMPLE, 'outer', 'sample.ts')).toBe('export function f() {\n  return 42;\n}');
    expect(extractRegion(SAMPLE, 'inner', 'sample.ts')).toBe('return 42;');
  });

  it('fails on a missing, unclosed or empty region', () => {
    expect(() => extractRegion(SAMPLE, 'nope', 'sample.ts')).toThrow(/sample\.ts: no "\/\/ #region listing:nope"/);
    expect(() => extractRegion(SAMPLE, 'open', 'sample.ts')).toThrow(/has no "\/\/ #endregion"/);
    expect(() => extractRegion('// #region listing:e\n\n// #endregion', 'e', 's.ts')).toThrow(/is empty/);
  });
});

describe('remarkListings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unrolled-listings-'));
  writeFileSync(join(dir, 'code.ts'), SAMPLE);
  const codeOf = async (mdx: string) => {
    const blocks: string[] = [];
    const capture = () => (tree: Root) => visit(tree, 'code', (node: Code) => void blocks.push(node.value));
    await compile(mdx, { remarkPlugins: [[remarkListings, { root: dir }], capture] });
    return blocks;
  };

  it('fills an empty listing= block with the region under a line naming the file, and leaves other blocks alone', async () => {
    expect(await codeOf('```ts listing=code.ts#inner\n```\n\n```python\nmodel.fit(x)\n```\n')).toEqual(['// code.ts\nreturn 42;', 'model.fit(x)']);
  });

  it('fails the compile on a missing file or region, or a listing block with its own text', async () => {
    await expect(codeOf('```ts listing=missing.ts#inner\n```\n')).rejects.toThrow(/missing\.ts does not exist/);
    await expect(codeOf('```ts listing=code.ts#gone\n```\n')).rejects.toThrow(/no "\/\/ #region listing:gone"/);
    await expect(codeOf('```ts listing=code.ts#inner\nstale copy\n```\n')).rejects.toThrow(ListingError);
  });

  it('is one of the plugins every chapter is compiled with', () => {
    expect(remarkPlugins).toContain(remarkListings);
  });
});

describe('the chapters', () => {
  const contentDir = join(ROOT, 'content');
  const chapters = readdirSync(contentDir).filter((f) => f.endsWith('.mdx'));
  const listings = chapters.flatMap((file) =>
    [...readFileSync(join(contentDir, file), 'utf8').matchAll(/^```ts (listing=\S+)/gm)].map((m) => ({ file, meta: m[1] })),
  );

  it('show the engine code the English chapters 1–4, 7, 13 and 15 (and their translations) quote, from the source', () => {
    expect(listings.length).toBeGreaterThanOrEqual(14);
    for (const { file, meta } of listings) {
      const listing = listingFor(meta, ROOT);
      expect(listing?.text.length, `${file}: ${meta}`).toBeGreaterThan(20);
    }
    expect(listingFor('listing=src/engine/bagOfWords.ts#count-vector', ROOT)?.text).toMatch(/^export function countVector\(/);
  });

  it('compile with their listings filled in', async () => {
    const file = join(contentDir, '02-why-order-matters.mdx');
    const blocks: string[] = [];
    const capture = () => (tree: Root) => visit(tree, 'code', (node: Code) => void blocks.push(node.value));
    await compile(readFileSync(file, 'utf8'), { remarkPlugins: [...remarkPlugins, capture], rehypePlugins });
    const source = readFileSync(join(ROOT, 'src/engine/bagOfWords.ts'), 'utf8');
    const listing = blocks.find((b) => b.startsWith('// src/engine/bagOfWords.ts'));
    expect(listing).toBeDefined();
    // Every line of the listing is a line of the real file: nothing in it is a copy that could drift.
    for (const line of listing!.split('\n').slice(1)) expect(source).toContain(line);
  });
});
