/** Every test can fail and runs: see scripts/testHygiene.ts for the rules. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanTestSource } from '../../scripts/testHygiene';

const root = fileURLToPath(new URL('../..', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

// The samples below are built from pieces so this file does not match its own rules.
const E = 'expect';
const rules = (file: string, source: string) => scanTestSource(file, source).map((p) => `${p.line} ${p.rule}`);

describe('test hygiene scanner', () => {
  it('flags assertions on constants', () => {
    expect(rules('test/unit/a.test.ts', `${E}(true).toBe(true);\n${E}( false ).toBeFalsy();\n${E}(ok).toBe(true);`)).toEqual(['1 constant-expect', '2 constant-expect']);
  });

  it('flags skipped, focused and todo tests, but not a runtime context.skip(reason) or a method like fit()', () => {
    const source = ['it.skip("a", () => {});', 'describe.only("b", () => {});', 'it.todo("c");', 'test.skipIf(x)("d", () => {});', 'xit("e", () => {});', 'describe.concurrent.skip("f", () => {});', 'if (!chromium) context.skip("no browser");', 'await model.fit(x, y);', 'box.xit(1);'].join('\n');
    expect(rules('test/unit/a.test.ts', source)).toEqual(['1 skipped-or-focused', '2 skipped-or-focused', '3 skipped-or-focused', '4 skipped-or-focused', '5 skipped-or-focused', '6 skipped-or-focused']);
  });

  it('flags timing assertions in unit, parity and component tests, directly or through a variable', () => {
    const source = [`const started = performance.now();`, `work();`, `${E}(performance.now() - started).toBeLessThan(30_000);`, `${E}(Date.now()).toBeGreaterThan(0);`, `const took = performance.now() - started;`, `${E}(result.elapsedMs).toBeGreaterThan(0);`, `${E}(took).toBeLessThan(5);`].join('\n');
    expect(rules('test/unit/a.test.ts', source)).toEqual(['3 timing-assertion', '4 timing-assertion', '7 timing-assertion']);
    expect(rules('test/component/a.test.tsx', source)).toHaveLength(3);
    // Browser tests may wait on the clock; benches are where timings belong.
    expect(rules('test/browser/a.test.ts', source)).toEqual([]);
  });

  it('ignores commented-out lines', () => {
    expect(rules('test/unit/a.test.ts', `// it.only is not used here; ${E}(true) neither`)).toEqual([]);
  });
});

describe('test/', () => {
  it('has no test that cannot fail, is skipped or focused, or times itself in a unit test', () => {
    const files = testFiles(join(root, 'test')).filter((f) => !f.endsWith('testHygiene.test.ts'));
    expect(files.length).toBeGreaterThan(40);
    const problems = files.flatMap((f) => {
      const file = relative(root, f);
      return scanTestSource(file, readFileSync(f, 'utf8')).map((p) => `${p.file}:${p.line} ${p.rule}: ${p.text}`);
    });
    expect(problems).toEqual([]);
  });
});
