/**
 * The link of chapter 14's training panel (see storeLinks.ts): the model size and the engine the
 * reader chose, which live in the MNIST lab's store beside the worker and its curves. Trained
 * weights never go into a link; the panel says so and points to the export.
 */
import { choice, linkSchema } from '../engine/linkSchema';
import { ENGINES, type EnginePreference } from '../tf/training/types';
import type { MnistPreset, MnistState } from './mnistStore';
import type { StoreLink } from './storeLinks';

export interface MnistTrainingChoice {
  preset: MnistPreset;
  engine: EnginePreference;
}

export const MNIST_TRAINING_LINK: StoreLink<MnistState, MnistTrainingChoice> = {
  param: 'mnist-training',
  codec: linkSchema<MnistTrainingChoice>(1, { preset: choice(['browser', 'book'] as const), engine: choice(['auto', ...ENGINES] as const) }),
  // The store's own first values.
  defaults: { preset: 'browser', engine: 'auto' },
  pick: (state) => ({ preset: state.preset, engine: state.enginePreference }),
  patch: ({ preset, engine }) => ({ preset, enginePreference: engine }),
};
