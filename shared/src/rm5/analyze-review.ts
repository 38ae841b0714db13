// Recomputes every analysis of a parsed .rm5 file with the file's own settings and shapes
// the results like `grove meta` does (estimate and CI on the natural scale, se and τ² on the
// analysis scale, weights in percent), per outcome, subgroup and data row. What
// `grove rm5 analyze` prints and what the workbench's stored-analysis view shows.
import { analyze } from '../stats/analyze.ts';
import type { AnalysisResult, PooledResult, SubgroupDifferences } from '../stats/types.ts';
import { compareOutcome, type Check } from './compare.ts';
import { rm5OutcomeToAnalysisInput, outcomeRows, studyNames } from './to-analysis-input.ts';
import type { Rm5Outcome, Rm5OutcomeKind, Rm5Review } from './types.ts';

export type Rm5DataType = 'dichotomous' | 'continuous' | 'generic' | 'oe-variance' | 'other';

export const RM5_DATA_TYPES: Readonly<Record<Rm5OutcomeKind, Rm5DataType>> = {
  DICH: 'dichotomous',
  CONT: 'continuous',
  IV: 'generic',
  IPD: 'oe-variance',
  OTHER: 'other',
};

/** Pooled statistics, as `grove meta` names them; null fields when not estimable. */
export interface Rm5PooledStats {
  estimable: boolean;
  /** Why not, when not estimable. */
  reason?: string;
  estimate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  se: number | null;
  z: number | null;
  p: number | null;
  q: number | null;
  df: number | null;
  pQ: number | null;
  i2: number | null;
  tau2: number | null;
  /** Data rows (estimable or not) and estimable rows. */
  k: number;
  kEstimable: number;
  /** Sum of the row weights, percent. */
  weight: number;
}

export interface Rm5RowStats {
  studyId: string;
  estimable: boolean;
  estimate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  se: number | null;
  weight: number;
}

export interface Rm5OutcomeAnalysis {
  id: string;
  comparisonId: string;
  comparisonName: string;
  name: string;
  dataType: Rm5DataType;
  /** RevMan's own measure: RR, OR, RD, PETO_OR, MD, SMD, or an IV outcome's free text. */
  effectMeasure: string | null;
  method: 'MH' | 'IV' | 'PETO' | null;
  model: 'fixed' | 'random';
  rows: Rm5RowStats[];
  subgroups: Array<{ id: string; name: string } & Rm5PooledStats>;
  overall: Rm5PooledStats | null;
  subgroupDifferences: SubgroupDifferences | null;
  /** Set when Grove does not recompute this outcome ("other data"). */
  skipped?: string;
}

export function pooledStats(r: PooledResult & { k: number; kEstimable: number; weight: number }): Rm5PooledStats {
  const base = { k: r.k, kEstimable: r.kEstimable, weight: r.weight };
  if (!r.estimable) {
    return { estimable: false, reason: r.reason, estimate: null, ciLower: null, ciUpper: null, se: null, z: null, p: null, q: null, df: null, pQ: null, i2: null, tau2: null, ...base };
  }
  return { estimable: true, estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, se: r.se, z: r.z, p: r.p, q: r.q, df: r.df, pQ: r.pQ, i2: r.i2, tau2: r.tau2, ...base };
}

function outcomeMethod(outcome: Rm5Outcome): Rm5OutcomeAnalysis['method'] {
  if (outcome.kind === 'DICH') {
    const m = outcome.settings.method ?? (outcome.settings.effectMeasure === 'PETO_OR' ? 'PETO' : 'MH');
    return m === 'MH' || m === 'IV' || m === 'PETO' ? m : null;
  }
  if (outcome.kind === 'IPD') return 'PETO';
  return outcome.kind === 'OTHER' ? null : 'IV';
}

/** Shapes a core result (or a reason it could not be computed) for one outcome. */
export function shapeOutcomeAnalysis(
  outcome: Rm5Outcome,
  comparison: { id: string; name: string },
  result: AnalysisResult | { skipped: string },
): Rm5OutcomeAnalysis {
  const head = {
    id: outcome.id,
    comparisonId: comparison.id,
    comparisonName: comparison.name,
    name: outcome.name,
    dataType: RM5_DATA_TYPES[outcome.kind],
    effectMeasure: outcome.settings.effectMeasure,
    method: outcomeMethod(outcome),
    model: outcome.settings.random ? ('random' as const) : ('fixed' as const),
  };
  const rows = outcomeRows(outcome);
  if ('skipped' in result) {
    return {
      ...head,
      rows: rows.map(({ row }) => ({ studyId: row.studyId, estimable: false, estimate: null, ciLower: null, ciUpper: null, se: null, weight: 0 })),
      subgroups: [],
      overall: null,
      subgroupDifferences: null,
      skipped: result.skipped,
    };
  }
  return {
    ...head,
    rows: rows.map(({ row }, i) => {
      const r = result.rows[i];
      if (!r) throw new Error(`${outcome.id}: the statistical core returned fewer rows than the outcome has`);
      return { studyId: row.studyId, estimable: r.estimable, estimate: r.estimate, ciLower: r.ciLower, ciUpper: r.ciUpper, se: r.se, weight: r.weight };
    }),
    subgroups: outcome.subgroups.map((sg, i) => {
      const r = result.subgroups[i];
      if (!r) throw new Error(`${outcome.id}: the statistical core returned fewer subgroups than the outcome has`);
      return { id: sg.id, name: sg.name, ...pooledStats(r) };
    }),
    overall: result.overall ? pooledStats(result.overall) : null,
    subgroupDifferences: result.subgroupDifferences,
  };
}

export interface Rm5ReviewAnalysis {
  outcomes: Rm5OutcomeAnalysis[];
}

/** Recomputes every outcome of the file; `compare` also returns, per outcome, the checks against RevMan's numbers. */
export function analyzeRm5Review(review: Rm5Review): Rm5ReviewAnalysis;
export function analyzeRm5Review(
  review: Rm5Review,
  options: { compare: true },
): Rm5ReviewAnalysis & { checks: Map<string, Check[]> };
export function analyzeRm5Review(review: Rm5Review, options: { compare?: boolean } = {}): Rm5ReviewAnalysis & { checks?: Map<string, Check[]> } {
  const outcomes: Rm5OutcomeAnalysis[] = [];
  const checks = new Map<string, Check[]>();
  const names = studyNames(review.studies);
  for (const cmp of review.comparisons) {
    for (const outcome of cmp.outcomes) {
      if (options.compare) {
        const r = compareOutcome(review, outcome);
        checks.set(outcome.id, r.checks);
        outcomes.push(shapeOutcomeAnalysis(outcome, cmp, r.result ?? { skipped: r.skipped ?? 'not computed' }));
        continue;
      }
      const conv = rm5OutcomeToAnalysisInput(outcome, names);
      outcomes.push(shapeOutcomeAnalysis(outcome, cmp, conv.ok ? analyze(conv.input) : { skipped: conv.reason }));
    }
  }
  return options.compare ? { outcomes, checks } : { outcomes };
}
