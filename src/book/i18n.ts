/**
 * Every string the book's interface shows, in every interface language, plus the locale store.
 * Chapter prose lives in content/; this file is only for chrome and widget labels, so widgets
 * can say "Reset" in the reader's language without shipping their own dictionaries.
 *
 * To add a string: add the key to the `en` of its part in ./strings/, then TypeScript will insist
 * on a `zh` entry too. Placeholders are written `{name}` and filled from the second argument of `t`.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { legacyStorageKey, storageKey } from '../engine/storageKeys';
import { readStoredMoving, writeStored } from '../state/safeStorage';
import book from './strings/book';
import cellDiagram from './strings/cellDiagram';
import charLm from './strings/charLm';
import explorer from './strings/explorer';
import gradients from './strings/gradients';
import layerArgs from './strings/layerArgs';
import lstmGru from './strings/lstmGru';
import mnist from './strings/mnist';
import notebook from './strings/notebook';
import numpyRnn from './strings/numpyRnn';
import order from './strings/order';
import modelSummary from './strings/modelSummary';
import sentiment from './strings/sentiment';
import sentimentChapters from './strings/sentimentChapters';
import shapes from './strings/shapes';
import toyLab from './strings/toyLab';

/**
 * The one dictionary, assembled from one part per area of the book so that parallel work on
 * different widgets does not collide in a single file. Each part pairs its English strings with
 * a Chinese entry for every key; TypeScript refuses a part whose zh misses one.
 */
const parts = [book, cellDiagram, toyLab, numpyRnn, lstmGru, shapes, order, layerArgs, explorer, charLm, gradients, sentiment, sentimentChapters, modelSummary, mnist, notebook] as const;

type Part = (typeof parts)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type English = UnionToIntersection<Part['en']>;

const en = Object.assign({}, ...parts.map((p) => p.en)) as English;

export type StringKey = keyof English;

const zh = Object.assign({}, ...parts.map((p) => p.zh)) as Record<StringKey, string>;

export const strings = { en, zh } satisfies Record<string, Record<StringKey, string>>;

export type Locale = keyof typeof strings;
export const locales = Object.keys(strings) as Locale[];
/** Names of the languages in themselves, for the language switch. */
export const localeNames: Record<Locale, string> = { en: 'English', zh: '中文' };

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: StringKey, params?: TranslateParams) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as string[]).includes(value);
}

export function translate(locale: Locale, key: StringKey, params?: TranslateParams): string {
  // A key someone has not added yet shows as itself rather than crashing the widget using it.
  const template: string = strings[locale][key] ?? strings.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const LOCALE_KEY = storageKey('pref', 'locale');

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: ((stored) => (isLocale(stored) ? stored : 'en'))(readStoredMoving(LOCALE_KEY, legacyStorageKey('pref', 'locale'))),
  setLocale: (locale) => {
    writeStored(LOCALE_KEY, locale);
    set({ locale });
  },
}));

/** The translate function for the current locale; components re-render when the locale changes. */
export function useT(): Translate {
  const locale = useLocaleStore((state) => state.locale);
  return useMemo(() => (key, params) => translate(locale, key, params), [locale]);
}
