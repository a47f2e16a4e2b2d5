/**
 * Finds tests that cannot fail or do not run (test/unit/testHygiene.test.ts runs it on every file
 * under test/):
 *   - expect(true) / expect(false): an assertion on a constant;
 *   - it.skip / test.skip / describe.skip, .only, .todo, xit / xdescribe, skipIf / runIf: tests
 *     left out or singled out. A runtime `context.skip(reason)` is allowed: the browser and notebook
 *     tests use it when their tool is missing, and REQUIRE_BROWSER=1 (CI) turns that into a failure;
 *   - in unit, parity and component tests, timing assertions: an expect() over performance.now() or
 *     Date.now(), directly or through a variable set from them. Timings belong in bench/.
 */
export interface HygieneProblem {
  file: string;
  line: number;
  rule: 'constant-expect' | 'skipped-or-focused' | 'timing-assertion';
  text: string;
}

const CONSTANT_EXPECT = /\bexpect\(\s*(true|false)\s*\)/;
const SKIPPED = /\b(?:it|test|describe|suite|bench)\s*\.\s*(?:skip|only|todo|skipIf|runIf)\b|\b(?:it|test|describe)\s*\.\s*(?:concurrent|sequential)\s*\.\s*(?:skip|only|todo)\b|(?<![.\w])x(?:it|describe|test)\s*\(/;
const CLOCK = /\b(?:performance|Date)\s*\.\s*now\s*\(\s*\)/;

/** Whether timing assertions are banned in this file: everything but browser tests and benches. */
export const timingBanned = (file: string): boolean => /(^|\/)test\/(unit|parity|component)\//.test(file);

export function scanTestSource(file: string, source: string): HygieneProblem[] {
  const problems: HygieneProblem[] = [];
  const lines = source.split('\n');
  // Variables that hold a clock reading, e.g. `const started = performance.now();`.
  const clockVars = new Set<string>();
  for (const line of lines) {
    const m = /\b(?:const|let|var)\s+(\w+)\s*=\s*(.*)$/.exec(line);
    if (m && CLOCK.test(m[2])) clockVars.add(m[1]);
  }
  const clockVar = clockVars.size > 0 ? new RegExp(`\\b(?:${[...clockVars].join('|')})\\b`) : null;
  lines.forEach((text, i) => {
    const line = i + 1;
    const code = text.replace(/\/\/.*$/, '');
    if (CONSTANT_EXPECT.test(code)) problems.push({ file, line, rule: 'constant-expect', text: text.trim() });
    if (SKIPPED.test(code)) problems.push({ file, line, rule: 'skipped-or-focused', text: text.trim() });
    if (timingBanned(file) && /\bexpect\s*\(/.test(code) && (CLOCK.test(code) || clockVar?.test(code.slice(code.search(/\bexpect\s*\(/))))) {
      problems.push({ file, line, rule: 'timing-assertion', text: text.trim() });
    }
  });
  return problems;
}
