/**
 * The book's layers, enforced (issue 9 §5). Imports point down only:
 *   book -> widgets -> state -> tf -> engine, and widgets -> viz.
 * A layer may import any layer below it (widgets may use engine helpers directly), never one above.
 * viz draws from props: it may use pure engine helpers/types, never stores, tf or tfjs.
 * engine is the book's "from scratch" code: it imports only itself and pure npm libraries that
 * never touch the DOM, React, tfjs or zustand.
 * `npm run lint:layers` prints violations; test/unit/layers.test.ts fails `npm test` on any.
 */
const LAYERS = ['book', 'widgets', 'state', 'tf', 'engine'];

/**
 * The book's dictionary (src/book/i18n.ts and src/book/strings/) is the one part of book that
 * widgets use: every UI string comes from it. It stands alone (rule book-i18n-standalone): besides
 * itself it reads only which language the page is in (locales.ts, and router.ts, where the
 * language sits in the URL), so a widget importing it pulls in no layout or chapter code.
 */
const I18N = '^src/book/(i18n\\.ts|strings/)';
const I18N_AND_LOCALE = '^src/book/(i18n\\.ts|strings/|locales\\.ts$|router\\.ts$)';

/** For each layer, the layers above it that it must not import. */
const upward = LAYERS.slice(1).map((layer, i) => ({
  name: `${layer}-not-up`,
  comment: `src/${layer} must not import ${LAYERS.slice(0, i + 1).map((l) => `src/${l}`).join(', ')} (imports point down only)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(0, i + 1).join('|')})/`, ...(layer === 'widgets' ? { pathNot: I18N } : {}) },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'book-i18n-standalone',
      comment: 'the dictionary widgets import (and the locale it reads) must not pull in the rest of src/book, widgets, viz or tf',
      severity: 'error',
      from: { path: I18N_AND_LOCALE },
      to: { path: '^src/(book|widgets|viz|tf)/', pathNot: I18N_AND_LOCALE },
    },
    {
      name: 'viz-props-only',
      comment: 'src/viz draws from props: no stores, no tf, no widgets/book, no tfjs or zustand',
      severity: 'error',
      from: { path: '^src/viz/' },
      to: { path: ['^src/(book|widgets|state|tf)/', '@tensorflow', 'node_modules/(zustand|idb-keyval)/'] },
    },
    {
      name: 'below-viz-no-viz',
      comment: 'only widgets (and book) compose viz; state, tf and engine never import it',
      severity: 'error',
      from: { path: '^src/(state|tf|engine)/' },
      to: { path: '^src/viz/' },
    },
    {
      name: 'engine-self-contained',
      comment: 'src/engine imports only itself and pure npm libraries (no DOM, React, tfjs, zustand, d3)',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: {
        pathNot: ['^src/engine/'],
        path: ['^src/', '^(?!node_modules/)', 'node_modules/(@tensorflow|react|react-dom|zustand|d3|d3-[^/]+|idb-keyval|@mdx-js|papaparse)/'],
      },
    },
    {
      name: 'engine-no-node-builtins',
      comment: 'src/engine runs in the browser: no node: built-ins',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      comment: 'cycles hide which module depends on which',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'every import resolves (virtual: modules come from the book\'s own Vite plugins)',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(css|svg|png|wasm)(\\?url)?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
