/** The chapter page's code, loaded with the first chapter (it brings MDX, KaTeX's CSS and the widgets). */
import { loadable } from './loadable';

export const chapterPage = loadable(() => import('./ChapterPage'));
