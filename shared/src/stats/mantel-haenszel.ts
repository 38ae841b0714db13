// Mantel–Haenszel fixed-effect pooling as RevMan 5 does it (spec §1.2, verified against
// RevMan output): zero-cell studies enter the sums with 0.5 added to every cell; studies
// that are not estimable for OR/RR (double zero / double full) are not passed in at all.
import { zeroCorrected, type TwoByTwo } from './dichotomous-effects.ts';
import { cochranQ, type FixedEffectPool } from './inverse-variance.ts';

export type MantelHaenszelMeasure = 'OR' | 'RR' | 'RD';

/**
 * @param tables raw 2×2 tables of the estimable studies
 * @param ys     study effects on the analysis scale (for the heterogeneity Q)
 * @param vs     their variances
 */
export function poolMantelHaenszel(
  measure: MantelHaenszelMeasure,
  tables: readonly TwoByTwo[],
  ys: readonly number[],
  vs: readonly number[],
): FixedEffectPool {
  if (tables.length === 1) {
    // A single-study MH analysis returns that study's own estimate and SE (spec §1.2).
    // For OR and RR the MH formulas reduce to it anyway; for RD they do not when the
    // study has a zero cell, and RevMan reports the study's own values.
    const t = tables[0] as TwoByTwo;
    const weight = mhWeights(measure, [t])[0] as number;
    return { y: ys[0] as number, se: Math.sqrt(vs[0] as number), weights: [weight], q: 0 };
  }
  const pooled =
    measure === 'OR' ? mhOddsRatio(tables) : measure === 'RR' ? mhRiskRatio(tables) : mhRiskDifference(tables);
  return { ...pooled, weights: mhWeights(measure, tables), q: cochranQ(ys, vs, pooled.y) };
}

/** Unnormalised MH weights: OR B·C/N′, RR C·n1′/N′ (corrected cells), RD n1·n2/N (raw). */
export function mhWeights(measure: MantelHaenszelMeasure, tables: readonly TwoByTwo[]): number[] {
  return tables.map((raw) => {
    if (measure === 'RD') {
      const n1 = raw.a + raw.b;
      const n2 = raw.c + raw.d;
      return (n1 * n2) / (n1 + n2);
    }
    const { a, b, c, d } = zeroCorrected(raw);
    const n = a + b + c + d;
    return measure === 'OR' ? (b * c) / n : (c * (a + b)) / n;
  });
}

/** OR with the Robins–Breslow–Greenland variance of ln OR_MH. */
function mhOddsRatio(tables: readonly TwoByTwo[]): { y: number; se: number } {
  let r = 0;
  let s = 0;
  let e = 0;
  let f = 0;
  let g = 0;
  let h = 0;
  for (const raw of tables) {
    const { a, b, c, d } = zeroCorrected(raw);
    const n = a + b + c + d;
    const ad = (a * d) / n;
    const bc = (b * c) / n;
    r += ad;
    s += bc;
    const p = (a + d) / n;
    const q = (b + c) / n;
    e += p * ad;
    f += p * bc;
    g += q * ad;
    h += q * bc;
  }
  const variance = 0.5 * (e / (r * r) + (f + g) / (r * s) + h / (s * s));
  return { y: Math.log(r / s), se: Math.sqrt(variance) };
}

/** RR with the Greenland–Robins variance of ln RR_MH. */
function mhRiskRatio(tables: readonly TwoByTwo[]): { y: number; se: number } {
  let r = 0;
  let s = 0;
  let p = 0;
  for (const raw of tables) {
    const { a, b, c, d } = zeroCorrected(raw);
    const n1 = a + b;
    const n2 = c + d;
    const n = n1 + n2;
    r += (a * n2) / n;
    s += (c * n1) / n;
    p += (n1 * n2 * (a + c) - a * c * n) / (n * n);
  }
  return { y: Math.log(r / s), se: Math.sqrt(p / (r * s)) };
}

/**
 * RD: estimate and weights n1·n2/N from the raw counts; the Greenland–Robins (1985)
 * variance numerator from the 0.5-corrected cells of zero-cell studies; denominator
 * (Σ raw weights)² (spec §1.2, checked against RevMan-stored MH RD results).
 */
function mhRiskDifference(tables: readonly TwoByTwo[]): { y: number; se: number } {
  let sw = 0;
  let swy = 0;
  let j = 0;
  for (const raw of tables) {
    const n1 = raw.a + raw.b;
    const n2 = raw.c + raw.d;
    const w = (n1 * n2) / (n1 + n2);
    sw += w;
    swy += w * (raw.a / n1 - raw.c / n2);
    const { a, b, c, d } = zeroCorrected(raw);
    const m1 = a + b;
    const m2 = c + d;
    const m = m1 + m2;
    j += (a * b * m2 * m2 * m2 + c * d * m1 * m1 * m1) / (m1 * m2 * m * m);
  }
  return { y: swy / sw, se: Math.sqrt(j / (sw * sw)) };
}
