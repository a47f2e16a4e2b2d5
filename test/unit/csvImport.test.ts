/**
 * The CSV reader on the inputs readers really drop in (the airline file's shape: BOM, CRLF,
 * quoted commas and line breaks, emoji) and on fuzz: random tables must read back exactly, broken
 * quotes and huge lines must keep what comes before them, and random bytes must give either a
 * table or a CsvProblem with a message, never a crash. (How long parsing takes is a bench figure.)
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
    expect(binaryReason(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toBe('nul');
    expect(binaryReason(new Uint8Array([0x61, 0xff, 0xfe, 0x62]))).toBe('notUtf8');
    expect(() => parseCsvText('a\u0000b')).toThrow(/NUL bytes/);
    expect(binaryReason(new TextEncoder().encode('text,label\nhé,😀\n'))).toBeNull();
    // A multi-byte character cut by the 4 KB window is not mistaken for bad UTF-8.
    const cut = new TextEncoder().encode(`${'a'.repeat(4095)}é`);
    expect(binaryReason(cut)).toBeNull();
  });
});

describe('fuzz', () => {
  const random = seededRandom(20240601);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const PIECES = ['"', '""', ',', '\n', '\r\n', '\r', 'text', 'label', 'pos', 'neg', '😀', '\ufeff', ' ', 'é', '\t', ';', '\\'];
  /** Every message tableOf and parseCsvText can give for a whole-file problem. */
  const FILE_PROBLEMS = /empty|no data rows|NUL bytes|more than .* rows/;

  /** A cell quoted the RFC 4180 way, which any CSV reader must read back exactly. */
  const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const randomCell = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(PIECES.filter((p) => p !== '\ufeff'))).join('');

  it('100 random tables written as quoted CSV read back cell for cell, labels and texts included', () => {
    for (let i = 0; i < 100; i++) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, r) => [randomCell(), r % 2 === 0 ? 'pos' : 'neg']);
      const text = ['text,label', ...rows.map((row) => row.map(quote).join(','))].join(pick(['\n', '\r\n']));
      const table = parseCsvText(text);
      expect(table.columns, `case ${i}`).toEqual(['text', 'label']);
      expect(table.rows, `case ${i}`).toEqual(rows);
      expect(table.problems, `case ${i}`).toBe(0);
      if (rows.length < 2) continue;
      const kept = rows.filter(([t]) => t.trim() !== '');
      if (new Set(kept.map(([, l]) => l)).size < 2) {
        expect(() => pickColumns(table, 'text', 'label', 'fuzz.csv'), `case ${i}`).toThrow(CsvProblem);
        continue;
      }
      const picked = pickColumns(table, 'text', 'label', 'fuzz.csv');
      expect(picked.texts, `case ${i}`).toEqual(kept.map(([t]) => t.trim()));
      expect(picked.labels, `case ${i}`).toEqual(kept.map(([, l]) => l));
      expect(picked.skipped, `case ${i}`).toBe(rows.length - kept.length);
    }
  });

  it('an unclosed quote keeps the rows before it intact and counts a problem', () => {
    for (let i = 0; i < 50; i++) {
      const at = 1 + Math.floor(random() * 48);
      const rows = Array.from({ length: 50 }, (_, r) => `${r === at ? '"' : ''}row ${r},${r % 2 ? 'pos' : 'neg'}`);
      const table = parseCsvText(`text,label\n${rows.join('\n')}`);
      // Rows 0 … at−1 as written, then one row whose single field swallows the rest of the file.
      expect(table.rows, `quote at row ${at}`).toHaveLength(at + 1);
      expect(table.rows.slice(0, at), `quote at row ${at}`).toEqual(Array.from({ length: at }, (_, r) => [`row ${r}`, r % 2 ? 'pos' : 'neg']));
      expect(table.rows[at][0].startsWith(`row ${at},`), `quote at row ${at}`).toBe(true);
      expect(table.problems, `quote at row ${at}`).toBeGreaterThan(0);
    }
    const huge = 'x'.repeat(200_000 + Math.floor(random() * 100_000));
    const table = parseCsvText(`text,label\n"${huge},pos`);
    expect(table.rows).toEqual([[`${huge},pos`]]);
    expect(table.problems).toBeGreaterThan(0);
  });

  it('NUL bytes, blank files and header-only files each get their own message', () => {
    for (let i = 0; i < 30; i++) {
      const soup = Array.from({ length: Math.floor(random() * 100) }, () => pick(PIECES)).join('');
      const blank = Array.from({ length: Math.floor(random() * 20) }, () => pick([' ', '\n', '\r\n', '\t'])).join('');
      expect(() => parseCsvText(`${soup}\u0000${soup}`)).toThrow(/NUL bytes/);
      expect(() => parseCsvText(blank)).toThrow(/empty/);
      expect(() => parseCsvText(`text,label${blank.replace(/[^\n]/g, '')}\n`)).toThrow(/no data rows/);
    }
  });

  it('200 random inputs give a table of strings or a CsvProblem that names a file problem', () => {
    const outcomes = { table: 0, problem: 0 };
    for (let i = 0; i < 200; i++) {
      const input =
        i % 2 === 0
          ? // random code units, lone surrogates included
            String.fromCharCode(...Array.from({ length: Math.floor(random() * 400) }, () => Math.floor(random() * 0x10000)))
          : // CSV-ish soup with broken quotes
            Array.from({ length: Math.floor(random() * 300) }, () => pick(PIECES)).join('');
      let table;
      try {
        table = parseCsvText(input);
      } catch (error) {
        expect(error, `case ${i}`).toBeInstanceOf(CsvProblem);
        expect((error as Error).message, `case ${i}`).toMatch(FILE_PROBLEMS);
        outcomes.problem += 1;
        continue;
      }
      outcomes.table += 1;
      expect(table.columns.length, `case ${i}`).toBeGreaterThan(0);
      expect(table.rows.length, `case ${i}`).toBeGreaterThan(0);
      for (const row of table.rows) for (const cell of row) expect(typeof cell, `case ${i}`).toBe('string');
      const { text, label } = defaultColumns(table.columns);
      try {
        const picked = pickColumns(table, text, label, 'fuzz.csv');
        expect(picked.texts.length, `case ${i}`).toBe(picked.labels.length);
        expect(picked.texts.length + picked.skipped, `case ${i}`).toBe(table.rows.length);
      } catch (error) {
        expect(error, `case ${i}`).toBeInstanceOf(CsvProblem);
      }
    }
    // The generators are meant to reach both outcomes; if one never happens they test nothing.
    expect(outcomes.table).toBeGreaterThan(10);
    expect(outcomes.problem).toBeGreaterThan(0);
  });

  it('random bytes are sniffed: NUL means binary, invalid UTF-8 means not text, valid text passes', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 5000) }, () => Math.floor(random() * 256));
      const reason = binaryReason(bytes);
      const head = bytes.subarray(0, 4096);
      if (head.includes(0)) expect(reason, `case ${i}`).toBe('nul');
      else if (reason !== null) expect(reason, `case ${i}`).toBe('notUtf8');
    }
    for (let i = 0; i < 50; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 200) }, () => pick(PIECES)).join('');
      expect(binaryReason(new TextEncoder().encode(text)), `case ${i}`).toBeNull();
    }
  });
});
