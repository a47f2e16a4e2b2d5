/**
 * The Markdown and HTML plugins every chapter is compiled with, in one place, so the build and
 * the tests that inspect compiled chapters (e.g. their section ids) compile them the same way.
 */
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkMdxFrontmatter from 'remark-mdx-frontmatter';
import { remarkHeadingIds } from './headingIdsPlugin.ts';
import { remarkListings } from './remarkListings.ts';

/** remarkListings fills ```ts listing=file#region``` blocks from the source (scripts/remarkListings.ts). */
export const remarkPlugins = [remarkFrontmatter, remarkMdxFrontmatter, remarkGfm, remarkMath, remarkHeadingIds, remarkListings];
/** rehype-slug gives every heading without an explicit id its slug; KaTeX then renders the math. */
export const rehypePlugins = [rehypeSlug, rehypeKatex];
