/**
 * Runs dependency-cruiser over src/ with the rules in .dependency-cruiser.cjs and prints every
 * violation. Used by `npm run lint:layers` and by test/unit/layers.test.ts (so `npm test` fails on
 * a back-arrow). We call the API instead of the `depcruise` CLI because the CLI refuses node 20
 * (its engines field says ^22), while the API it wraps runs fine here.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface LayerReport {
  modules: number;
  violations: IViolation[];
}

/**
 * Cruises `dirs` (relative to `base`, default the repo) with the repo's rules. The rules match
 * paths like ^src/engine/, so a fixture tree with its own src/ folder can be checked the same way.
 */
export async function checkLayers(dirs: string[] = ['src'], base: string = root): Promise<LayerReport> {
  const config = createRequire(import.meta.url)(`${root}.dependency-cruiser.cjs`) as {
    forbidden: ICruiseOptions['ruleSet'] extends infer R ? (R extends { forbidden?: infer F } ? F : never) : never;
    options: ICruiseOptions;
  };
  const previous = process.cwd();
  process.chdir(base);
  try {
    const tsConfig = extractTSConfig(`${root}tsconfig.json`);
    const result = await cruise(
      dirs,
      { ...config.options, tsConfig: { fileName: `${root}tsconfig.json` }, validate: true, ruleSet: { forbidden: config.forbidden } },
      undefined,
      { tsConfig },
    );
    if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text, expected JSON');
    return { modules: result.output.modules.length, violations: result.output.summary.violations };
  } finally {
    process.chdir(previous);
  }
}

export function describeViolation(v: IViolation): string {
  const via = v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name).join(' -> ')})` : '';
  return `${v.rule.name}: ${v.from} -> ${v.to}${via}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await checkLayers();
  for (const v of report.violations) console.log(describeViolation(v));
  console.log(`layers: ${report.modules} modules, ${report.violations.length} violations`);
  if (report.violations.length > 0) process.exitCode = 1;
}
