/**
 * Section ids across languages: a translated chapter keeps the English chapter's heading ids
 * (written `## 标题 {/* #english-slug *\/}`), so an anchor and the language switch land on the same
 * section in both. Chapters are compiled with the build's own plugins, and ids are read from the
 * result, so this checks what the reader's browser gets, not a re-implementation of the slugger.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { rehypePlugins, remarkPlugins } from '../../scripts/mdxOptions.ts';
import { ROOT } from '../browser/app.ts';

interface Section {
  level: number;
  id: string;
}

async function sectionsOf(source: string): Promise<Section[]> {
  const sections: Section[] = [];
  const capture = () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const level = /^h([1-6])$/.exec(node.tagName)?.[1];
      if (level) sections.push({ level: Number(level), id: String(node.properties.id ?? '') });
    });
  };
  await compile(source, { remarkPlugins, rehypePlugins: [...rehypePlugins, capture] });
  return sections;
}

const contentDir = join(ROOT, 'content');
const translations = readdirSync(contentDir).filter((f) => /^\d{2}-[a-z0-9-]+\.[a-z]{2}\.mdx$/.test(f));

describe('explicit heading ids', () => {
  it('take the id from a trailing {/* #id */} and leave the heading text without it', async () => {
    const source = '## 展开的图 {/* #reading-an-unrolled-drawing */}\n\n### `x` 开关 {/* #the-one-switch */}\n\n## Plain heading\n';
    expect(await sectionsOf(source)).toEqual([
      { level: 2, id: 'reading-an-unrolled-drawing' },
      { level: 3, id: 'the-one-switch' },
      { level: 2, id: 'plain-heading' },
    ]);
    const compiled = String(await compile(source, { remarkPlugins, rehypePlugins }));
    expect(compiled).toContain('"展开的图"');
    expect(compiled).not.toContain('#reading-an-unrolled-drawing');
  });

  it('leave an ordinary MDX comment in a heading to rehype-slug', async () => {
    // The heading text is "Notes " (the comment renders as nothing), which slugs to "notes-".
    expect(await sectionsOf('## Notes {/* not an id */}\n')).toEqual([{ level: 2, id: 'notes-' }]);
  });
});

describe.each(translations)('%s keeps the English section ids', (file) => {
  it('every heading has an id of the English chapter, at the same level and in the same order', async () => {
    const english = file.replace(/\.[a-z]{2}\.mdx$/, '.mdx');
    const [translated, original] = await Promise.all([file, english].map((f) => sectionsOf(readFileSync(join(contentDir, f), 'utf8'))));
    const wanted = new Map(original.map((s, i) => [s.id, { ...s, index: i }]));
    let previous = -1;
    for (const section of translated) {
      const match = wanted.get(section.id);
      expect(match, `heading #${section.id} of ${file} is not a section of ${english}`).toBeDefined();
      expect(section.level, `#${section.id} level`).toBe(match!.level);
      expect(match!.index, `#${section.id} is out of order`).toBeGreaterThan(previous);
      previous = match!.index;
    }
  });
});
