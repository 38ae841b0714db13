// Gauss–Hermite quadrature for the standard normal weight: nodes z and weights w with
// Σ w·f(z) ≈ E[f(Z)], Z ~ N(0, 1), exact for polynomials of degree < 2n. This is the form
// lme4's GHrule() gives (and glmer's adaptive quadrature uses, nAGQ = n).

export interface QuadratureRule {
  /** Nodes on the standard normal scale, ascending. */
  z: number[];
  /** Weights summing to 1. */
  w: number[];
}

/**
 * The n-point rule. Roots of the physicists' Hermite polynomial H_n by Newton's method from
 * the usual asymptotic starting values (Numerical Recipes' gauher), then rescaled from the
 * weight e^(−x²) to the standard normal density: z = √2·x, w = w_H/√π.
 */
export function gaussHermiteRule(n: number): QuadratureRule {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gaussHermiteRule: n must be a positive integer, got ${n}`);
  const x = new Array<number>(n).fill(0);
  const wh = new Array<number>(n).fill(0);
  const pim4 = Math.pow(Math.PI, -0.25);
  const m = Math.floor((n + 1) / 2);
  let root = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) root = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
    else if (i === 1) root -= (1.14 * Math.pow(n, 0.426)) / root;
    else if (i === 2) root = 1.86 * root - 0.86 * (x[0] as number);
    else if (i === 3) root = 1.91 * root - 0.91 * (x[1] as number);
    else root = 2 * root - (x[i - 2] as number);
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // Orthonormal Hermite recurrence: p_j = x·√(2/j)·p_{j−1} − √((j−1)/j)·p_{j−2}.
      let p1 = pim4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = root * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const step = p1 / pp;
      root -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(root))) break;
    }
    x[i] = root;
    x[n - 1 - i] = -root;
    wh[i] = 2 / (pp * pp);
    wh[n - 1 - i] = wh[i] as number;
  }
  if (n % 2 === 1) x[m - 1] = 0; // the middle node is exactly 0
  if (n === 1) return { z: [0], w: [1] }; // the Laplace approximation, exactly
  const z = x.map((v) => v * Math.SQRT2).reverse();
  const w = wh.map((v) => v / Math.sqrt(Math.PI)).reverse();
  return { z, w };
}
