/**
 * An equation typeset by KaTeX, for widgets (chapter prose gets KaTeX from rehype-katex). The
 * TeX comes from the book's own data, never from the reader, and a malformed one shows as red
 * source instead of throwing.
 */
import katex from 'katex';
import { memo, useMemo } from 'react';

function TexImpl({ tex, display = false, className }: { tex: string; display?: boolean; className?: string }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' }), [tex, display]);
  return <span className={className ? `tex ${className}` : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}

export const Tex = memo(TexImpl);
