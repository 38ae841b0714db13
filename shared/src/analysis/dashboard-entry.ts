import type { EffectMeasure } from '../stats/types.ts';
import type { AssembledAnalysis } from './assemble.ts';

// One row of the analysis dashboard (and of the results text in Reports): what a reviewer
// reads at a glance — the outcome, k, N, the pooled estimate with its CI, P and I², the
// study CIs for a sparkline and the draft sentence. The full AnalysisSummary carries every
// contribution with its study's data, derivations and input (25.7 MB for 60 analyses of
// a 300-study review); the dashboard needs a few hundred bytes per study, so it asks for these.

/** The pooled numbers the dashboard shows (natural scale). */
export interface DashboardPooled {
  readonly estimate: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly p: number;
  readonly i2: number;
}

/** A study's or the pooled CI, as the sparkline draws it (natural scale). */
export interface SparkInterval {
  readonly estimate: number;
  readonly ciLower: number;
  readonly ciUpper: number;
}

export interface DashboardEntry {
  readonly id: string;
  readonly outcomeName: string;
  readonly domainName: string;
  readonly categoryName: string;
  readonly effectMeasure: EffectMeasure;
  readonly synthesis: AssembledAnalysis['synthesis'];
  /** Studies included in the analysis. */
  readonly studies: number;
  /** Participants providing data. */
  readonly participants: number;
  /** The pooled result, when the outcome is meta-analysed and it is estimable. */
  readonly pooled: DashboardPooled | null;
  /** Estimates are ratios (drawn on a log axis). */
  readonly ratio: boolean;
  /** The estimable studies' CIs in forest-plot order, and the pooled one; null without a result. */
  readonly spark: { readonly rows: readonly SparkInterval[]; readonly overall: SparkInterval | null } | null;
  readonly sentence: string;
}

/** The dashboard's row of one analysis. */
export function dashboardEntry(id: string, analysis: AssembledAnalysis, sentence: string): DashboardEntry {
  const result = analysis.result;
  const overall = result?.overall?.estimable ? result.overall : null;
  const pooled = analysis.synthesis === 'meta-analysis' && overall ? overall : null;
  return {
    id,
    outcomeName: analysis.outcomeName,
    domainName: analysis.domainName,
    categoryName: analysis.categoryName,
    effectMeasure: analysis.effectMeasure,
    synthesis: analysis.synthesis,
    studies: analysis.contributions.filter((c) => c.included).length,
    participants: analysis.participants,
    pooled: pooled ? { estimate: pooled.estimate, ciLower: pooled.ciLower, ciUpper: pooled.ciUpper, p: pooled.p, i2: pooled.i2 } : null,
    ratio: result?.methods.ratio ?? false,
    spark: result
      ? {
          rows: result.rows.flatMap((r) =>
            r.estimable && r.estimate !== null && r.ciLower !== null && r.ciUpper !== null
              ? [{ estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper }]
              : [],
          ),
          overall: overall ? { estimate: overall.estimate, ciLower: overall.ciLower, ciUpper: overall.ciUpper } : null,
        }
      : null,
    sentence,
  };
}
