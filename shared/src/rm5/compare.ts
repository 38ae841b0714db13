// Recomputes every outcome of a parsed .rm5 file with the statistical core and compares the
// result, field by field, with the numbers RevMan stored (issue 3 conformance criterion).
// Used by `grove rm5 analyze --compare` and by the conformance suite, so both judge a file
// by the same rules.
import { analyze } from '../stats/analyze.ts';
import { chiSquareUpperPRevman } from '../stats/chi-square-revman.ts';
import type { AnalysisResult, PooledResult } from '../stats/types.ts';
import { rm5OutcomeToAnalysisInput, outcomeRows } from './to-analysis-input.ts';
import type { Rm5Outcome, Rm5Review, Rm5StoredPooled } from './types.ts';

export const REL_TOL = 1e-9;

export interface Check {
  outcome: string;
  level: 'row' | 'subgroup' | 'overall' | 'subgroup-test';
  where: string;
  field: string;
  expected: number;
  actual: number | null;
  ok: boolean;
  /** Why a mismatch is excused (documented RevMan noise), if it is. */
  excused?: string;
  /** Not one of the fields the issue requires (reported separately). */
  informational?: boolean;
}

export function relClose(actual: number, expected: number, rel = REL_TOL): boolean {
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(actual), Math.abs(expected));
}

function compareField(
  checks: Check[],
  base: Omit<Check, 'field' | 'expected' | 'actual' | 'ok'>,
  field: string,
  expected: number | null,
  actual: number | null,
): void {
  if (expected === null || Number.isNaN(expected)) return; // not stored / not computed by RevMan
  const ok = actual !== null && relClose(actual, expected);
  checks.push({ ...base, field, expected, actual, ok });
}

function comparePooled(
  checks: Check[],
  base: Omit<Check, 'field' | 'expected' | 'actual' | 'ok'>,
  stored: Rm5StoredPooled,
  ours: PooledResult & { weight: number; kEstimable: number },
): void {
  if (!ours.estimable) {
    checks.push({ ...base, field: 'ESTIMABLE', expected: stored.estimable === false ? 0 : 1, actual: 0, ok: stored.estimable === false });
    return;
  }
  compareField(checks, base, 'EFFECT_SIZE', stored.effectSize, ours.estimate);
  compareField(checks, base, 'CI_START', stored.ciStart, ours.ciLower);
  compareField(checks, base, 'CI_END', stored.ciEnd, ours.ciUpper);
  compareField(checks, base, 'CHI2', stored.chi2, ours.q);
  compareField(checks, base, 'DF', stored.df, ours.df);
  // RevMan stores I² of a single-study analysis with floating-point noise (issue 3).
  const i2Before = checks.length;
  compareField(checks, base, 'I2', stored.i2, ours.i2);
  const i2Check = checks[i2Before];
  if (i2Check && !i2Check.ok && ours.df === 0 && Math.abs(i2Check.expected) < 1e-10) {
    i2Check.excused = 'RevMan floating-point noise on I² of a single-study analysis';
  }
  compareField(checks, base, 'TAU2', stored.tau2, ours.tau2);
  const pChi2At = checks.length;
  compareField(checks, base, 'P_CHI2', stored.pChi2, ours.pQ);
  const pChi2 = checks[pChi2At];
  if (pChi2) pChi2.informational = true;
  // RevMan stores |Z|.
  compareField(checks, base, 'Z', stored.z, Math.abs(ours.z));
  compareField(checks, base, 'P_Z', stored.pZ, ours.p);
  compareField(checks, base, 'WEIGHT', stored.weight, ours.weight);
}

