/** The GRU sizes of chapter 10's parameter count, saved and linkable (see settingsStore.ts). */
import { cleanWith, linkSchema, number } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

export interface GruCountSizes {
  units: number;
  features: number;
}

/** The GRU(32) on 32 features the chapter counts: 6,336 parameters in Keras 2, 6,240 in tfjs. */
export const GRU_COUNT_DEFAULTS: GruCountSizes = { units: 32, features: 32 };

/** The number fields' own limits. */
export const GRU_COUNT_MAX = 512;

const size = number(1, GRU_COUNT_MAX, { integer: true });

export const GRU_COUNT_LINK = linkSchema<GruCountSizes>(1, { units: size, features: size });

export const GruCountStore = createSettingsStore('GruParamCount', GRU_COUNT_DEFAULTS, cleanWith(GRU_COUNT_LINK), GRU_COUNT_LINK);
