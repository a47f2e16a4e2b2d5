/**
 * What a benchmark module is, and the one output format every figure shares:
 *
 *   figure <name>: <value> <unit>
 *   figure <name>: n/a <why>
 *
 * Lines starting with '#' carry context for a reader and are not figures.
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Decimal places to print. */
  digits: number;
}

export interface BenchContext {
  /** The production build of the book in a scratch folder, built once per run on first use. */
  dist(): Promise<string>;
  /** Prints a context line (prefixed with '#'). */
  note(text: string): void;
}

/** A figure, or the reason it could not be measured. */
export type Outcome = Figure | { name: string; unavailable: string };

export interface Bench {
  /** The figures this module measures, in the order it prints them. */
  figures: string[];
  run(context: BenchContext): Promise<Outcome[]>;
}

export function formatOutcome(outcome: Outcome): string {
  if ('unavailable' in outcome) return `figure ${outcome.name}: n/a ${oneLine(outcome.unavailable)}`;
  return `figure ${outcome.name}: ${outcome.value.toFixed(outcome.digits)} ${outcome.unit}`;
}

export function oneLine(text: string): string {
  return text.split('\n')[0].trim() || 'unknown error';
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
