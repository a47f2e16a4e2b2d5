/**
 * Every widget link schema, fuzzed: 200 seeded corruptions of a valid link and 200 seeded garbage
 * strings each. None may throw, every one must give a note (a problem and a reason) and no value,
 * so the widget starts from its defaults; and the defaults themselves must round-trip. And every
 * widget a chapter can embed is in the list, so none is left without a link.
 */
import { describe, expect, it } from 'vitest';
import { widgetRegistry } from '../../src/book/widgetRegistry';
import { encodeJsonParam, decodeJsonParam } from '../../src/engine/jsonParam';
import { seededRandom } from '../../src/engine/random';
import { WIDGET_LINKS } from '../../src/state/widgetLinks';

const cases = Object.entries(WIDGET_LINKS).flatMap(([name, format]) => ('codec' in format ? [{ name, codec: format.codec, defaults: format.defaults }] : []));

describe('the list of widget links', () => {
  it('has every registered widget that renders a shell (the *Lab providers only wrap others)', () => {
    const shells = Object.keys(widgetRegistry).filter((name) => !name.endsWith('Lab'));
    const missing = shells.filter((name) => !Object.hasOwn(WIDGET_LINKS, name));
    expect(missing, `widgets with no link format (or anchorOnly) in src/state/widgetLinks.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('names only registered widgets', () => {
    expect(Object.keys(WIDGET_LINKS).filter((name) => !Object.hasOwn(widgetRegistry, name))).toEqual([]);
  });
});

/**
 * Wrong values by the kind of the valid one: none of them is acceptable to any validator of that
 * kind in these schemas (types differ, or sizes and magnitudes are past every range used).
 */
function wrongFor(valid: unknown): unknown[] {
  const common = [{}, { a: 1 }, [['x']], 'x'.repeat(5000)];
  if (typeof valid === 'number') return [...common, '1', null, true, 1e300, -1e300, -1e9 - 0.5, 'NaN'];
  if (typeof valid === 'string') return [...common.filter((v) => typeof v !== 'string'), 42, null, true, 'y'.repeat(30_000).slice(0, 5000)];
  if (typeof valid === 'boolean') return [...common, 0, 1, 'true', null];
  // Null stands for "none" beside a number or a text, so the wrong values are neither.
  if (valid === null) return [...common, 1e300, -1e300, true, []];
  if (Array.isArray(valid)) return [...common, [], 'abc', [1, 2], Array(valid.length + 1).fill(0), Array(valid.length).fill('1'), Array(valid.length).fill(1e300), null];
  return ['x', [], 42, null, true, [[1]]]; // an object (the explorer's weights and embeddings)
}

function corrupt(text: string, random: () => number): string {
  const raw = decodeJsonParam(text) as Record<string, unknown>;
  const keys = Object.keys(raw).filter((k) => k !== 'v');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const kind = Math.floor(random() * 5);
  if (kind === 0) return encodeJsonParam({ ...raw, v: pick([0, 2, 99, '1', null, -1]) });
  if (kind === 1) return encodeJsonParam({ ...raw, [`extra${Math.floor(random() * 1000)}`]: pick([1, 'a', null]) });
  if (kind === 2) {
    const gone = pick(keys);
    return encodeJsonParam(Object.fromEntries(Object.entries(raw).filter(([k]) => k !== gone)));
  }
  const field = pick(keys);
  return encodeJsonParam({ ...raw, [field]: pick(wrongFor(raw[field])) });
}

function garbage(random: () => number): string {
  const kind = Math.floor(random() * 5);
  const length = Math.floor(random() * 200);
  const chars = (alphabet: string) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  if (kind === 0) return chars('%<>"\'&;=?#/\\ \u0000\u202e猫🐈');
  if (kind === 1) return chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  if (kind === 2) return encodeJsonParam([null, 1, 'a', [], true, 3.5][Math.floor(random() * 6)]);
  if (kind === 3) return 'A'.repeat(24_001 + length);
  return encodeJsonParam(JSON.parse(`{"v":1,"__proto__":{"polluted":${length}}}`));
}

describe.each(cases)('$name link schema', ({ codec, defaults }) => {
  it('round-trips its defaults', () => {
    const decoded = codec.decode(codec.encode(defaults));
    expect(decoded.problem).toBeNull();
    expect(decoded.value).toEqual(defaults);
  });

  it('200 seeded corruptions of a valid link: no crash, a note each time, no value', () => {
    const random = seededRandom(13);
    const valid = codec.encode(defaults);
    for (let i = 0; i < 200; i++) {
      const text = corrupt(valid, random);
      const decoded = codec.decode(text);
      expect(decoded.value, text).toBeNull();
      expect(decoded.problem, text).not.toBeNull();
      if (decoded.problem !== null) expect(decoded.detail.length).toBeGreaterThan(0);
    }
  });

  it('200 seeded garbage links: no crash, a note each time, nothing leaks into Object.prototype', () => {
    const random = seededRandom(31);
    for (let i = 0; i < 200; i++) {
      const text = garbage(random);
      const decoded = codec.decode(text);
      expect(decoded.value).toBeNull();
      expect(decoded.problem).not.toBeNull();
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
