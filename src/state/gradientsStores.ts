/** The saved settings of the three gradient widgets of chapter 5 (see settingsStore.ts). */
import { CLIPPING_DEFAULTS } from '../engine/clippingDemo';
import { SCALE_PRESETS } from '../engine/gradientDemoInputs';
import { createSettingsStore } from './settingsStore';

const inRange = (v: unknown, lo: number, hi: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

export interface ClippingSettings {
  clipNorm: number;
  learningRate: number;
  u: number;
}

/** 5 is the clip the char-LSTM source passes to tf.clip_by_global_norm. */
export const CLIPPING_SETTINGS: ClippingSettings = { clipNorm: 5, learningRate: CLIPPING_DEFAULTS.learningRate, u: CLIPPING_DEFAULTS.u };

export const ClippingStore = createSettingsStore('ClippingDemo', CLIPPING_SETTINGS, (s) => ({
  ...(inRange(s.clipNorm, 0.01, 100000) ? { clipNorm: s.clipNorm } : {}),
  ...(inRange(s.learningRate, 0.0001, 1) ? { learningRate: s.learningRate } : {}),
  ...(inRange(s.u, 0.5, 1.5) ? { u: s.u } : {}),
}));

export interface PowerExpansionSettings {
  u: number;
  w: number;
  xs: number[];
}

export const POWER_EXPANSION_SETTINGS: PowerExpansionSettings = { u: 0.5, w: 1, xs: [1, 1, 1, 1, 1] };

// Saved values that are not what the controls can produce fall back to the defaults.
export const PowerExpansionStore = createSettingsStore('PowerExpansion', POWER_EXPANSION_SETTINGS, (s) => ({
  ...(inRange(s.u, -2, 2) ? { u: s.u } : {}),
  ...(inRange(s.w, -10, 10) ? { w: s.w } : {}),
  ...(Array.isArray(s.xs) && s.xs.length === 5 && s.xs.every((x) => inRange(x, -10, 10)) ? { xs: s.xs as number[] } : {}),
}));

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

export const GradientFlowStore = createSettingsStore('GradientFlow', GRADIENT_FLOW_SETTINGS, (s) => ({
  ...(typeof s.sentence === 'string' && s.sentence.length <= 400 ? { sentence: s.sentence } : {}),
  ...(Number.isInteger(s.units) && (s.units as number) >= 1 && (s.units as number) <= 8 ? { units: s.units as number } : {}),
  ...(inRange(s.scale, 0.1, 4) ? { scale: s.scale } : {}),
}));
