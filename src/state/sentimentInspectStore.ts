/** The review the reader types into the sentiment inspector, saved and linkable (see settingsStore.ts). */
import { cleanWith, linkSchema, text } from '../engine/linkSchema';
import { createSettingsStore } from './settingsStore';

export interface InspectedText {
  text: string;
}

/** The example review the inspector starts with (and offers again to a reader writing in another language). */
export const INSPECT_DEFAULTS: InspectedText = { text: 'The food was not good, and the service was even worse.' };

/** The text box's own limit. */
export const MAX_INSPECT_CHARS = 2000;

export const INSPECT_LINK = linkSchema<InspectedText>(1, { text: text(MAX_INSPECT_CHARS) });

export const SentimentInspectStore = createSettingsStore('SentimentInspect', INSPECT_DEFAULTS, cleanWith(INSPECT_LINK), INSPECT_LINK);
