/**
 * Every string the book's interface shows, in every interface language, plus the locale store.
 * Chapter prose lives in content/; this file is only for chrome and widget labels, so widgets
 * can say "Reset" in the reader's language without shipping their own dictionaries.
 *
 * To add a string: add the key to the `en` of its part in ./strings/, then TypeScript will insist
 * on a `zh` entry too. Placeholders are written `{name}` and filled from the second argument of `t`.
 */
import { useMemo } from 'react';
import { type ErrorParams, describeError } from '../engine/errors';
import type { Locale } from './locales';
import { useLocale } from './router';
import book from './strings/book';
import cellDiagram from './strings/cellDiagram';
import errors from './strings/errors';
import charLm from './strings/charLm';
import explorer from './strings/explorer';
import files from './strings/files';
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
import training from './strings/training';

/**
 * The one dictionary, assembled from one part per area of the book so that parallel work on
 * different widgets does not collide in a single file. Each part pairs its English strings with
 * a Chinese entry for every key; TypeScript refuses a part whose zh misses one.
 */
const parts = [book, errors, cellDiagram, toyLab, numpyRnn, lstmGru, shapes, order, layerArgs, explorer, charLm, gradients, sentiment, sentimentChapters, modelSummary, mnist, notebook, training, files] as const;

type Part = (typeof parts)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type English = UnionToIntersection<Part['en']>;

const en = Object.assign({}, ...parts.map((p) => p.en)) as English;

export type StringKey = keyof English;

const zh = Object.assign({}, ...parts.map((p) => p.zh)) as Record<StringKey, string>;

export const strings = { en, zh } satisfies Record<Locale, Record<StringKey, string>>;

export { isLocale, localeNames, locales, type Locale } from './locales';
export { currentLocale, useLocale } from './router';

export type TranslateParams = Record<string, string | number>;
export type Translate = (key: StringKey, params?: TranslateParams) => string;

export function translate(locale: Locale, key: StringKey, params?: TranslateParams): string {
  // A key someone has not added yet shows as itself rather than crashing the widget using it.
  const template: string = strings[locale][key] ?? strings.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The translate function for the page's language (from its URL, see router.ts); components
 * re-render when the language changes.
 */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => (key, params) => translate(locale, key, params), [locale]);
}

/** Numbers in error messages read the same in every edition: whole numbers grouped as 200,000. */
function formatParams(params: ErrorParams | undefined): TranslateParams | undefined {
  if (!params) return undefined;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && Number.isInteger(v) ? v.toLocaleString('en-US') : v]));
}

/**
 * What the reader reads for anything thrown (or an error kept as data by a store): the
 * dictionary's wording of its code, filled with its parameters; an error without a known code
 * (tfjs' or the browser's own) keeps its text, framed in the reader's language.
 */
export function translateError(locale: Locale, error: unknown): string {
  const described = describeError(error);
  const key = `error.${described.code}`;
  if (described.code && key in strings.en) return translate(locale, key as StringKey, formatParams(described.params));
  return translate(locale, 'error.untranslated', { message: described.message });
}

export type TranslateError = (error: unknown) => string;

/** translateError for the page's language. */
export function useErrorText(): TranslateError {
  const locale = useLocale();
  return useMemo(() => (error) => translateError(locale, error), [locale]);
}
