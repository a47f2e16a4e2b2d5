/** A character as it should appear in a label: whitespace and line ends made visible. */
export function visibleChar(c: string): string {
  if (c === '\n') return '↵';
  if (c === ' ') return '␣';
  if (c === '\t') return '⇥';
  return c;
}
