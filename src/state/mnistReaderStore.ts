/**
 * What the reader gave chapter 14's digit reader: the digit (drawn, or picked from the held-out
 * set), the centring switch, how many rows the LSTM has read, and the class the next pick is
 * drawn from. Saved, so a reload shows the same digit, and linkable (see settingsStore.ts). A
 * drawn digit is kept as MNIST keeps its own, one byte (0–255) per pixel, so the link and the
 * saved copy carry exactly the digit the model read.
 */
import { choice, cleanWith, flag, linkSchema, number, numbers, orNull } from '../engine/linkSchema';
import { MNIST_PIXELS, MNIST_SIDE } from '../engine/mnistDigits';
import { createSettingsStore } from './settingsStore';

export const PICK_CLASSES = ['any', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export interface MnistReading {
  /** The drawn digit, a byte per pixel, row by row; null for a blank pad or a held-out digit. */
  ink: number[] | null;
  /** The held-out digit shown, by its index in the held-out file; null while the reader draws. */
  heldOut: number | null;
  centre: boolean;
  /** The time step: rows read so far, 0 to 28. */
  rows: number;
  pickClass: (typeof PICK_CLASSES)[number];
}

export const MNIST_READING_DEFAULTS: MnistReading = { ink: null, heldOut: null, centre: true, rows: MNIST_SIDE, pickClass: 'any' };

/** MNIST has 10,000 digits in all; an index past the held-out file shows a blank pad. */
const MAX_DIGIT_INDEX = 9_999;

export const MNIST_READING_LINK = linkSchema<MnistReading>(1, {
  ink: orNull(numbers(MNIST_PIXELS, 0, 255)),
  heldOut: orNull(number(0, MAX_DIGIT_INDEX, { integer: true })),
  centre: flag(),
  rows: number(0, MNIST_SIDE, { integer: true }),
  pickClass: choice(PICK_CLASSES),
});

export const MnistReaderStore = createSettingsStore('MnistReader', MNIST_READING_DEFAULTS, cleanWith(MNIST_READING_LINK), MNIST_READING_LINK);
