/**
 * Losses on a layer's hidden states, each returning its value and dL/dh_t for every step (null
 * where a step's state does not enter the loss directly). Backpropagation through time then adds
 * what flows back from later steps.
 */

export interface StateLossValue {
  loss: number;
  /** The direct dL/dh_t, one entry per step in reading order. */
  dh: (Float64Array | null)[];
}

export type StateLoss = (hs: Float32Array[]) => StateLossValue;

function onLast(hs: Float32Array[], grad: Float64Array): (Float64Array | null)[] {
  return hs.map((_, t) => (t === hs.length - 1 ? grad : null));
}

function checkWidth(what: string, v: ArrayLike<number>, h: ArrayLike<number>): void {
  if (v.length !== h.length) throw new Error(`${what} has ${v.length} values but the state has ${h.length}.`);
}

/** L = ½‖h_T − target‖², so dL/dh_T = h_T − target. */
export function halfSquaredErrorOnLast(target: ArrayLike<number>): StateLoss {
  return (hs) => {
    const h = hs[hs.length - 1];
    checkWidth('The target', target, h);
    const grad = Float64Array.from(h, (v, j) => v - target[j]);
    let loss = 0;
    for (const g of grad) loss += 0.5 * g * g;
    return { loss, dh: onLast(hs, grad) };
  };
}

/**
 * L = Σ_t v_t·h_t: a loss whose gradient is exactly the given per-step vectors, so it serves both
 * "here is dL/dh_t for each step" and a fixed projection of the last state (v null elsewhere).
 */
export function linearInStates(vs: (ArrayLike<number> | null | undefined)[]): StateLoss {
  return (hs) => {
    if (vs.length !== hs.length) throw new Error(`Got ${vs.length} per-step vectors for ${hs.length} steps.`);
    let loss = 0;
    const dh = hs.map((h, t) => {
      const v = vs[t];
      if (!v) return null;
      checkWidth(`The vector for step ${t}`, v, h);
      for (let j = 0; j < h.length; j++) loss += v[j] * h[j];
      return Float64Array.from(v);
    });
    return { loss, dh };
  };
}

/** L = v·h_T. */
export function dotWithLast(v: ArrayLike<number>): StateLoss {
  return (hs) => linearInStates(hs.map((_, t) => (t === hs.length - 1 ? v : null)))(hs);
}
