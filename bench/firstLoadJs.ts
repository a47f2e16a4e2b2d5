/**
 * first_load_js_gzip_kb: the JavaScript a first visit downloads before anything lazy, i.e. the
 * entry script in index.html plus the static imports vite lists there as modulepreload, each
 * gzipped at level 9, summed in kB.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Bench } from './figure';

/** The same-site JS files index.html loads up front, as paths relative to the build folder. */
export function firstLoadScripts(html: string): string[] {
  const files: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
    const isEntry = /^<script/i.test(tag) && attr('type') === 'module' && attr('src');
    const isPreload = /^<link/i.test(tag) && attr('rel') === 'modulepreload' && attr('href');
    const url = isEntry ? attr('src') : isPreload ? attr('href') : undefined;
    if (url && url.startsWith('/') && !url.startsWith('//') && url.endsWith('.js')) files.push(url.slice(1));
  }
  return [...new Set(files)];
}

export const firstLoadJs: Bench = {
  figures: ['first_load_js_gzip_kb'],
  async run({ dist, note }) {
    const outDir = await dist();
    const scripts = firstLoadScripts(await readFile(join(outDir, 'index.html'), 'utf8'));
    if (scripts.length === 0) return [{ name: 'first_load_js_gzip_kb', unavailable: 'index.html of the build loads no module script' }];
    let bytes = 0;
    for (const file of scripts) {
      const size = gzipSync(await readFile(join(outDir, file)), { level: 9 }).length;
      note(`first load: ${file} ${(size / 1024).toFixed(1)} kB gzip`);
      bytes += size;
    }
    return [{ name: 'first_load_js_gzip_kb', value: bytes / 1024, unit: 'kB', digits: 1 }];
  },
};
