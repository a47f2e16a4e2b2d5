/**
 * An equation typeset by KaTeX, for widgets (chapter prose gets KaTeX from rehype-katex). The
 * TeX comes from the book's own data, never from the reader, and a malformed one shows as red
 * source instead of throwing.
 */
import katex from 'katex';
import { memo, useMemo } from 'react';

interface TexProps {
  tex: string;
  display?: boolean;
  className?: string;
  /** For a box that may scroll sideways: it takes focus so a keyboard can scroll it. */
  focusable?: boolean;
}

function TexImpl({ tex, display = false, className, focusable = false }: TexProps) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }), [tex, display]);
  return <span className={className ? `tex ${className}` : 'tex'} tabIndex={focusable ? 0 : undefined} dangerouslySetInnerHTML={{ __html: html }} />;
}

export const Tex = memo(TexImpl);
