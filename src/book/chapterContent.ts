/**
 * The chapters' MDX, one lazy chunk per file. The glob is deliberately not eager: the home page
 * and each chapter download only the text (and widgets) they show.
 */
import type { MDXContent, MDXProps } from 'mdx/types';
import { type Loadable, loadable } from './loadable';

const loaders = import.meta.glob<{ default: MDXContent }>('/content/*.mdx');

const loaderByFile = new Map(Object.entries(loaders).map(([path, load]) => [path.slice(path.lastIndexOf('/') + 1), load]));

// One loadable per file for the life of the page, so revisiting a chapter neither refetches it
// nor shows the loading state again; a failed download is retried on the next render.
const bodies = new Map<string, Loadable<MDXProps>>();

function bodyOf(file: string): Loadable<MDXProps> | undefined {
  const load = loaderByFile.get(file);
  if (!load) return undefined;
  let body = bodies.get(file);
  if (!body) {
    body = loadable<MDXProps>(load);
    bodies.set(file, body);
  }
  return body;
}

/** The chapter body for a content/ file name such as "01-welcome.mdx". */
export function chapterContent(file: string): MDXContent | undefined {
  return bodyOf(file)?.component() as MDXContent | undefined;
}

/** Loads a chapter body's code now (before hydrating its prerendered page). */
export function preloadChapterContent(file: string): Promise<void> {
  return bodyOf(file)?.preload() ?? Promise.resolve();
}
