/**
 * The reader's own labelled CSV, read locally (the file never leaves the page). papaparse does
 * the parsing, so quoted fields with commas and line breaks, CRLF and a BOM are handled by a
 * maintained parser; this file adds what a book needs around it:
 *
 *   - a binary file (NUL bytes or invalid UTF-8 in its first 4 KB) is refused up front;
 *   - big files are parsed in chunks with progress, so 15k+ rows never freeze the page;
 *   - the reader picks the text and label columns (defaults: `text` and `airline_sentiment`,
 *     the book's Kaggle "Twitter US Airline Sentiment" file), and a missing column, an empty
 *     file or a single class each get a message saying what to do.
 */
import Papa from 'papaparse';
import { BookError } from '../../engine/errors';
import { checkFileSize, MAX_TEXT_BYTES } from '../../engine/fileChecks';
import type { LabelledTexts } from '../../engine/labelledTexts';

/** A problem with the reader's file: a code the book words in the reader's language (strings/errors.ts). */
export class CsvProblem extends BookError {}

export interface CsvTable {
  columns: string[];
  rows: string[][];
  /** Rows papaparse could not read cleanly (unclosed quotes and the like). */
  problems: number;
}

export const SNIFF_BYTES = 4096;
export const MAX_ROWS = 200_000;
export const MAX_CLASSES = 20;
/** Preferred column names, first match wins (case-insensitive). */
const TEXT_COLUMNS = ['text', 'review', 'sentence', 'tweet', 'content'];
const LABEL_COLUMNS = ['airline_sentiment', 'sentiment', 'label', 'class', 'polarity'];

export type BinaryReason = 'nul' | 'notUtf8';

const BINARY_REASONS: Record<BinaryReason, string> = {
  nul: 'it contains NUL bytes, so it is a binary file (a spreadsheet, an archive or an image?), not a CSV text file',
  notUtf8: 'it is not UTF-8 text; save it from your spreadsheet as "CSV UTF-8"',
};

/** Why these bytes are not a text file, or null when they look like UTF-8 text. */
export function binaryReason(bytes: Uint8Array): BinaryReason | null {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return 'nul';
  try {
    // stream: true lets a character cut at the 4 KB boundary pass; anything else invalid throws.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return 'notUtf8';
  }
  return null;
}

function unreadable(reason: BinaryReason, file?: string): CsvProblem {
  const why = BINARY_REASONS[reason];
  return file === undefined
    ? new CsvProblem(`csv.binary.${reason}`, `The file cannot be read: ${why}.`, {})
    : new CsvProblem(`csv.binaryFile.${reason}`, `"${file}" cannot be read: ${why}.`, { file });
}

const tooManyRows = () => new CsvProblem('csv.tooManyRows', `The file has more than ${MAX_ROWS.toLocaleString('en-US')} rows; use a smaller sample.`, { max: MAX_ROWS });

