/**
 * The links of chapter 17's training and generation panels (see storeLinks.ts): the settings the
 * reader chose, which live in the char-LM lab's store beside the worker, its text and its model.
 * Neither carries the trained weights (too big: the training panel points to the export) nor a
 * text file of the reader's own (it stays in their browser).
 */
import { choice, linkSchema, number, text } from '../engine/linkSchema';
import type { CharInput } from '../tf/charLmCalls';
import { ENGINES, type EnginePreference } from '../tf/training/types';
import { CHAR_LM_SETTINGS, type CharLmState, type SizePreset } from './charLmStore';
import type { StoreLink } from './storeLinks';

/** A prime longer than this is cut in the link: a prime is a few words, not a text. */
export const MAX_LINK_PRIME_CHARS = 1000;

const clip = (prime: string) => prime.slice(0, MAX_LINK_PRIME_CHARS);

export interface CharLmTrainingSettings {
  preset: SizePreset;
  input: CharInput;
  engine: EnginePreference;
  samplePrime: string;
  sampleEvery: number;
}

const trainingOf = (s: Pick<CharLmState, 'preset' | 'input' | 'enginePreference' | 'samplePrime' | 'sampleEvery'>): CharLmTrainingSettings => ({
  preset: s.preset,
  input: s.input,
  engine: s.enginePreference,
  samplePrime: clip(s.samplePrime),
  sampleEvery: s.sampleEvery,
});

export const CHAR_LM_TRAINING_LINK: StoreLink<CharLmState, CharLmTrainingSettings> = {
  param: 'char-lm-training',
  codec: linkSchema<CharLmTrainingSettings>(1, {
    preset: choice(['browser', 'browser2', 'book'] as const),
    input: choice(['auto', 'one-hot', 'embedding'] as const),
    engine: choice(['auto', ...ENGINES] as const),
    samplePrime: text(MAX_LINK_PRIME_CHARS),
    sampleEvery: number(1, 10_000, { integer: true }),
  }),
  defaults: trainingOf(CHAR_LM_SETTINGS),
  pick: trainingOf,
  patch: ({ engine, ...rest }) => ({ ...rest, enginePreference: engine }),
};

export type CharLmGenerateSettings = CharLmState['gen'];

/** The generation panel's own limits (its number fields and slider). */
export const CHAR_LM_GENERATE_LINK: StoreLink<CharLmState, CharLmGenerateSettings> = {
  param: 'char-lm-generate',
  codec: linkSchema<CharLmGenerateSettings>(1, {
    prime: text(MAX_LINK_PRIME_CHARS),
    length: number(1, 2000, { integer: true }),
    topN: number(0, 200, { integer: true }),
    temperature: number(0.1, 2),
    seed: number(0, 1e9, { integer: true }),
  }),
  defaults: CHAR_LM_SETTINGS.gen,
  pick: ({ gen }) => ({ ...gen, prime: clip(gen.prime) }),
  patch: (gen) => ({ gen }),
};
