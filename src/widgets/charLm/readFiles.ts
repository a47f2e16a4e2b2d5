/** Reading the reader's files: text with progress and line ends normalised, and binary shards. */
import { BookError } from '../../engine/errors';

export function readTextFile(file: File, onProgress: (loaded: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded, e.total || file.size);
    reader.onerror = () => reject(new BookError('file.readFailed', `Could not read ${file.name}: ${reader.error?.message ?? 'unknown error'}`, { file: file.name, detail: reader.error?.message ?? '' }));
    reader.onload = () => {
      // A BOM is not part of the text; CRLF (Windows) and lone CR (old Mac) become \n.
      resolve(String(reader.result).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
    };
    reader.readAsText(file, 'utf-8');
  });
}

export interface ModelFiles {
  modelJson: string;
  weightFiles: { name: string; data: ArrayBuffer }[];
  chars: string;
}

/**
 * Sorts a multi-file selection into model.json (the JSON with a modelTopology), the character
 * list (any other JSON) and the weight shards (everything else).
 */
export async function sortModelFiles(files: File[]): Promise<ModelFiles> {
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const texts = await Promise.all(jsons.map((f) => f.text()));
  const modelIndex = texts.findIndex((text, i) => jsons[i].name === 'model.json' || text.includes('"modelTopology"'));
  if (modelIndex < 0) throw new BookError('charModel.noModelJson', 'None of the chosen files is a model.json (a JSON file with "modelTopology").');
  const charsIndex = texts.findIndex((_, i) => i !== modelIndex);
  if (charsIndex < 0) throw new BookError('charModel.noCharList', 'Add the character list: a JSON array of the characters, in the order of the model’s outputs.');
  const weightFiles = await Promise.all(files.filter((f) => !f.name.toLowerCase().endsWith('.json')).map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
  return { modelJson: texts[modelIndex], chars: texts[charsIndex], weightFiles };
}
