declare module 'virtual:chapter-index' {
  /** Built by scripts/chapterIndexPlugin.ts from the frontmatter of content/*.mdx. */
  const index: import('../../scripts/chapterIndexPlugin').ChapterIndexEntry[];
  export default index;
}
