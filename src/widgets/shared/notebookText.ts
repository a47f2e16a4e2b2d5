/** The notebook's prose in the reader's language, from the dictionary (src/book/strings/notebook.ts). */
import type { StringKey, Translate } from '../../book/i18n';
import { NOTEBOOK_TEXT_KEYS, type NotebookText } from '../../engine/notebook/writeNotebook';

export function notebookText(t: Translate): NotebookText {
  return Object.fromEntries(NOTEBOOK_TEXT_KEYS.map((key) => [key, t(`notebook.text.${key}` as StringKey)])) as NotebookText;
}
