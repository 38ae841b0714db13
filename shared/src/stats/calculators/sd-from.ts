// Standard deviations from other statistics (Handbook v6 §6.5.2.2–6.5.2.3; spec §1.8).
import { criticalValue, tQuantile } from '../distributions.ts';
import { derived, type Derived } from './derivation.ts';

/** SD of a group from the standard error of its mean: SD = SE·√N. */
export function sdFromSe(se: number, n: number): Derived {
  return derived(se * Math.sqrt(n), {
    method: 'sd-from-se',
    inputs: { se, n },
    formula: 'SD = SE·√N',
    reference: 'Cochrane Handbook v6 §6.5.2.2',
  });
}

/**
 * SD of a group from a confidence interval for its mean: SD = √N·(U − L)/(2·c), with c the
 * normal quantile (3.92 = 2·1.96 for 95%), or t_{N−1} for small groups (Handbook: under ~60).
 */
export function sdFromCi(
  lower: number,
  upper: number,
  n: number,
  options: { level?: number; distribution?: 'normal' | 't' } = {},
): Derived {
  const level = options.level ?? 0.95;
  const dist = options.distribution ?? 'normal';
  const c = dist === 't' ? criticalValue(level, n - 1) : criticalValue(level);
  return derived((Math.sqrt(n) * (upper - lower)) / (2 * c), {
    method: 'sd-from-ci',
    inputs: { lower, upper, n, level, distribution: dist, divisor: 2 * c },
    formula: dist === 't' ? 'SD = √N·(U − L)/(2·t_{N−1, 1−α/2})' : 'SD = √N·(U − L)/(2·z_{1−α/2})',
    reference: 'Cochrane Handbook v6 §6.5.2.2',
  });
}

/** SE of a difference in means from its CI, then SD = SE/√(1/N1 + 1/N2) (same SD for both arms). */
export function sdFromDifferenceCi(
  lower: number,
  upper: number,
  n1: number,
  n2: number,
  options: { level?: number; distribution?: 'normal' | 't' } = {},
): Derived {
  const level = options.level ?? 0.95;
  const dist = options.distribution ?? 'normal';
  const c = dist === 't' ? criticalValue(level, n1 + n2 - 2) : criticalValue(level);
  const se = (upper - lower) / (2 * c);
  return derived(se / Math.sqrt(1 / n1 + 1 / n2), {
    method: 'sd-from-difference-ci',
    inputs: { lower, upper, n1, n2, level, distribution: dist, se },
    formula: 'SE = (U − L)/(2·c); SD = SE/√(1/N1 + 1/N2)',
    reference: 'Cochrane Handbook v6 §6.5.2.3',
  });
}

/** From a t statistic of a two-sample comparison: SE = MD/t, SD = SE/√(1/N1 + 1/N2). */
export function sdFromT(meanDifference: number, t: number, n1: number, n2: number): Derived {
  const se = Math.abs(meanDifference / t);
  return derived(se / Math.sqrt(1 / n1 + 1 / n2), {
    method: 'sd-from-t',
    inputs: { meanDifference, t, n1, n2, se },
    formula: 'SE = |MD/t|; SD = SE/√(1/N1 + 1/N2)',
    reference: 'Cochrane Handbook v6 §6.5.2.3',
  });
}

/** From a two-sided P value of a t-test: t = t⁻¹_{N1+N2−2}(1 − P/2), then as sdFromT. */
export function sdFromP(meanDifference: number, p: number, n1: number, n2: number): Derived {
  const t = tQuantile(1 - p / 2, n1 + n2 - 2);
  const se = Math.abs(meanDifference / t);
  return derived(se / Math.sqrt(1 / n1 + 1 / n2), {
    method: 'sd-from-p',
    inputs: { meanDifference, p, n1, n2, t, se },
    formula: 't = t⁻¹_{N1+N2−2}(1 − P/2); SE = |MD/t|; SD = SE/√(1/N1 + 1/N2)',
    reference: 'Cochrane Handbook v6 §6.5.2.3',
  });
}
