import type { PooledResult } from '../stats/types.ts';

// A suggestion, for the reviewer to accept or not, to rate down one level for inconsistency.
// GRADE calls inconsistency a judgement (GRADE guidelines 7, Guyatt et al., J Clin Epidemiol
// 2011;64:1294–1302): rate down when results vary in a way that matters for the decision,
// judged by overlap of the studies' estimates, the test for heterogeneity and I². Grove
// never rates; it proposes when these signs agree:
//
//   1. I² ≥ 50%: "substantial" heterogeneity in the Cochrane Handbook's guide (§10.10.2,
//      "50% to 90%: may represent substantial heterogeneity"); and
//   2. the variation reaches the decision:
//      - with a 95% prediction interval (random effects): the interval includes no effect
//        (1 for ratios, 0 for differences) although the pooled estimate is on one side of it,
//        i.e. in some settings the effect may be absent or reversed (Handbook §10.10.4.3;
//        GRADE 7: differences of direction matter more than differences of size);
//      - without one (fixed effect, or too few studies): the χ² test for heterogeneity has
//        P < 0.10, the Handbook's threshold for a test of low power (§10.10.2).
//
// Fewer than two estimable studies give no suggestion: there is nothing to be inconsistent.

export interface InconsistencyEvidence {
  pooled: PooledResult;
  /** Estimable studies in the pooled result. */
  k: number;
  /** Whether estimates are ratios (no effect at 1) or differences (no effect at 0). */
  ratio: boolean;
}

export type InconsistencySuggestion =
  | { suggest: 'serious'; levels: 1; reason: string }
  | { suggest: 'none'; reason: string };

export const I2_SUBSTANTIAL = 50;
export const HETEROGENEITY_P = 0.1;

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));

export function suggestInconsistency(e: InconsistencyEvidence): InconsistencySuggestion {
  const p = e.pooled;
  if (!p.estimable || e.k < 2) return { suggest: 'none', reason: 'Fewer than two studies were pooled.' };
  const i2 = `I² = ${Math.round(p.i2)}%`;
  if (p.i2 < I2_SUBSTANTIAL) return { suggest: 'none', reason: `${i2}, below the ${I2_SUBSTANTIAL}% of substantial heterogeneity.` };
  const nullValue = e.ratio ? 1 : 0;
  if (p.predictionLower !== undefined && p.predictionUpper !== undefined) {
    const pi = `the 95% prediction interval (${num(p.predictionLower)} to ${num(p.predictionUpper)})`;
    const includesNull = p.predictionLower <= nullValue && nullValue <= p.predictionUpper;
    const oneSided = p.estimate !== nullValue;
    if (includesNull && oneSided)
      return { suggest: 'serious', levels: 1, reason: `${i2} and ${pi} includes no effect: in some settings the effect may be absent or reversed.` };
    return { suggest: 'none', reason: `${i2}, but ${pi} lies on one side of no effect: the studies differ in size, not direction.` };
  }
  if (p.pQ < HETEROGENEITY_P)
    return { suggest: 'serious', levels: 1, reason: `${i2} and the test for heterogeneity has P = ${p.pQ < 0.001 ? '<0.001' : p.pQ.toFixed(2)} (below ${HETEROGENEITY_P}).` };
  return { suggest: 'none', reason: `${i2}, but the test for heterogeneity has P = ${p.pQ.toFixed(2)} (not below ${HETEROGENEITY_P}).` };
}
