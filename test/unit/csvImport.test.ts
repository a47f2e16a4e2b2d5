/**
 * The CSV reader on the inputs readers really drop in (the airline file's shape: BOM, CRLF,
 * quoted commas and line breaks, emoji) and on fuzz: random bytes, broken quotes and huge lines
 * must give either a table or a CsvProblem with a message, never a crash, in bounded time.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random';
import { CsvProblem, binaryReason, defaultColumns, parseCsvText, pickColumns } from '../../src/widgets/sentiment/csvImport';

const AIRLINE =
  '\ufefftweet_id,airline_sentiment,airline,text\r\n' +
  '1,neutral,Virgin America,"@VirginAmerica What @dhepburn said."\r\n' +
  '2,positive,Virgin America,"@VirginAmerica plus you\'ve added commercials, to the experience... tacky ✈️😍"\r\n' +
  '3,negative,United,"@united flight delayed\r\nagain, and again ""great"" service"\r\n' +
  '4,negative,United,\r\n';

describe('reading CSV', () => {
  it('reads the airline layout: BOM, CRLF, quoted commas, line breaks, doubled quotes, emoji', () => {
    const table = parseCsvText(AIRLINE);
    expect(table.columns).toEqual(['tweet_id', 'airline_sentiment', 'airline', 'text']);
    expect(table.rows).toHaveLength(4);
    expect(table.rows[1][3]).toBe("@VirginAmerica plus you've added commercials, to the experience... tacky ✈️😍");
    expect(table.rows[2][3]).toBe('@united flight delayed\r\nagain, and again "great" service');
    expect(defaultColumns(table.columns)).toEqual({ text: 'text', label: 'airline_sentiment' });
    const picked = pickColumns(table, 'text', 'airline_sentiment', 'Tweets.csv');
    expect(picked.labels).toEqual(['neutral', 'positive', 'negative']);
    expect(picked.skipped).toBe(1);
  });

  it('explains a missing column, an empty file, one class and binary bytes', () => {
    const table = parseCsvText(AIRLINE);
    expect(() => pickColumns(table, 'review', 'airline_sentiment', 'x')).toThrow(/no column "review".*tweet_id, airline_sentiment, airline, text/);
    expect(() => parseCsvText('')).toThrow(/empty/);
    expect(() => parseCsvText('text,label\r\n')).toThrow(/no data rows/);
    expect(() => pickColumns(parseCsvText('text,label\nfine,good\nok,good\n'), 'text', 'label', 'x')).toThrow(/at least two classes/);
    expect(binaryReason(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toMatch(/NUL bytes/);
    expect(binaryReason(new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toMatch(/not UTF-8/);
    expect(binaryReason(new TextEncoder().encode('text,label\nhé,😀\n'))).toBeNull();
    // A multi-byte character cut by the 4 KB window is not mistaken for bad UTF-8.
    const cut = new TextEncoder().encode(`${'a'.repeat(4095)}é`);
    expect(binaryReason(cut)).toBeNull();
  });
});

describe('fuzz: nothing crashes', () => {
  const random = seededRandom(20240601);
  const pick = <T,>(items: T[]) => items[Math.floor(random() * items.length)];
  const PIECES = ['"', '""', ',', '\n', '\r\n', '\r', 'text', 'label', 'pos', 'neg', '😀', '\ufeff', ' ', 'é', '\t', ';', '\\'];

  function randomCase(i: number): string {
    switch (i % 4) {
      case 0: // random code units, lone surrogates included
        return String.fromCharCode(...Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 0x10000)));
      case 1: // CSV-ish soup with broken quotes
        return Array.from({ length: Math.floor(random() * 300) }, () => pick(PIECES)).join('');
      case 2: // a valid header, then rows with an unbalanced quote somewhere
        return `text,label\n${Array.from({ length: 50 }, (_, r) => `${r === 25 ? '"' : ''}row ${r} ${pick(PIECES)},${pick(['pos', 'neg'])}`).join('\n')}`;
      default: // one huge line
        return `text,label\n"${'x'.repeat(200_000 + Math.floor(random() * 100_000))},pos`;
    }
  }

  it('300 random inputs give a table or a CsvProblem', () => {
    const started = performance.now();
    let tables = 0;
    let problems = 0;
    for (let i = 0; i < 300; i++) {
      const input = randomCase(i);
      try {
        const table = parseCsvText(input);
        expect(table.columns.length).toBeGreaterThan(0);
        const { text, label } = defaultColumns(table.columns);
        try {
          pickColumns(table, text, label, 'fuzz.csv');
        } catch (error) {
          expect(error).toBeInstanceOf(CsvProblem);
        }
        tables += 1;
      } catch (error) {
        expect(error, `case ${i}`).toBeInstanceOf(CsvProblem);
        expect((error as Error).message.length).toBeGreaterThan(10);
        problems += 1;
      }
    }
    expect(tables + problems).toBe(300);
    expect(tables).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('random bytes are sniffed without throwing', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 5000) }, () => Math.floor(random() * 256));
      const reason = binaryReason(bytes);
      expect(reason === null || typeof reason === 'string').toBe(true);
    }
  });
});
