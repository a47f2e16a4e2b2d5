/** Number formatting shared by every widget, so the same value reads the same everywhere. */

/** Six significant digits: enough to see float32 agreement, short enough to read. */
export const num = (v: number, digits = 6): string => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : String(v));

/** A row vector as the source prints arrays: [0.1, -0.2]. */
export const vec = (values: ArrayLike<number>, digits = 6): string => `[${Array.from(values, (v) => num(v, digits)).join(', ')}]`;

/** Tiny differences in scientific notation: 3.1e-8. */
export const sci = (v: number): string => (v === 0 ? '0' : v.toExponential(1));
