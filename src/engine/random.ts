/**
 * A small seeded generator (mulberry32), so that every "random" start in the book can be
 * reproduced from its seed and a test can name the exact numbers it expects.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  return randomStream(seed).next;
}

/** The same generator with its position readable and settable, so a checkpoint can resume the exact draws. */
export interface RandomStream {
  next: Random;
  state(): number;
  setState(state: number): void;
}

export function randomStream(seed: number): RandomStream {
  let a = seed >>> 0;
  return {
    next: () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state: () => a,
    setState: (state) => {
      a = state >>> 0;
    },
  };
}

/** Uniform in [-limit, limit): the Glorot-uniform draw Keras uses for kernels. */
export function uniformArray(length: number, limit: number, random: Random): Float32Array {
  return Float32Array.from({ length }, () => (random() * 2 - 1) * limit);
}
