// Study-level effects for continuous data (spec §1.3).
import type { ContinuousMeasure, ContinuousRow, StudyEffect } from './types.ts';

/** Mean difference with RevMan's unpooled standard error. */
export function meanDifference(row: ContinuousRow): StudyEffect {
  const se = Math.sqrt((row.sd1 * row.sd1) / row.total1 + (row.sd2 * row.sd2) / row.total2);
  if (!(se > 0) || !Number.isFinite(se)) return { estimable: false, reason: 'zero or undefined standard error' };
  return { estimable: true, y: row.mean1 - row.mean2, se };
}

/**
 * RevMan's standardised mean difference: Hedges' g with the approximate small-sample
 * correction J = 1 − 3/(4N − 9) and SE² = N/(n1·n2) + g²/(2(N − 3.94)) (spec §1.3; this is
 * meta's exact.smd = FALSE, commented "formulae used in RevMan 5").
 */
export function standardisedMeanDifference(row: ContinuousRow): StudyEffect {
  const n1 = row.total1;
  const n2 = row.total2;
  const n = n1 + n2;
  if (n1 < 2 || n2 < 2) return { estimable: false, reason: 'fewer than 2 participants in an arm' };
  const pooledSd = Math.sqrt(((n1 - 1) * row.sd1 * row.sd1 + (n2 - 1) * row.sd2 * row.sd2) / (n - 2));
  if (!(pooledSd > 0)) return { estimable: false, reason: 'pooled standard deviation is zero' };
  const g = ((row.mean1 - row.mean2) / pooledSd) * (1 - 3 / (4 * n - 9));
  const se = Math.sqrt(n / (n1 * n2) + (g * g) / (2 * (n - 3.94)));
  return { estimable: true, y: g, se };
}

export function continuousStudyEffect(row: ContinuousRow, measure: ContinuousMeasure): StudyEffect {
  return measure === 'MD' ? meanDifference(row) : standardisedMeanDifference(row);
}
