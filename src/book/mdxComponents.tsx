/**
 * What chapters' MDX renders with: styled versions of the Markdown elements, the prose blocks,
 * and every registered widget under its JSX name.
 */
import type { ComponentPropsWithoutRef } from 'react';
import type { MDXComponents } from 'mdx/types';
import { lazyWidgets } from './lazyWidgets';
import { Link } from './Link';
import { bookHref, useLocale } from './router';
import { Figure, Note } from './proseBlocks';
import { H2, H3, H4 } from './SectionHeading';

/**
 * Links inside the book navigate in place; links out of it open normally. Chapters write book
 * links as "/chapters/<slug>", which becomes the same page in the reader's language under the
 * deploy's base path.
 */
function ProseLink({ href = '', ...props }: ComponentPropsWithoutRef<'a'>) {
  const locale = useLocale();
  return <Link href={bookHref(href, locale)} {...props} />;
}

// Wide tables and long code lines scroll inside their own box rather than widening the page.
// tabIndex lets keyboard users scroll them too.
function Table(props: ComponentPropsWithoutRef<'table'>) {
  return (
    <div className="scroll-box" tabIndex={0}>
      <table {...props} />
    </div>
  );
}

function Pre(props: ComponentPropsWithoutRef<'pre'>) {
  return <pre tabIndex={0} {...props} />;
}

export const mdxComponents: MDXComponents = {
  ...lazyWidgets,
  a: ProseLink,
  h2: H2,
  h3: H3,
  h4: H4,
  table: Table,
  pre: Pre,
  Figure,
  Note,
};