function headerOf(first: string[]): string[] {
  const seen = new Map<string, number>();
  return first.map((raw, i) => {
    const name = (i === 0 ? raw.replace(/^\ufeff/, '') : raw).trim() || `column ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

function tableOf(data: string[][], problems: number): CsvTable {
  const nonEmpty = data.filter((row) => row.some((cell) => cell.trim() !== ''));
  if (nonEmpty.length === 0) throw new CsvProblem('csv.noRows', 'The file is empty: there is no header row and no data.');
  const [first, ...rows] = nonEmpty;
  if (rows.length === 0) throw new CsvProblem('csv.headerOnly', 'The file has a header row but no data rows.');
  return { columns: headerOf(first), rows, problems };
}

/** Parses CSV text in one go (tests, small files). */
export function parseCsvText(text: string): CsvTable {
  if (text.includes('\u0000')) throw unreadable('nul');
  const result = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  if (result.data.length > MAX_ROWS + 1) throw tooManyRows();
  return tableOf(result.data, result.errors.length);
}

export interface ReadProgress {
  /** 0 to 1, by bytes read. */
  fraction: number;
  rows: number;
}

/** Streams a File through papaparse in chunks, reporting progress; nothing is uploaded. */
export async function readCsvFile(file: File, onProgress?: (p: ReadProgress) => void): Promise<CsvTable> {
  if (file.size === 0) throw new CsvProblem('csv.empty', 'The file is empty.');
  const sizeProblem = checkFileSize(file.name, file.size, MAX_TEXT_BYTES);
  if (sizeProblem) throw sizeProblem;
  const reason = binaryReason(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (reason) throw unreadable(reason, file.name);
  return new Promise((resolve, reject) => {
    const data: string[][] = [];
    let problems = 0;
    let tooMany = false;
    Papa.parse<string[]>(file, {
      skipEmptyLines: 'greedy',
      chunkSize: 256 * 1024,
      chunk(results, parser) {
        for (const row of results.data) data.push(row);
        problems += results.errors.length;
        onProgress?.({ fraction: Math.min(1, results.meta.cursor / file.size), rows: data.length });
        if (data.length > MAX_ROWS + 1) {
          tooMany = true;
          parser.abort();
        }
      },
      complete() {
        if (tooMany) return reject(tooManyRows());
        try {
          resolve(tableOf(data, problems));
        } catch (error) {
          reject(error);
        }
      },
      error(error) {
        reject(new CsvProblem('csv.readFailed', `The file could not be read: ${error.message}`, { detail: error.message }));
      },
    });
  });
}

const findColumn = (columns: string[], preferred: string[]) => {
  for (const name of preferred) {
    const hit = columns.find((c) => c.toLowerCase() === name);
    if (hit) return hit;
  }
  return undefined;
};

/** The columns to offer first: `text` and `airline_sentiment` when present. */
export function defaultColumns(columns: string[]): { text: string; label: string } {
  const text = findColumn(columns, TEXT_COLUMNS) ?? columns[0];
  const label = findColumn(columns, LABEL_COLUMNS) ?? columns.find((c) => c !== text) ?? columns[0];
  return { text, label };
}

/** The chosen columns as labelled texts; rows with an empty text or label are skipped. */
export function pickColumns(table: CsvTable, textColumn: string, labelColumn: string, name: string): LabelledTexts & { skipped: number } {
  const ti = table.columns.indexOf(textColumn);
  const li = table.columns.indexOf(labelColumn);
  if (ti < 0) throw new CsvProblem('csv.noColumn', `There is no column "${textColumn}". The columns are: ${table.columns.join(', ')}.`, { column: textColumn, columns: table.columns.join(', ') });
  if (li < 0) throw new CsvProblem('csv.noColumn', `There is no column "${labelColumn}". The columns are: ${table.columns.join(', ')}.`, { column: labelColumn, columns: table.columns.join(', ') });
  if (ti === li) throw new CsvProblem('csv.sameColumn', 'The text and the label must be two different columns.');
  const texts: string[] = [];
  const labels: string[] = [];
  let skipped = 0;
  for (const row of table.rows) {
    const text = (row[ti] ?? '').trim();
    const label = (row[li] ?? '').trim();
    if (text === '' || label === '') {
      skipped += 1;
      continue;
    }
    texts.push(text);
    labels.push(label);
  }
  if (texts.length === 0) throw new CsvProblem('csv.noLabelledRow', `No row has both a text in "${textColumn}" and a label in "${labelColumn}".`, { text: textColumn, label: labelColumn });
  const classes = new Set(labels);
  if (classes.size < 2) throw new CsvProblem('csv.oneClass', `Every row of "${labelColumn}" says "${labels[0]}": a classifier needs at least two classes.`, { column: labelColumn, value: labels[0] });
  if (classes.size > MAX_CLASSES) {
    throw new CsvProblem('csv.tooManyClasses', `"${labelColumn}" has ${classes.size.toLocaleString('en-US')} different values; pick a label column with at most ${MAX_CLASSES} classes.`, { column: labelColumn, count: classes.size, max: MAX_CLASSES });
  }
  return { name, texts, labels, skipped };
}
