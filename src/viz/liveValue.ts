/**
 * A value that can change faster than React should re-render for: read it now, and hear when it
 * changes. During a weight drag the explorer's traces change on every pointer move; the canvases
 * follow them through a LiveValue, while the numbers in the DOM (tables, labels) keep the values
 * from the start of the drag and re-render once when it ends (bench/dragP95.ts).
 */
export interface LiveValue<T> {
  get(): T;
  /** Calls `listener` after each change; returns the way to stop. */
  subscribe(listener: () => void): () => void;
}

/**
 * The same value seen through `f`, worked out once per value of the source (by identity), however
 * many readers ask: the canvas that listens and the render that reads both get the same object.
 */
export function mapLive<S, T>(source: LiveValue<S>, f: (value: S) => T): LiveValue<T> {
  let seen: { from: S; to: T } | null = null;
  return {
    get() {
      const from = source.get();
      if (!seen || seen.from !== from) seen = { from, to: f(from) };
      return seen.to;
    },
    subscribe: (listener) => source.subscribe(listener),
  };
}

/** True when two lists of inputs are the same, item by item by identity: nothing to repaint. */
export function sameInputs(a: readonly unknown[] | null, b: readonly unknown[]): boolean {
  return a !== null && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
