/**
 * Chapter listings come from tagged regions of the real source (scripts/remarkListings.ts): the
 * extractor on samples, the plugin through the build's own MDX compile, and every listing the
 * chapters ask for.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { rehypePlugins, remarkPlugins } from '../../scripts/mdxOptions.ts';
import { MissingTranslationError, translateComments } from '../../scripts/listingComments.ts';
import { ListingError, extractRegion, listingFor, listingTranslations, remarkListings } from '../../scripts/remarkListings.ts';
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

  it('show the code the chapters (English and Chinese) quote, from the source', () => {
    expect(listings.length).toBeGreaterThanOrEqual(30);
    for (const { file, meta } of listings) {
      const listing = listingFor(meta, ROOT);
      expect(listing?.text.length, `${file}: ${meta}`).toBeGreaterThan(20);
    }
    expect(listingFor('listing=src/engine/bagOfWords.ts#count-vector', ROOT)?.text).toMatch(/^export function countVector\(/);
  });

  it('have no TypeScript or JavaScript block of their own: every one is a listing, so none can drift from the code', () => {
    for (const file of chapters) {
      for (const m of readFileSync(join(contentDir, file), 'utf8').matchAll(/^```(tsx?|typescript|jsx?|javascript)\b(.*)$/gm)) {
        expect(m[2], `${file}: a \`\`\`${m[1]} block without listing=`).toMatch(/(^|\s)listing=\S+#[\w-]+/);
      }
    }
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

const CJK = /[\u4e00-\u9fff]/;

describe('translateComments', () => {
  const code = [
    '/**',
    ' * Adds one.',
    ' */',
    "const url = 'http://x'; // trailing note",
    'const re = /a\\/\\/b/g;',
    '  // indented note',
    '/* block */ const y = 2;',
  ].join('\n');
  const table = { 'Adds one.': '加一。', 'trailing note': '行尾注释', 'indented note': '缩进的注释', block: '块' };

  it('replaces each comment text, keeping markers, indentation and code (never a // in a string or regex)', () => {
    expect(translateComments(code, 'c.ts#r', table)).toBe(
      ['/**', ' * 加一。', ' */', "const url = 'http://x'; // 行尾注释", 'const re = /a\\/\\/b/g;', '  // 缩进的注释', '/* 块 */ const y = 2;'].join('\n'),
    );
  });

  it('throws naming the listing and every comment with no translation', () => {
    expect(() => translateComments(code, 'c.ts#r', { 'Adds one.': '加一。' })).toThrow(MissingTranslationError);
    expect(() => translateComments(code, 'c.ts#r', undefined)).toThrow(/listing c\.ts#r .*"trailing note", "indented note", "block"/);
  });
});

describe('the Chinese chapters', () => {
  const contentDir = join(ROOT, 'content');
  const zhChapters = readdirSync(contentDir).filter((f) => f.endsWith('.zh.mdx'));
  const zhIds = zhChapters.flatMap((file) =>
    [...readFileSync(join(contentDir, file), 'utf8').matchAll(/^```\w+ listing=(\S+#[\w-]+)/gm)].map((m) => ({ file, id: m[1] })),
  );
  const blocksOf = async (file: string) => {
    const blocks: string[] = [];
    const capture = () => (tree: Root) => visit(tree, 'code', (node: Code) => void blocks.push(node.value));
    await compile({ path: join(contentDir, file), value: readFileSync(join(contentDir, file), 'utf8') }, { remarkPlugins: [...remarkPlugins, capture], rehypePlugins });
    return blocks;
  };

  it('show the English listing with Chinese comments: every code line byte for byte, every comment Chinese', async () => {
    const blocks = await blocksOf('07-lstm-sentiment.zh.mdx');
    const zh = blocks.find((b) => b.startsWith('// src/engine/gates.ts'))!;
    const en = `// src/engine/gates.ts\n${listingFor('listing=src/engine/gates.ts#split-gate-columns', ROOT)!.text}`;
    const zhLines = zh.split('\n');
    const enLines = en.split('\n');
    expect(zhLines.length).toBe(enLines.length);
    let comments = 0;
    enLines.forEach((line, i) => {
      const k = i === 0 ? -1 : line.search(/\/\/|\/\*/);
      if (k < 0) return void expect(zhLines[i]).toBe(line);
      comments += 1;
      expect(zhLines[i].slice(0, k)).toBe(line.slice(0, k));
      expect(zhLines[i].slice(k)).toMatch(CJK);
      expect(zhLines[i].slice(k)).not.toBe(line.slice(k));
    });
    expect(comments).toBe(2);
  });

  it('all compile, and the dictionary holds exactly the comments of the listings they use', async () => {
    expect(zhIds.length).toBeGreaterThanOrEqual(7);
    for (const file of new Set(zhIds.map((l) => l.file))) await blocksOf(file);
    const table = listingTranslations(ROOT);
    // An entry per listing that has comments, and none for a listing no zh chapter shows.
    const withComments = [...new Set(zhIds.map((l) => l.id))].filter((id) => /\/\/|\/\*/.test(listingFor(`listing=${id}`, ROOT)!.text));
    expect(Object.keys(table).sort()).toEqual(withComments.sort());
    for (const [id, entries] of Object.entries(table)) {
      const text = listingFor(`listing=${id}`, ROOT)!.text;
      for (const [english, chinese] of Object.entries(entries)) {
        expect(text, `${id}: stale entry "${english}"`).toContain(english);
        expect(chinese, `${id}: "${english}"`).toMatch(CJK);
      }
    }
  });

  it('fail the compile on a comment with no translation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unrolled-zh-listings-'));
    writeFileSync(join(dir, 'code.ts'), '// #region listing:r\n// a new comment\nconst x = 1;\n// #endregion\n');
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, 'content/listings.zh.json'), JSON.stringify({ listings: { 'code.ts#r': { 'an old comment': '旧注释' } } }));
    const mdx = '```ts listing=code.ts#r\n```\n';
    await expect(compile({ path: join(dir, 'content/x.zh.mdx'), value: mdx }, { remarkPlugins: [[remarkListings, { root: dir }]] })).rejects.toThrow(
      /x\.zh\.mdx:1: listing code\.ts#r has comments with no Chinese translation .*"a new comment"/,
    );
    // The English chapter shows the source's comment as it is.
    await expect(compile({ path: join(dir, 'content/x.mdx'), value: mdx }, { remarkPlugins: [[remarkListings, { root: dir }]] })).resolves.toBeDefined();
  });
});
