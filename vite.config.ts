import mdx from '@mdx-js/rollup';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { chapterIndexPlugin } from './scripts/chapterIndexPlugin.ts';
import { rehypePlugins, remarkPlugins } from './scripts/mdxOptions.ts';

const contentDir = fileURLToPath(new URL('./content', import.meta.url));

/**
 * Where the site is served from: `BASE=/unrolled/ npm run build` for http://host/unrolled/.
 * Every link, asset, worker, wasm and data URL in the book derives from it (import.meta.env.BASE_URL).
 */
function basePath(): string {
  const base = process.env.BASE?.trim() || '/';
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

export default defineConfig({
  base: basePath(),
  plugins: [
    {
      enforce: 'pre',
      ...mdx({
        providerImportSource: '@mdx-js/react',
        remarkPlugins,
        rehypePlugins,
      }),
    },
    react({ include: /\.(mdx|jsx|tsx|ts)$/ }),
    chapterIndexPlugin(contentDir),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts', 'test/parity/**/*.test.ts'], testTimeout: 60_000 } },
      {
        extends: true,
        // Component tests that train a real tfjs model wait up to 30 s for it (their waitFor timeouts);
        // vitest's 5 s default cut them off whenever the machine was busy.
        test: { name: 'component', environment: 'happy-dom', include: ['test/component/**/*.test.tsx'], setupFiles: ['test/component/setup.ts'], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
