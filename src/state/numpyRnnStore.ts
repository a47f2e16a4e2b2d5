/** The sizes the reader gives chapter 3's ten-line NumPy RNN, saved (see settingsStore.ts). */
import { createSettingsStore } from './settingsStore';

export interface NumpyRnnSizes {
  timesteps: number;
  inputFeatures: number;
  outputFeatures: number;
  seed: number;
}

export const NUMPY_RNN_SIZES: NumpyRnnSizes = { timesteps: 100, inputFeatures: 32, outputFeatures: 64, seed: 1 };

/** The widget's own limits: a saved size outside them (or not a whole number) is not ours. */
export const NUMPY_RNN_LIMITS: Record<keyof NumpyRnnSizes, [number, number]> = { timesteps: [1, 500], inputFeatures: [1, 256], outputFeatures: [1, 256], seed: [0, 1e9] };

export const NumpyRnnStore = createSettingsStore('NumpyToyRnn', NUMPY_RNN_SIZES, (s) =>
  Object.fromEntries(
    (Object.keys(NUMPY_RNN_LIMITS) as (keyof NumpyRnnSizes)[]).flatMap((key) => {
      const v = s[key];
      const [lo, hi] = NUMPY_RNN_LIMITS[key];
      return Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi ? [[key, v]] : [];
    }),
  ),
);
