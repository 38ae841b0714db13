// A bracketing root finder (Brent's method) for the monotone equations of the Paule–Mandel
// estimator and the Q-profile τ² interval. Converges to machine precision, so results match
// metafor run with tight tolerances (spec §3 "REML precision", "Q-profile τ² CI").

/**
 * Finds x in [lo, hi] with f(x) = 0, given f(lo) and f(hi) of opposite signs.
 * Absolute tolerance on x: `tol` (default 1e-15·max(1,|x|) relative, i.e. machine level).
 */
export function brent(f: (x: number) => number, lo: number, hi: number, maxIter = 200): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa * fb > 0) throw new Error('brent: root not bracketed');
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIter; iter++) {
    if (fb * fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = d;
      }
    } else {
      d = m;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}

/**
 * Root of a decreasing function g on [0, ∞) with g(0) > 0: doubles an upper bound until
 * g(hi) < 0, then applies Brent's method.
 */
export function rootOfDecreasing(g: (x: number) => number, initialHi: number): number {
  let lo = 0;
  let hi = initialHi > 0 ? initialHi : 1;
  let guard = 0;
  while (g(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (++guard > 2000) throw new Error('rootOfDecreasing: no sign change');
  }
  return brent(g, lo, hi);
}
