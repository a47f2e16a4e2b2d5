/**
 * The live values the explorer's drawings follow during a drag (src/viz/liveValue.ts): a mapped
 * value is worked out once per value of its source, so the canvas that listens and a render that
 * reads share one object, and a repaint is skipped when nothing it is made of changed.
 */
import { describe, expect, it } from 'vitest';
import { type LiveValue, mapLive, sameInputs } from '../../src/viz/liveValue';

function source<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  const live: LiveValue<T> = {
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { live, set: (next: T) => ((value = next), listeners.forEach((l) => l())) };
}

describe('mapLive', () => {
  it('works the value out once per source value, and again when the source changes', () => {
    const s = source({ n: 2 });
    let calls = 0;
    const doubled = mapLive(s.live, (v) => (calls++, { n: v.n * 2 }));
    const first = doubled.get();
    expect(first.n).toBe(4);
    expect(doubled.get()).toBe(first);
    expect(calls).toBe(1);
    s.set({ n: 5 });
    expect(doubled.get().n).toBe(10);
    expect(calls).toBe(2);
  });

  it('tells its listeners when the source changes, until they stop', () => {
    const s = source(1);
    const mapped = mapLive(s.live, (v) => v + 1);
    const heard: number[] = [];
    const stop = mapped.subscribe(() => heard.push(mapped.get()));
    s.set(2);
    s.set(3);
    stop();
    s.set(4);
    expect(heard).toEqual([3, 4]);
  });
});

describe('sameInputs', () => {
  it('compares item by item by identity, and nothing painted yet is never the same', () => {
    const a = new Float32Array([1]);
    expect(sameInputs([a, 1, 'x'], [a, 1, 'x'])).toBe(true);
    expect(sameInputs([a, 1], [new Float32Array([1]), 1])).toBe(false);
    expect(sameInputs([a], [a, 1])).toBe(false);
    expect(sameInputs(null, [])).toBe(false);
    expect(sameInputs([NaN], [NaN])).toBe(true);
  });
});
