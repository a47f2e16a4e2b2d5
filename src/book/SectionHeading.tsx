import type { ComponentPropsWithoutRef } from 'react';
import { useT } from './i18n';

type HeadingLevel = 'h2' | 'h3' | 'h4';

/** A chapter heading with a "#" link to itself (ids come from rehype-slug), shown on hover and focus. */
function SectionHeading({ as: Tag, id, children, ...props }: ComponentPropsWithoutRef<HeadingLevel> & { as: HeadingLevel }) {
  const t = useT();
  return (
    <Tag id={id} {...props}>
      {children}
      {id && (
        <a className="heading-anchor" href={`#${id}`} aria-label={t('chapter.sectionLink')}>
          #
        </a>
      )}
    </Tag>
  );
}

export const H2 = (props: ComponentPropsWithoutRef<'h2'>) => <SectionHeading as="h2" {...props} />;
export const H3 = (props: ComponentPropsWithoutRef<'h3'>) => <SectionHeading as="h3" {...props} />;
export const H4 = (props: ComponentPropsWithoutRef<'h4'>) => <SectionHeading as="h4" {...props} />;

/** The text of a heading without its anchor link, for the table of contents. */
export function headingText(heading: Element): string {
  return Array.from(heading.childNodes)
    .filter((node) => !(node instanceof Element && node.classList.contains('heading-anchor')))
    .map((node) => node.textContent ?? '')
    .join('')
    .trim();
}
