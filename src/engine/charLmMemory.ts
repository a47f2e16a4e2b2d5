/**
 * Whether a text and a character model fit in a browser tab, decided before anything is
 * allocated: the reader's file is refused with the numbers rather than crashing the worker.
 *
 * What training holds: the text as UTF-16 (2 bytes a character) and as int32 ids (4 bytes), and
 * the model four times over in float32 (weights, gradients, Adam's m and v), plus a second
 * tfjs copy of the weights the book reads. Browsers give a tab roughly 1–4 GB; the limits below
 * keep well inside the smaller figure.
 */
export const MAX_TEXT_CHARACTERS = 50_000_000;
export const MAX_MODEL_BYTES = 600 * 1024 * 1024;

export interface CharModelSize {
  layers: number;
  units: number;
  input: 'one-hot' | 'embedding';
  embeddingDim: number;
}

/** Weights of the char-LM for a vocabulary of V characters. */
export function charModelParams(V: number, { layers, units, input, embeddingDim }: CharModelSize): number {
  const lstm = (inputs: number) => 4 * units * (inputs + units + 1);
  let params = input === 'embedding' ? V * embeddingDim + lstm(embeddingDim) : lstm(V);
  for (let i = 1; i < layers; i++) params += lstm(units);
  return params + units * V + V;
}

/** Why this text cannot be trained on here (with numbers), or null when it fits. */
export function charLmMemoryProblem(characters: number, V: number, size: CharModelSize): string | null {
  if (characters > MAX_TEXT_CHARACTERS) {
    return `The text has ${characters.toLocaleString('en')} characters; this page trains on at most ${MAX_TEXT_CHARACTERS.toLocaleString('en')} (about ${Math.round((MAX_TEXT_CHARACTERS * 6) / 1e6)} MB in memory). Use a shorter excerpt.`;
  }
  const bytes = charModelParams(V, size) * 4 * 5;
  if (bytes > MAX_MODEL_BYTES) {
    return `With ${V.toLocaleString('en')} distinct characters this model would need about ${Math.round(bytes / 1e6)} MB (weights, gradients and Adam's state); the page allows ${Math.round(MAX_MODEL_BYTES / 1e6)} MB. Choose fewer units or layers, or a text with fewer distinct characters.`;
  }
  return null;
}
