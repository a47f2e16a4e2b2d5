/** Blocks chapters can write in MDX without importing them: <Figure> and <Note>. */
import type { ReactNode } from 'react';
import { useT } from './i18n';

export interface FigureProps {
  caption?: ReactNode;
  /** Let the figure use the wider widget column instead of the prose column. */
  wide?: boolean;
  children: ReactNode;
}

export function Figure({ caption, wide, children }: FigureProps) {
  return (
    <figure className={wide ? 'figure figure-wide' : 'figure'}>
      <div className="figure-body">{children}</div>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

export function Note({ title, children }: { title?: ReactNode; children: ReactNode }) {
  const t = useT();
  return (
    <aside className="note">
      <p className="note-title">{title ?? t('note.label')}</p>
      {children}
    </aside>
  );
}
