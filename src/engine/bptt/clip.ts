/**
 * Gradient clipping by global norm, as TensorFlow's tf.clip_by_global_norm (the call the char-LSTM
 * source makes with clip 5) and Keras' `global_clipnorm` do it: every array is scaled by the same
 * factor maxNorm / max(globalNorm, maxNorm), where globalNorm is the norm of all arrays laid end
 * to end. The direction of the whole gradient is kept; only its length is capped.
 *
 * Keras' older `clipnorm` is different: it caps each array by its own norm (clipEachByNorm below),
 * which can turn the overall direction.
 */

export function globalNorm(arrays: ArrayLike<number>[]): number {
  let sum = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) sum += a[i] * a[i];
  return Math.sqrt(sum);
}

export interface Clipped {
  arrays: Float32Array[];
  /** The norm before clipping (TensorFlow returns it too). */
  globalNorm: number;
  /** The factor every value was multiplied by: 1 when nothing was clipped. */
  scale: number;
}

function scaled(arrays: ArrayLike<number>[], scale: number): Float32Array[] {
  return arrays.map((a) => Float32Array.from(a as ArrayLike<number>, (v) => v * scale));
}

export function clipByGlobalNorm(arrays: ArrayLike<number>[], maxNorm: number): Clipped {
  if (!(maxNorm > 0)) throw new Error(`The clip norm must be above 0, got ${maxNorm}.`);
  const norm = globalNorm(arrays);
  // A NaN or infinite gradient cannot be rescaled into anything meaningful; TensorFlow returns NaN too.
  const scale = Number.isFinite(norm) ? maxNorm / Math.max(norm, maxNorm) : NaN;
  return { arrays: scaled(arrays, scale), globalNorm: norm, scale };
}

/** Keras `clipnorm`: each array on its own is scaled down to at most maxNorm. */
export function clipEachByNorm(arrays: ArrayLike<number>[], maxNorm: number): Float32Array[] {
  if (!(maxNorm > 0)) throw new Error(`The clip norm must be above 0, got ${maxNorm}.`);
  return arrays.map((a) => {
    const norm = globalNorm([a]);
    return scaled([a], maxNorm / Math.max(norm, maxNorm))[0];
  });
}
