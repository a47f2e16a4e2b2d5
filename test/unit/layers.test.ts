/**
 * The layering rules of .dependency-cruiser.cjs (README, Architecture), run as part of `npm test`.
 * The fixture tree breaks each rule once, so this also shows the checker can fail.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLayers, describeViolation } from '../../scripts/checkLayers';

const fixture = fileURLToPath(new URL('../fixtures/layers/', import.meta.url));

describe('layers', () => {
  it('src/ has no import that points up a layer, no cycle and nothing unresolved', async () => {
    const report = await checkLayers();
    expect(report.modules).toBeGreaterThan(200);
    expect(report.violations.map(describeViolation)).toEqual([]);
  });

  it('catches each kind of back-arrow in a tree made to break them', async () => {
    const report = await checkLayers(['src'], fixture);
    const found = report.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*node_modules\/([^/]+).*$/, '$1')}`);
    expect(found.sort()).toEqual(
      [
        'engine-not-up: src/engine/math.ts -> src/state/store.ts',
        'engine-self-contained: src/engine/math.ts -> src/state/store.ts',
        'engine-self-contained: src/engine/usesTf.ts -> @tensorflow',
        'state-not-up: src/state/store.ts -> src/widgets/Widget.ts',
        'viz-props-only: src/viz/Chart.ts -> zustand',
        'viz-props-only: src/viz/Chart.ts -> src/state/store.ts',
        // The dictionary import next to it (book/i18n.ts) is allowed.
        'widgets-not-up: src/widgets/Widget.ts -> src/book/Layout.ts',
      ].sort(),
    );
  });
});
