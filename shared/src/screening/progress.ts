import betainc from '@stdlib/math-base-special-betainc';
import { brent } from '../stats/root-finding.ts';
import { stoppingState, type StoppingRule, type StoppingState } from './stopping-rules.ts';

// The progress picture of priority screening, from the decisions in the order they were
// made (1 include, 0 exclude): the includes-found curve, a conservative estimate of the
// includes still unscreened, and the stopping rule's state in words. Pure; the backend
// reads the decisions and the renderer draws the result.
//
// The estimate of includes remaining: the include rate among the most recently screened
// records (a window of up to 100), times the records not yet screened; with its one-sided
// 95% Clopper–Pearson upper limit. Records are offered in falling order of predicted
// relevance, so the rate among the last ones screened overstates the rate among the rest:
// both figures err towards more includes left, never fewer. (In random or file order the
// window rate is an unbiased estimate of the rate among the rest.)

export const ESTIMATE_WINDOW = 100;
export const ESTIMATE_CONFIDENCE = 0.95;

export interface CurvePoint {
  screened: number;
  includes: number;
}

export interface RemainingEstimate {
  /** Decisions the rate was read from (the most recent ones), and the includes among them. */
  window: number;
  windowIncludes: number;
  unscreened: number;
  /** Includes expected among the unscreened records; null before any decision. */
  expected: number | null;
  /** One-sided 95% upper limit (all unscreened records before any decision). */
  upper: number;
}

export interface ProgressSummary {
  records: number;
  screened: number;
  includes: number;
  /** The step curve of includes found: one point where each include was found, plus both ends. */
  curve: CurvePoint[];
  remaining: RemainingEstimate;
  stopping: StoppingState;
  /** The rule's state in words, for a reviewer. */
  stoppingWords: string;
}

/** The step curve of includes found over records screened, exact and compact (one point per include). */
export function includesCurve(found: readonly (0 | 1)[]): CurvePoint[] {
  const curve: CurvePoint[] = [{ screened: 0, includes: 0 }];
  let includes = 0;
  found.forEach((label, i) => {
    if (label === 1) curve.push({ screened: i + 1, includes: ++includes });
  });
  if (found.length > 0 && curve[curve.length - 1]!.screened !== found.length) curve.push({ screened: found.length, includes });
  return curve;
}

/** One-sided upper confidence limit of a binomial proportion (Clopper–Pearson): qbeta(confidence, k + 1, n − k). */
export function clopperPearsonUpper(k: number, n: number, confidence: number): number {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && k <= n)) throw new Error(`${k} successes in ${n} trials is not a count.`);
  if (k === n) return 1;
  if (k === 0) return 1 - (1 - confidence) ** (1 / n);
  return brent((p) => betainc(p, k + 1, n - k) - confidence, 0, 1);
}

export function estimateRemaining(found: readonly (0 | 1)[], total: number, window = ESTIMATE_WINDOW): RemainingEstimate {
  if (found.length > total) throw new Error(`${found.length} records screened out of ${total}.`);
  const unscreened = total - found.length;
  const n = Math.min(window, found.length);
  let k = 0;
  for (let i = found.length - n; i < found.length; i++) k += found[i]!;
  if (n === 0) return { window: 0, windowIncludes: 0, unscreened, expected: null, upper: unscreened };
  return {
    window: n,
    windowIncludes: k,
    unscreened,
    expected: (unscreened * k) / n,
    upper: unscreened * clopperPearsonUpper(k, n, ESTIMATE_CONFIDENCE),
  };
}

const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;

/** What the rule says now, in a sentence: how far from stopping, or that it says stop. */
export function stoppingWords(rule: StoppingRule, state: StoppingState, screened: number, total: number): string {
  if (screened === 0) return 'No records screened yet.';
  if (screened === total) return 'Every record has been screened.';
  if (rule.kind === 'buffer') {
    const streak = state.statistic;
    return state.stop
      ? `The stopping rule is met: the last ${streak} records were all excluded (the rule stops after ${rule.buffer}). The other records stay available for screening.`
      : `${streak} consecutive ${streak === 1 ? 'exclude' : 'excludes'} of the ${rule.buffer} that end screening: keep screening.`;
  }
  const p = state.statistic < 0.001 ? 'p < 0.001' : `p = ${state.statistic.toFixed(3)}`;
  return state.stop
    ? `The stopping rule is met: the Callaghan–Müller-Hansen test rejects recall below ${pct(rule.recall)} (${p}, below ${+(1 - rule.confidence).toFixed(4)}). The other records stay available for screening.`
    : `Recall below ${pct(rule.recall)} cannot yet be ruled out at the ${pct(rule.confidence)} confidence level (Callaghan–Müller-Hansen test, ${p}): keep screening.`;
}

/** Everything the progress picture shows, from the decisions in order and the number of records. */
export function progressSummary(found: readonly (0 | 1)[], total: number, rule: StoppingRule): ProgressSummary {
  const stopping = stoppingState(rule, found, total);
  return {
    records: total,
    screened: found.length,
    includes: found.reduce<number>((a, b) => a + b, 0),
    curve: includesCurve(found),
    remaining: estimateRemaining(found, total),
    stopping,
    stoppingWords: stoppingWords(rule, stopping, found.length, total),
  };
}
