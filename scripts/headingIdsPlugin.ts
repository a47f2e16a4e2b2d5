/**
 * Explicit section ids for headings, written as an MDX comment at the end of the heading:
 *
 *   ## 展开的图怎么读 {/* #reading-an-unrolled-drawing *\/}
 *
 * A translated chapter uses them to keep the English chapter's section ids, so a link to
 * `#reading-an-unrolled-drawing` and the language switch land on the same section in every
 * language; rehype-slug leaves a heading that already has an id alone. The comment form is valid
 * MDX, so without this plugin it renders as nothing and the heading simply gets its own slug.
 */
import type { Heading, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** `/* #some-id *\/` inside an MDX expression; ids are the lower-case ASCII slugs rehype-slug makes. */
const ID_COMMENT = /^\s*\/\*\s*#([a-z0-9_-]+)\s*\*\/\s*$/;

interface ExpressionNode {
  type: 'mdxTextExpression';
  value: string;
}

function explicitId(node: PhrasingContent | undefined): string | undefined {
  if (!node || (node as unknown as ExpressionNode).type !== 'mdxTextExpression') return undefined;
  return ID_COMMENT.exec((node as unknown as ExpressionNode).value)?.[1];
}

export function remarkHeadingIds() {
  return (tree: Root) => {
    visit(tree, 'heading', (heading: Heading) => {
      const id = explicitId(heading.children.at(-1));
      if (!id) return;
      heading.children.pop();
      const last = heading.children.at(-1);
      if (last?.type === 'text') last.value = last.value.trimEnd();
      const data = (heading.data ??= {});
      data.hProperties = { ...(data.hProperties ?? {}), id };
    });
  };
}
