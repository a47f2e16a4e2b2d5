/**
 * The chapters' MDX, one lazy chunk per file. The glob is deliberately not eager: the home page
 * and each chapter download only the text (and widgets) they show.
 */
import { lazy, type LazyExoticComponent } from 'react';
import type { MDXContent } from 'mdx/types';

const loaders = import.meta.glob<{ default: MDXContent }>('/content/*.mdx');

const loaderByFile = new Map(Object.entries(loaders).map(([path, load]) => [path.slice(path.lastIndexOf('/') + 1), load]));

// One lazy component per file for the life of the page, so revisiting a chapter neither
// refetches it nor shows the loading state again.
const components = new Map<string, LazyExoticComponent<MDXContent>>();

/** The chapter body for a content/ file name such as "01-welcome.mdx". */
export function chapterContent(file: string): LazyExoticComponent<MDXContent> | undefined {
  const load = loaderByFile.get(file);
  if (!load) return undefined;
  let component = components.get(file);
  if (!component) {
    component = lazy(load);
    components.set(file, component);
  }
  return component;
}
