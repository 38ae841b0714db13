// Cumulative meta-analysis (Lau et al. 1992; metafor cumul()): the analysis repeated as each
// study is added, in row order or in increasing order of a covariate (ties keep row order).
import { MethodNotApplicable, type AnalysedStudy } from './analysed-study.ts';
import type { PooledResult } from './types.ts';

export interface CumulativeRequest {
  /** Covariate to order by (e.g. "year"); row order when absent. */
  orderBy?: string | undefined;
}

export interface CumulativeStep {
  /** The study added at this step. */
  study: string;
  /** Number of studies pooled so far. */
  k: number;
  /** Natural scale. */
  estimate: number;
  ciLower: number;
  ciUpper: number;
  p: number;
  tau2: number;
  i2: number;
}

/** The studies in the order in which they are added. */
export function cumulativeOrder(studies: readonly AnalysedStudy[], orderBy: string | undefined): AnalysedStudy[] {
  if (orderBy === undefined) return [...studies];
  const keyed = studies.map((s) => {
    const key = s.covariates?.[orderBy];
    if (key === undefined) throw new MethodNotApplicable(`rows[${s.row}].covariates.${orderBy}: missing (cumulative.orderBy)`);
    return { s, key };
  });
  const numeric = keyed.filter((e) => typeof e.key === 'number').length;
  if (numeric > 0 && numeric < keyed.length) {
    const odd = keyed.find((e) => typeof e.key !== 'number') as { s: AnalysedStudy };
    throw new MethodNotApplicable(`rows[${odd.s.row}].covariates.${orderBy}: text where other rows have numbers (cumulative.orderBy)`);
  }
  // Array.prototype.sort is stable: ties stay in row order, as R's order().
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => e.s);
}

/** One step per added study; `pool` pools a prefix with the analysis's own model. */
export function cumulativeMetaAnalysis(
  studies: readonly AnalysedStudy[],
  req: CumulativeRequest,
  pool: (studies: readonly AnalysedStudy[]) => PooledResult,
): CumulativeStep[] {
  const ordered = cumulativeOrder(studies, req.orderBy);
  return ordered.map((s, i) => {
    const r = pool(ordered.slice(0, i + 1));
    if (!r.estimable) throw new MethodNotApplicable(`cumulative: step ${i + 1} (${s.study}) is not estimable: ${r.reason}`);
    return { study: s.study, k: i + 1, estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, p: r.p, tau2: r.tau2, i2: r.i2 };
  });
}
