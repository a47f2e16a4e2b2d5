/**
 * Builds the book's chapter index from the files in content/ at build time, so adding a chapter
 * means adding a file. Only the frontmatter goes into the index: the chapters themselves stay lazy
 * chunks, and the first page does not pay for every chapter's widgets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parse } from 'yaml';

const VIRTUAL_ID = 'virtual:chapter-index';
const RESOLVED_ID = '\0' + VIRTUAL_ID;
/** content/NN-slug.mdx for the default language, content/NN-slug.LANG.mdx for a translation. */
const FILE_NAME = /^(\d{2})-([a-z0-9-]+?)(?:\.([a-z]{2}))?\.mdx$/;

export interface ChapterFrontmatter {
  title: string;
  recipes: number[];
  sources: string[];
  summary?: string;
}

export interface ChapterIndexEntry extends ChapterFrontmatter {
  number: number;
  slug: string;
  lang: string;
  file: string;
  /**
   * Components the chapter opens and closes around its prose (`<SentimentLab>…</SentimentLab>`).
   * Their code is loaded before a prerendered page hydrates, since their children are in the HTML.
   */
  labs: string[];
}

/** Names of the components the MDX uses with a closing tag, i.e. with children. */
function labsOf(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(/<\/([A-Z][A-Za-z0-9]*)>/g), (m) => m[1]))];
}

export function readChapterIndex(contentDir: string): ChapterIndexEntry[] {
  const entries: ChapterIndexEntry[] = [];
  for (const file of readdirSync(contentDir).sort()) {
    const match = FILE_NAME.exec(file);
    if (!match) continue;
    const text = readFileSync(join(contentDir, file), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!front) throw new Error(`content/${file} has no frontmatter; it needs title, recipes and sources.`);
    const data = parse(front[1]) as Partial<ChapterFrontmatter>;
    if (typeof data.title !== 'string' || !Array.isArray(data.recipes) || !Array.isArray(data.sources)) {
      throw new Error(`content/${file}: frontmatter needs title (text), recipes (list) and sources (list).`);
    }
    entries.push({
      title: data.title,
      recipes: data.recipes.map(Number),
      sources: data.sources.map(String),
      ...(data.summary ? { summary: String(data.summary) } : {}),
      number: Number(match[1]),
      slug: match[2],
      lang: match[3] ?? 'en',
      file,
      labs: labsOf(text),
    });
  }
  return entries;
}

export function chapterIndexPlugin(contentDir: string): Plugin {
  return {
    name: 'unrolled-chapter-index',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const file of readdirSync(contentDir)) this.addWatchFile(join(contentDir, file));
      return `export default ${JSON.stringify(readChapterIndex(contentDir))};`;
    },
    configureServer(server) {
      // A new or renamed chapter file changes the index, which Vite would not otherwise notice.
      server.watcher.add(contentDir);
      const refresh = (file: string) => {
        if (!file.startsWith(contentDir) || !file.endsWith('.mdx')) return;
        const mod = server.moduleGraph.getModuleById(RESOLVED_ID);
        if (mod) server.moduleGraph.invalidateModule(mod);
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('add', refresh);
      server.watcher.on('unlink', refresh);
    },
  };
}
