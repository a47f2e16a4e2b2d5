/**
 * No chapter shows a stray `*` as text. CommonMark only closes `**` when the delimiter run is
 * "right-flanking": a closing `**` after a full-width bracket and before a Chinese character
 * (`**多对多（同步）**之间`) is not, so the reader would see the asterisks. Chapters are compiled
 * with the build's plugins and every text node outside code is searched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@mdx-js/mdx';
import type { Element, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { rehypePlugins, remarkPlugins } from '../../scripts/mdxOptions.ts';
import { ROOT } from '../browser/app.ts';

async function strayAsterisks(source: string): Promise<string[]> {
  const found: string[] = [];
  const capture = () => (tree: Root) => {
    visit(tree, 'text', (node: Text, _index, parent) => {
      const tag = (parent as Element | undefined)?.tagName;
      if (tag === 'code' || tag === 'pre') return;
      if (node.value.includes('*')) found.push(node.value.trim().slice(0, 60));
    });
  };
  // Before KaTeX, so math (inline code nodes at this point) is skipped with the other code.
  await compile(source, { remarkPlugins, rehypePlugins: [rehypePlugins[0], capture] });
  return found;
}

const contentDir = join(ROOT, 'content');
const chapters = readdirSync(contentDir).filter((f) => f.endsWith('.mdx'));

describe('emphasis markers', () => {
  it('a closing ** between a full-width bracket and a Chinese character is caught', async () => {
    expect(await strayAsterisks('在**多对多（同步）**之间切换。\n')).toHaveLength(1);
    expect(await strayAsterisks('切换：**多对多（同步）**。\n')).toEqual([]);
  });

  it.each(chapters)('%s shows no literal asterisks', async (file) => {
    expect(await strayAsterisks(readFileSync(join(contentDir, file), 'utf8'))).toEqual([]);
  });
});
