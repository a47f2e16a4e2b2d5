/**
 * The language of a piece of text the widgets show as data (the reader's sentence, its tokens,
 * an example), for its lang attribute: screen readers then read "french" in an English voice
 * inside a Chinese page, and the zh edition's leftover-English check (test/browser) knows it is
 * data, not interface. Han characters mean Chinese, Latin letters English (the book's only
 * other language); anything else (digits, marks) is left unknown ("").
 */
export function textLang(text: string): string {
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/[A-Za-z]/.test(text)) return 'en';
  return '';
}
