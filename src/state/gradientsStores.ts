/** The saved, linkable settings of the three gradient widgets of chapter 5 (see settingsStore.ts). */
import { CLIPPING_DEFAULTS } from '../engine/clippingDemo';
import { SCALE_PRESETS } from '../engine/gradientDemoInputs';
import { cleanWith, linkSchema, number, numbers, text } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

export interface ClippingSettings {
  clipNorm: number;
  learningRate: number;
  u: number;
}

/** 5 is the clip the char-LSTM source passes to tf.clip_by_global_norm. */
export const CLIPPING_SETTINGS: ClippingSettings = { clipNorm: 5, learningRate: CLIPPING_DEFAULTS.learningRate, u: CLIPPING_DEFAULTS.u };

export const CLIPPING_LINK = linkSchema<ClippingSettings>(1, { clipNorm: number(0.01, 100000), learningRate: number(0.0001, 1), u: number(0.5, 1.5) });

export const ClippingStore = createSettingsStore('ClippingDemo', CLIPPING_SETTINGS, cleanWith(CLIPPING_LINK), CLIPPING_LINK);

export interface PowerExpansionSettings {
  u: number;
  w: number;
  xs: number[];
}

export const POWER_EXPANSION_SETTINGS: PowerExpansionSettings = { u: 0.5, w: 1, xs: [1, 1, 1, 1, 1] };

// Values that are not what the controls can produce fall back to the defaults.
export const POWER_EXPANSION_LINK = linkSchema<PowerExpansionSettings>(1, { u: number(-2, 2), w: number(-10, 10), xs: numbers(5, -10, 10) });

export const PowerExpansionStore = createSettingsStore('PowerExpansion', POWER_EXPANSION_SETTINGS, cleanWith(POWER_EXPANSION_LINK), POWER_EXPANSION_LINK);

export interface GradientFlowSettings {
  sentence: string;
  units: number;
  scale: number;
}

export const GRADIENT_FLOW_SETTINGS: GradientFlowSettings = {
  sentence: 'I grew up in France so after many years away I still speak fluent French',
  units: 8,
  scale: SCALE_PRESETS.vanishing,
};

export const GRADIENT_FLOW_LINK = linkSchema<GradientFlowSettings>(1, { sentence: text(400), units: number(1, 8, { integer: true }), scale: number(0.1, 4) });

export const GradientFlowStore = createSettingsStore('GradientFlow', GRADIENT_FLOW_SETTINGS, cleanWith(GRADIENT_FLOW_LINK), GRADIENT_FLOW_LINK);
