/** The char-LM's files: its text (read by ../shared/readFile) and a model's files sorted by kind. */
import { BookError } from '../../engine/errors';
import { checkFileSet, MAX_MODEL_BYTES } from '../../engine/fileChecks';
import { readTextFile } from '../shared/readFile';

export { readTextFile };

export interface ModelFiles {
  modelJson: string;
  weightFiles: { name: string; data: ArrayBuffer }[];
  chars: string;
}

/**
 * Sorts a multi-file selection into model.json (the JSON with a modelTopology), the character
 * list (any other JSON) and the weight shards (everything else). Every file must be non-empty,
 * the JSON files text, and all of them together under MAX_MODEL_BYTES (checked before reading).
 */
export async function sortModelFiles(files: File[]): Promise<ModelFiles> {
  const problem = checkFileSet(files, MAX_MODEL_BYTES);
  if (problem) throw problem;
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const texts = await Promise.all(jsons.map((f) => readTextFile(f, undefined, MAX_MODEL_BYTES)));
  const modelIndex = texts.findIndex((text, i) => jsons[i].name === 'model.json' || text.includes('"modelTopology"'));
  if (modelIndex < 0) throw new BookError('charModel.noModelJson', 'None of the chosen files is a model.json (a JSON file with "modelTopology").');
  const charsIndex = texts.findIndex((_, i) => i !== modelIndex);
  if (charsIndex < 0) throw new BookError('charModel.noCharList', 'Add the character list: a JSON array of the characters, in the order of the model’s outputs.');
  const weightFiles = await Promise.all(files.filter((f) => !f.name.toLowerCase().endsWith('.json')).map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
  return { modelJson: texts[modelIndex], chars: texts[charsIndex], weightFiles };
}
