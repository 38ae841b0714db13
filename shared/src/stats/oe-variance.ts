// "O − E and variance" data (individual patient data, time-to-event): each study gives the
// observed-minus-expected statistic and its variance V (spec §1.2, Peto). RevMan 5 pools
// them by the Peto-type fixed effect, ln HR = Σ(O−E)/ΣV with SE = 1/√ΣV, after the study
// estimates ln HR_i = (O−E)_i/V_i with SE_i = 1/√V_i. With y_i = (O−E)_i/V_i and
// v_i = 1/V_i that is exactly the inverse-variance fixed effect (weights V_i), and its Q,
// Σ(O−E)²/V − (Σ(O−E))²/ΣV, is Cochran's Q, so DerSimonian–Laird random effects (and the
// other τ² estimators) apply unchanged: metafor's rma(yi = OmE/V, vi = 1/V) is the check.
import type { OeVarianceRow, StudyEffect } from './types.ts';

/** A study with V ≤ 0 (or not finite) carries no information: RevMan's "Not estimable". */
export function oeVarianceStudyEffect(row: OeVarianceRow): StudyEffect {
  const { oe, variance } = row;
  if (!(variance > 0) || !Number.isFinite(variance) || !Number.isFinite(oe)) {
    return { estimable: false, reason: 'variance is zero' };
  }
  return { estimable: true, y: oe / variance, se: 1 / Math.sqrt(variance), peto: { oMinusE: oe, v: variance } };
}
