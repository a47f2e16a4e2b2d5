/**
 * Typed schemas for widget state in links. A widget declares one small validator per field
 * (a number range, a choice, capped text, a flag, a list of numbers of a given shape); the schema
 * writes that state as base64url JSON (jsonParam.ts) and reads it back strictly: a link is
 * written by anyone, so any field missing, extra or out of range makes the whole link invalid and
 * the widget starts from its defaults with a note, rather than from a half-applied state.
 * Pure: no window, so tests fuzz it directly.
 */
import { decodeJsonParam, encodeJsonParam } from './jsonParam';
import { errorMessage } from './errors';

/** Past this, a parameter is not one we wrote (the explorer's 8-unit LSTM needs about 6 000). */
export const MAX_LINK_CHARS = 24_000;

export type LinkProblem = 'tooLong' | 'notJson' | 'notObject' | 'version' | 'field';

export type LinkDecoded<T> = { value: T; problem: null } | { value: null; problem: LinkProblem; detail: string };

/** What every link format offers the shell: the explorer's own codec and every schema below. */
export interface LinkCodec<T> {
  encode(value: T): string;
  decode(text: string): LinkDecoded<T>;
}

/** One field's validator: the value if acceptable, else a short English reason (shown in the note). */
export interface Field<T> {
  read(raw: unknown): { ok: true; value: T } | { ok: false; why: string };
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const bad = (why: string) => ({ ok: false as const, why });

export function number(min: number, max: number, options: { integer?: boolean } = {}): Field<number> {
  const what = options.integer ? `a whole number from ${min} to ${max}` : `a number from ${min} to ${max}`;
  return {
    read: (raw) =>
      typeof raw === 'number' && Number.isFinite(raw) && raw >= min && raw <= max && (!options.integer || Number.isInteger(raw)) ? ok(raw) : bad(`must be ${what}`),
  };
}

export function choice<const C extends string>(options: readonly C[]): Field<C> {
  return { read: (raw) => (typeof raw === 'string' && (options as readonly string[]).includes(raw) ? ok(raw as C) : bad(`must be one of ${options.join(', ')}`)) };
}

export function text(maxChars: number): Field<string> {
  return { read: (raw) => (typeof raw === 'string' && raw.length <= maxChars ? ok(raw) : bad(`must be text of at most ${maxChars} characters`)) };
}

export function flag(): Field<boolean> {
  return { read: (raw) => (typeof raw === 'boolean' ? ok(raw) : bad('must be true or false')) };
}

/** A list of numbers, each within [min, max]; `length` is exact, or a [least, most] range. */
export function numbers(length: number | readonly [number, number], min: number, max: number): Field<number[]> {
  const [least, most] = typeof length === 'number' ? [length, length] : length;
  const size = least === most ? `${least}` : `${least} to ${most}`;
  return {
    read: (raw) =>
      Array.isArray(raw) && raw.length >= least && raw.length <= most && raw.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max)
        ? ok([...raw] as number[])
        : bad(`must be ${size} numbers from ${min} to ${max}`),
  };
}

/** `field`, or null (e.g. "no text of your own: use the book's"). */
export function orNull<T>(field: Field<T>): Field<T | null> {
  return {
    read: (raw) => {
      if (raw === null) return ok(null);
      const read = field.read(raw);
      return read.ok ? read : bad(`${read.why}, or null`);
    },
  };
}

export type Fields<T> = { [K in keyof T]: Field<T[K]> };

export interface LinkSchema<T> extends LinkCodec<T> {
  readonly version: number;
  readonly fields: Fields<T>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A schema over exactly the fields given. `version` is written as `v`; bump it when a field's
 * meaning changes, so an old link says it is stale instead of being misread.
 */
export function linkSchema<T extends object>(version: number, fields: Fields<T>): LinkSchema<T> {
  const names = Object.keys(fields) as (keyof T & string)[];
  return {
    version,
    fields,
    encode: (value) => encodeJsonParam({ v: version, ...Object.fromEntries(names.map((k) => [k, value[k]])) }),
    decode(textValue) {
      if (textValue.length > MAX_LINK_CHARS) return { value: null, problem: 'tooLong', detail: `${textValue.length} characters` };
      let raw: unknown;
      try {
        raw = decodeJsonParam(textValue);
      } catch (error) {
        return { value: null, problem: 'notJson', detail: errorMessage(error) };
      }
      if (!isRecord(raw)) return { value: null, problem: 'notObject', detail: raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw };
      if (raw.v !== version) return { value: null, problem: 'version', detail: `version ${String(raw.v).slice(0, 20)}` };
      const extra = Object.keys(raw).find((k) => k !== 'v' && !Object.hasOwn(fields, k));
      if (extra !== undefined) return { value: null, problem: 'field', detail: `unknown field ${JSON.stringify(extra.slice(0, 40))}` };
      const value: Partial<T> = {};
      for (const name of names) {
        if (!Object.hasOwn(raw, name)) return { value: null, problem: 'field', detail: `${name} is missing` };
        const read = fields[name].read(raw[name]);
        if (!read.ok) return { value: null, problem: 'field', detail: `${name} ${read.why}` };
        value[name] = read.value;
      }
      return { value: value as T, problem: null };
    },
  };
}

/**
 * The same validators applied field by field to saved settings (localStorage): unlike a link, a
 * saved copy keeps every field that is still valid, so one stale field does not lose the others.
 */
export function cleanWith<T extends object>(schema: LinkSchema<T>): (saved: Partial<Record<keyof T, unknown>>) => Partial<T> {
  return (saved) =>
    Object.fromEntries(
      (Object.keys(schema.fields) as (keyof T & string)[]).flatMap((name) => {
        const read = schema.fields[name].read(saved[name]);
        return read.ok ? [[name, read.value]] : [];
      }),
    ) as Partial<T>;
}
