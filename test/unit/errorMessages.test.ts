/** One way to turn anything thrown into text: errorMessage() in src/engine/errors.ts. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BookError, errorMessage, toError } from '../../src/engine/errors';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * A copy of the idiom in any of its spellings: `x instanceof Error ? <anything of x> : <x as text>`,
 * whatever the Error branch reads (message, stack, both) and however the other branch makes text
 * (String(x), a template, x itself, or wrapped in new Error()).
 */
const COPY = /(\w+) instanceof Error\s*\?\s*[^:;]*\b\1\b[^:;]*:\s*(?:new Error\()?(?:String\(\1\)|`\$\{\1\}`|\1\b)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

describe('errorMessage', () => {
  it('gives an Error its message and anything else its string form', () => {
    expect(errorMessage(new RangeError('too far'))).toBe('too far');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(toError('x')).toBeInstanceOf(Error);
    const e = new Error('kept');
    expect(toError(e)).toBe(e);
  });

  it('BookError carries a code and parameters next to its English message', () => {
    const e = new BookError('csv.tooManyRows', 'The file has more than 200,000 rows.', { max: 200000 });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.params.max, errorMessage(e)]).toEqual(['BookError', 'csv.tooManyRows', 200000, 'The file has more than 200,000 rows.']);
  });

  it('is the only copy of `instanceof Error ? … : String(e)` in src, bench and scripts', () => {
    for (const copy of [
      'x instanceof Error ? x.message : String(x)',
      'first instanceof Error ? (first.stack ?? first.message) : String(first)',
      'e instanceof Error ? e.stack : `${e}`',
      'e instanceof Error ? e : new Error(String(e))',
      'err instanceof Error ? err.message : err',
    ]) {
      expect(COPY.test(copy), copy).toBe(true);
    }
    // An Error tested for something else is not a copy.
    expect(COPY.test('corpus instanceof Error ? null : toySpec(cell, corpus)')).toBe(false);
    expect(COPY.test('hand instanceof Error ? <p role="alert">{te(hand)}</p> : <p role="status">')).toBe(false);
    const copies = [...sources(join(root, 'src')), ...sources(join(root, 'bench')), ...sources(join(root, 'scripts'))]
      .filter((f) => !f.endsWith(join('engine', 'errors.ts')))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (COPY.test(line) ? [`${relative(root, f)}:${i + 1}`] : [])));
    expect(copies).toEqual([]);
  });
});