export function compareOutcome(review: Rm5Review, outcome: Rm5Outcome): { checks: Check[]; skipped?: string; result?: AnalysisResult } {
  const conv = rm5OutcomeToAnalysisInput(outcome, review.studies);
  if (!conv.ok) return { checks: [], skipped: conv.reason };
  const result = analyze(conv.input);
  const checks: Check[] = [];
  const name = `${outcome.id} ${outcome.kind} ${outcome.settings.effectMeasure ?? ''} ${outcome.settings.method ?? 'IV'} ${outcome.settings.random ? 'random' : 'fixed'}`;

  // Rows.
  outcomeRows(outcome).forEach(({ row }, i) => {
    const ours = result.rows[i];
    if (!ours) throw new Error('row count mismatch');
    const base = { outcome: name, level: 'row' as const, where: `row ${i + 1} ${row.studyId}` };
    const st = row.stored;
    if (st.estimable === false || !ours.estimable) {
      checks.push({
        ...base,
        field: 'ESTIMABLE',
        expected: st.estimable === false ? 0 : 1,
        actual: ours.estimable ? 1 : 0,
        ok: (st.estimable === false) === !ours.estimable,
      });
      return;
    }
    compareField(checks, base, 'EFFECT_SIZE', st.effectSize, ours.estimate);
    compareField(checks, base, 'CI_START', st.ciStart, ours.ciLower);
    compareField(checks, base, 'CI_END', st.ciEnd, ours.ciUpper);
    compareField(checks, base, 'SE', st.se, ours.se);
    compareField(checks, base, 'WEIGHT', st.weight, ours.weight);
  });

  // Subgroups.
  outcome.subgroups.forEach((sg, i) => {
    const ours = result.subgroups[i];
    if (!ours) throw new Error('subgroup count mismatch');
    comparePooled(checks, { outcome: name, level: 'subgroup', where: `subgroup ${sg.no} ${sg.name}` }, sg.stored, ours);
  });

  // Overall.
  if (result.overall) comparePooled(checks, { outcome: name, level: 'overall', where: 'overall' }, outcome.stored, result.overall);

  // Test for subgroup differences (only meaningful with subgroups).
  if (outcome.subgroups.length > 0 && outcome.settings.subgroupTest) {
    const base = { outcome: name, level: 'subgroup-test' as const, where: 'subgroup differences' };
    const d = result.subgroupDifferences;
    compareField(checks, base, 'Q', outcome.stored.q, d ? d.q : 0);
    compareField(checks, base, 'I2_Q', outcome.stored.i2Q, d ? d.i2 : 0);
    if (d) {
      compareField(checks, base, 'P_Q', outcome.stored.pQ, d.p);
    }
  }
  return { checks, result };
}

// ---------------------------------------------------------------------------------------
// Tallies shared by `grove rm5 analyze --compare` and the conformance suite.

/** Excused mismatches (documented RevMan noise) do not count as failures. */
export const isExcused = (c: Check): boolean => !c.ok && !!c.excused;

/** Required checks: every field the issue names (P_CHI2 through our own Q is reported apart). */
export const requiredChecks = (cs: readonly Check[]): Check[] => cs.filter((c) => !c.informational);
export const informationalChecks = (cs: readonly Check[]): Check[] => cs.filter((c) => c.informational);

export function tallyChecks(checks: readonly Check[]): { matched: number; total: number; excused: number } {
  return { matched: checks.filter((c) => c.ok).length, total: checks.length, excused: checks.filter(isExcused).length };
}

/** Relative distance between our number and RevMan's (0 when equal; Infinity when ours is missing). */
export function relativeError(c: Pick<Check, 'actual' | 'expected'>): number {
  if (c.actual === null) return Number.POSITIVE_INFINITY;
  if (c.actual === c.expected) return 0;
  return Math.abs(c.actual - c.expected) / Math.max(Math.abs(c.actual), Math.abs(c.expected));
}

/**
 * For each P_CHI2 check: RevMan's χ² routine applied to RevMan's own stored CHI2 and DF
 * (found among the same outcome's checks), compared with the stored P_CHI2 at 1e-9. It shows
 * that the routine is RevMan's even where our recomputed Q differs from RevMan's by ulps.
 */
export function routineChecks(checks: readonly Check[]): Check[] {
  const stored = (c: Check, field: string): Check | undefined =>
    checks.find((k) => k.field === field && k.outcome === c.outcome && k.where === c.where);
  return checks
    .filter((c) => c.field === 'P_CHI2')
    .map((c) => {
      const chi2 = stored(c, 'CHI2');
      const df = stored(c, 'DF');
      const actual = chi2 && df ? chiSquareUpperPRevman(chi2.expected, df.expected) : null;
      const { excused: _excused, ...rest } = c;
      return { ...rest, field: 'P_CHI2 from stored CHI2', actual, ok: actual !== null && relClose(actual, c.expected) };
    });
}

/**
 * A P_CHI2 miss through our recomputed Q that is explained by ulps of Q: the routine is exact
 * on the stored CHI2, CHI2 matched, and |ΔP| ≤ 1e-12. Tiny tails (P = 1 − lower) turn the
 * 1–4 ulp differences of a recomputed Q into more than 1e-9 of P.
 */
export function explainedPChi2(c: Check, checks: readonly Check[], routine: readonly Check[]): boolean {
  if (c.field !== 'P_CHI2' || c.actual === null || Math.abs(c.actual - c.expected) > 1e-12) return false;
  const same = (k: Check): boolean => k.outcome === c.outcome && k.where === c.where;
  return !!routine.find(same)?.ok && !!checks.find((k) => k.field === 'CHI2' && same(k))?.ok;
}
