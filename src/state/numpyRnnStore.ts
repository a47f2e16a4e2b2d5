/** The sizes the reader gives chapter 3's ten-line NumPy RNN, saved and linkable (see settingsStore.ts). */
import { cleanWith, linkSchema, number } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

export interface NumpyRnnSizes {
  timesteps: number;
  inputFeatures: number;
  outputFeatures: number;
  seed: number;
}

export const NUMPY_RNN_SIZES: NumpyRnnSizes = { timesteps: 100, inputFeatures: 32, outputFeatures: 64, seed: 1 };

/** The widget's own limits: a size outside them (or not a whole number) is not ours. */
export const NUMPY_RNN_LIMITS: Record<keyof NumpyRnnSizes, [number, number]> = { timesteps: [1, 500], inputFeatures: [1, 256], outputFeatures: [1, 256], seed: [0, 1e9] };

const whole = ([lo, hi]: [number, number]) => number(lo, hi, { integer: true });

export const NUMPY_RNN_LINK = linkSchema<NumpyRnnSizes>(1, {
  timesteps: whole(NUMPY_RNN_LIMITS.timesteps),
  inputFeatures: whole(NUMPY_RNN_LIMITS.inputFeatures),
  outputFeatures: whole(NUMPY_RNN_LIMITS.outputFeatures),
  seed: whole(NUMPY_RNN_LIMITS.seed),
});

export const NumpyRnnStore = createSettingsStore('NumpyToyRnn', NUMPY_RNN_SIZES, cleanWith(NUMPY_RNN_LINK), NUMPY_RNN_LINK);
