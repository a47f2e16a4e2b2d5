/**
 * Reading the reader's files in the browser, with the checks of src/engine/fileChecks.ts: sizes
 * before reading, then NUL bytes and UTF-8 for text. Every problem is thrown (a FileProblem or a
 * BookError) before the caller touches anything of the page's state.
 */
import { BookError } from '../../engine/errors';
import { checkFileSize, decodeText, MAX_TEXT_BYTES } from '../../engine/fileChecks';

export function readBytes(file: File, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress?.(e.loaded, e.total || file.size);
    reader.onerror = () => reject(new BookError('file.readFailed', `Could not read ${file.name}: ${reader.error?.message ?? 'unknown error'}`, { file: file.name, detail: reader.error?.message ?? '' }));
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.readAsArrayBuffer(file);
  });
}

/** The file as text, or a FileProblem thrown: empty, over `maxBytes` (checked before reading), binary, not UTF-8. */
export async function readTextFile(file: File, onProgress?: (loaded: number, total: number) => void, maxBytes = MAX_TEXT_BYTES): Promise<string> {
  const tooBig = checkFileSize(file.name, file.size, maxBytes);
  if (tooBig) throw tooBig;
  const decoded = decodeText(file.name, await readBytes(file, onProgress));
  if ('problem' in decoded) throw decoded.problem;
  return decoded.text;
}
