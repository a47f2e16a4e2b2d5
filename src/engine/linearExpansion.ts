/**
 * The scalar linear RNN the vanishing-gradients chapter unrolls by hand: one unit, no bias, no
 * squashing, h_0 = 0 and h_t = W·x_t + U·h_{t-1}. Unrolled over T steps,
 *
 *   h_T = W·x_T + U·W·x_{T-1} + U²·W·x_{T-2} + … + U^{T-1}·W·x_1
 *
 * (for T = 5 the source's h5 = WX5 + UWX4 + U²WX3 + U³WX2 + U⁴WX1). The coefficient of x_t,
 * U^{T-t}·W, is also ∂h_T/∂x_t: the same power of U decides how much an early input counts in
 * the forward pass and how much gradient reaches it in the backward pass.
 */

export interface ExpansionTerm {
  /** 1-based input index t, as the chapter writes X1 … X5. */
  step: number;
  /** T − t: how many times the state passed through U since x_t entered. */
  power: number;
  /** U^{T-t}·W = ∂h_T/∂x_t. */
  coefficient: number;
  /** U^{T-t}·W·x_t: this input's share of h_T. */
  value: number;
}

export interface LinearExpansion {
  /** Newest input first, the order the formula is written in: WX5, UWX4, …. */
  terms: ExpansionTerm[];
  /** The sum of the terms. */
  h: number;
  /** h_T by running the recurrence step by step, which must equal the sum. */
  hByRecurrence: number;
}

export function linearRnnExpansion(u: number, w: number, xs: readonly number[]): LinearExpansion {
  const T = xs.length;
  const terms = xs
    .map((x, i): ExpansionTerm => {
      const power = T - (i + 1);
      const coefficient = u ** power * w;
      return { step: i + 1, power, coefficient, value: coefficient * x };
    })
    .reverse();
  const hByRecurrence = xs.reduce((h, x) => w * x + u * h, 0);
  return { terms, h: terms.reduce((sum, term) => sum + term.value, 0), hByRecurrence };
}

/** "U³WX2" — the term as the source writes it, for labels. */
export function termLabel({ step, power }: ExpansionTerm): string {
  const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const u = power === 0 ? '' : power === 1 ? 'U' : `U${String(power).replace(/\d/g, (d) => superscripts[Number(d)])}`;
  return `${u}WX${step}`;
}
