/**
 * The Chinese edition keeps one glossary (content/glossary.zh.json): each term is used, none of
 * its wrong variants is, and the file stays sorted and free of repeats. The rules live in
 * scripts/glossaryCheck.ts; the samples below show each rule failing before it is run on the book.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Glossary, checkGlossary } from '../../scripts/glossaryCheck';
import { strings } from '../../src/book/i18n';

const root = fileURLToPath(new URL('../..', import.meta.url));
const content = join(root, 'content');

function zhEdition(): Record<string, string> {
  const chapters = readdirSync(content).filter((f) => f.endsWith('.zh.mdx'));
  const texts: Record<string, string> = Object.fromEntries(chapters.map((f) => [`content/${f}`, readFileSync(join(content, f), 'utf8')]));
  for (const [key, value] of Object.entries(strings.zh)) texts[`ui:${key}`] = value;
  return texts;
}

describe('glossary checker', () => {
  const texts = { 'a.zh.mdx': '循环神经网络的隐藏状态', 'ui:x': '批次' };

  it('passes a sorted glossary whose terms are used and whose variants are not', () => {
    const glossary: Glossary = {
      terms: [
        { en: 'batch', zh: '批次', avoid: [] },
        { en: 'hidden state', zh: '隐藏状态', avoid: ['隐状态'] },
        { en: 'recurrent neural network', zh: '循环神经网络', avoid: ['递归神经网络'] },
      ],
    };
    expect(checkGlossary(glossary, texts)).toEqual([]);
  });

  it('flags an unused term, an avoided variant, wrong order, repeats and a term that contains its own variant', () => {
    const glossary: Glossary = {
      terms: [
        { en: 'batch', zh: '批次' },
        { en: 'bag of words', zh: '词袋' },
        { en: 'Hidden state', zh: '隐藏' },
        { en: 'hidden state', zh: '隐藏状态', avoid: ['隐藏状'] },
        { en: 'recurrent neural network', zh: '递归网络', avoid: ['神经网络'] },
      ],
    };
    expect(checkGlossary(glossary, texts)).toEqual([
      'order: "batch" comes before "bag of words"',
      'duplicate en: "hidden state" appears 2 times',
      'unused: "词袋" (bag of words) appears in no zh chapter or zh UI string',
      '"hidden state": the term "隐藏状态" contains its own avoided variant "隐藏状"',
      'avoided variant "隐藏状" (use "隐藏状态" for hidden state) in a.zh.mdx',
      'unused: "递归网络" (recurrent neural network) appears in no zh chapter or zh UI string',
      'avoided variant "神经网络" (use "递归网络" for recurrent neural network) in a.zh.mdx',
    ]);
    expect(checkGlossary({ terms: [{ en: 'a', zh: '批次' }, { en: 'b', zh: '批次' }] }, texts)).toEqual(['duplicate zh: "批次" appears 2 times']);
  });
});

describe('content/glossary.zh.json', () => {
  const glossary = JSON.parse(readFileSync(join(content, 'glossary.zh.json'), 'utf8')) as Glossary;
  const texts = zhEdition();

  it('covers the book: 18 zh chapters and a glossary of real terms', () => {
    expect(Object.keys(texts).filter((name) => name.endsWith('.zh.mdx')).length).toBeGreaterThanOrEqual(18);
    expect(glossary.terms.length).toBeGreaterThanOrEqual(50);
  });

  it('every term is used, no avoided variant appears, sorted by en, no repeats', () => {
    expect(checkGlossary(glossary, texts)).toEqual([]);
  });
});
