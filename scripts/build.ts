/**
 * `npm run build`: the static site in dist/, ready for any static file server.
 *
 *   1. the client build (Vite), with a manifest of which CSS and chunks each module needs;
 *   2. a server build of src/entry-server.tsx (Vite SSR) into a scratch folder;
 *   3. every page rendered to HTML with React's prerender API and written where a static server
 *      looks for it: index.html, chapters/<slug>/index.html, zh/…, sources/…, 404.html;
 *   4. the service worker (scripts/serviceWorker.ts) that precaches the result for offline reading.
 *
 * BASE=/unrolled/ builds for http://host/unrolled/; SITE_URL=https://example.org makes canonical,
 * hreflang and og:url links absolute.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import type { PageToRender, RenderedPage } from '../src/entry-server';
import { writeServiceWorker } from './serviceWorker.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CONFIG_FILE = join(ROOT, 'vite.config.ts');

export interface BuildOptions {
  outDir?: string;
  /** e.g. "/unrolled/"; defaults to $BASE or "/". */
  base?: string;
  siteUrl?: string;
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

type ManifestChunk = { file: string; css?: string[]; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, ManifestChunk>;

/** The CSS files a module needs, following its static imports, in load order. */
function cssOf(manifest: Manifest, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return [];
  seen.add(key);
  return [...(chunk.imports ?? []).flatMap((k) => cssOf(manifest, k, seen)), ...(chunk.css ?? [])];
}

/** The base path as Vite normalises it: "/" or "/unrolled/". */
function assetBaseOf(base: string | undefined): string {
  return base ? `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/') : '/';
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function pageHtml(template: string, page: RenderedPage, extraHead: string): string {
  const html = template
    .replace(/<html lang="[^"]*">/, `<html lang="${page.lang}">`)
    .replace(/<title>[\s\S]*?<\/title>/, () => page.head)
    .replace('</head>', () => `${extraHead}</head>`)
    .replace(
      '<div id="root"></div>',
      () => `<div id="root" data-page="${escapeAttr(page.pageKey)}" data-labs="${escapeAttr(page.labs.join(' '))}">${page.body}</div>`,
    );
  if (!html.includes('data-page=')) throw new Error('index.html has no <div id="root"></div> to prerender into.');
  return html;
}

export async function buildSite(options: BuildOptions = {}): Promise<string> {
  const outDir = resolve(options.outDir ?? join(ROOT, 'dist'));
  const base = options.base ?? process.env.BASE;
  const logLevel = options.logLevel ?? 'info';
  const shared = { configFile: CONFIG_FILE, root: ROOT, mode: 'production', logLevel, ...(base ? { base } : {}) };

  await build({ ...shared, build: { outDir, emptyOutDir: true, manifest: true } });

  // Inside the project, so the server bundle resolves react and the other packages it leaves external.
  await mkdir(join(ROOT, '.cache'), { recursive: true });
  const serverDir = await mkdtemp(join(ROOT, '.cache', 'ssr-'));
  try {
    await build({
      ...shared,
      logLevel: logLevel === 'info' ? 'warn' : logLevel,
      build: { ssr: 'src/entry-server.tsx', outDir: serverDir, emptyOutDir: true, copyPublicDir: false, rollupOptions: { output: { entryFileNames: 'entry-server.js' } } },
    });
    const server = (await import(pathToFileURL(join(serverDir, 'entry-server.js')).href)) as {
      pagesToRender(): PageToRender[];
      renderPage(page: PageToRender, siteUrl?: string): Promise<RenderedPage>;
    };
    const manifest = JSON.parse(await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
    const template = await readFile(join(outDir, 'index.html'), 'utf8');
    const assetBase = assetBaseOf(base);

    // A chapter page's HTML needs the chapter page's CSS (KaTeX) up front: without JavaScript
    // nothing would load it. Its code and the chapter body are hinted so hydration starts sooner.
    const chapterPageKey = 'src/book/ChapterPage.tsx';
    const chapterCss = cssOf(manifest, chapterPageKey)
      .filter((file) => !template.includes(file))
      .map((file) => `<link rel="stylesheet" crossorigin href="${assetBase}${file}" />`);
    const preload = (key: string) => (manifest[key] ? [`<link rel="modulepreload" crossorigin href="${assetBase}${manifest[key].file}" />`] : []);

    const pages = server.pagesToRender();
    for (const page of pages) {
      const rendered = await server.renderPage(page, options.siteUrl ?? process.env.SITE_URL ?? '');
      const extra = page.chapterFile ? [...chapterCss, ...preload(chapterPageKey), ...preload(`content/${page.chapterFile}`)] : [];
      const target = join(outDir, page.file);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, pageHtml(template, rendered, extra.map((line) => `    ${line}\n`).join('')));
    }
    if (logLevel === 'info') console.log(`prerendered ${pages.length} pages`);
  } finally {
    await rm(serverDir, { recursive: true, force: true });
  }

  await writeServiceWorker(outDir, assetBaseOf(base), logLevel);
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildSite().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
