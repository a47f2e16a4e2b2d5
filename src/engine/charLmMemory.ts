/**
 * Whether a text and a character model fit in a browser tab, decided before anything is
 * allocated: the reader's file is refused with the numbers rather than crashing the worker.
 *
 * What training holds: the text as UTF-16 (2 bytes a character) and as int32 ids (4 bytes), and
 * the model four times over in float32 (weights, gradients, Adam's m and v), plus a second
 * tfjs copy of the weights the book reads. Browsers give a tab roughly 1–4 GB; the limits below
 * keep well inside the smaller figure.
 */
import { BookError } from './errors';

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

/** Whole numbers as the book writes them in every edition (200,000). */
const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * Why this text cannot be trained on here, or null when it fits: a BookError with the numbers as
 * parameters (charLm.textTooLarge, charLm.modelTooLarge), which the worker throws to the page.
 */
export function charLmMemoryProblem(characters: number, V: number, size: CharModelSize): BookError | null {
  if (characters > MAX_TEXT_CHARACTERS) {
    const params = { characters, max: MAX_TEXT_CHARACTERS, mb: Math.round((MAX_TEXT_CHARACTERS * 6) / 1e6) };
    return new BookError(
      'charLm.textTooLarge',
      `The text has ${grouped(params.characters)} characters; this page trains on at most ${grouped(params.max)} (about ${grouped(params.mb)} MB in memory). Use a shorter excerpt.`,
      params,
    );
  }
  const bytes = charModelParams(V, size) * 4 * 5;
  if (bytes > MAX_MODEL_BYTES) {
    const params = { vocab: V, mb: Math.round(bytes / 1e6), maxMb: Math.round(MAX_MODEL_BYTES / 1e6) };
    return new BookError(
      'charLm.modelTooLarge',
      `With ${grouped(params.vocab)} distinct characters this model would need about ${grouped(params.mb)} MB (weights, gradients and Adam's state); the page allows ${grouped(params.maxMb)} MB. Choose fewer units or layers, or a text with fewer distinct characters.`,
      params,
    );
  }
  return null;
}
