/**
 * What the reader set in chapter 15's widgets, saved and linkable (see settingsStore.ts): the
 * "hello" model's epochs and the time step shown, the sampling loop's settings and how many
 * characters it has drawn, and the softmax example's logits and temperature. The trained weights
 * are not here: they travel by export (the shells say so).
 */
import { choice, cleanWith, linkSchema, number, numbers } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

/** The word has five characters: four time steps, four vocabulary entries (helloLmStore.ts). */
const LAST_STEP = 3;

export interface HelloViewSettings {
  epochs: number;
  /** The time step whose softmax is shown. */
  step: number;
}

export const HELLO_VIEW_DEFAULTS: HelloViewSettings = { epochs: 100, step: 0 };
export const HELLO_EPOCHS_MAX = 2000;

export const HELLO_VIEW_LINK = linkSchema<HelloViewSettings>(1, { epochs: number(1, HELLO_EPOCHS_MAX, { integer: true }), step: number(0, LAST_STEP, { integer: true }) });

export const HelloViewStore = createSettingsStore('HelloLm', HELLO_VIEW_DEFAULTS, cleanWith(HELLO_VIEW_LINK), HELLO_VIEW_LINK);

export interface SamplerSettings {
  /** The character the loop starts from, by its index in the vocabulary (the same link works in either edition). */
  start: number;
  mode: 'greedy' | 'sample';
  temperature: number;
  /** 0: no top-N cut. */
  topN: number;
  seed: number;
  /** Characters drawn after the start; the text is drawn again from these settings and the model's weights. */
  steps: number;
}

export const SAMPLER_DEFAULTS: SamplerSettings = { start: 0, mode: 'greedy', temperature: 1, topN: 0, seed: 1, steps: 0 };
/** The loop stops at 40 characters. */
export const SAMPLER_MAX_STEPS = 39;

export const SAMPLER_LINK = linkSchema<SamplerSettings>(1, {
  start: number(0, LAST_STEP, { integer: true }),
  mode: choice(['greedy', 'sample'] as const),
  temperature: number(0.1, 3),
  topN: number(0, LAST_STEP + 1, { integer: true }),
  seed: number(0, 1e9, { integer: true }),
  steps: number(0, SAMPLER_MAX_STEPS, { integer: true }),
});

export const SamplerStore = createSettingsStore('HelloSampler', SAMPLER_DEFAULTS, cleanWith(SAMPLER_LINK), SAMPLER_LINK);

export interface SoftmaxSettings {
  logits: number[];
  temperature: number;
}

/** The source's example output for input "h": logits over h, e, l, o. */
const SOURCE_LOGITS = [1.0, 2.2, -3.0, 4.1];
export const LOGIT_RANGE: [number, number] = [-100, 100];
export const SOFTMAX_DEFAULTS: SoftmaxSettings = { logits: SOURCE_LOGITS, temperature: 1 };

export const SOFTMAX_LINK = linkSchema<SoftmaxSettings>(1, { logits: numbers(SOURCE_LOGITS.length, ...LOGIT_RANGE), temperature: number(0.1, 3) });

export const SoftmaxStore = createSettingsStore('SoftmaxExample', SOFTMAX_DEFAULTS, cleanWith(SOFTMAX_LINK), SOFTMAX_LINK);
