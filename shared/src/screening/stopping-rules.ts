// When may screening stop? Two rules a review can state in its methods, both read from the
// decisions in the order they were made (1 relevant, 0 irrelevant; prior records included).
//
// The buffer rule (a heuristic): stop after `buffer` consecutive irrelevant records.
//
// The hypergeometric rule of Callaghan & Müller-Hansen (Systematic Reviews 9:254, 2020): for
// every n, treat the last n screened records as a sample drawn from themselves plus all
// unscreened records (the "urn"). If recall were below the target τ, the urn would hold at
// least K = ⌊r/τ⌋ + 1 − r_before relevant records (r found in all, r_before before the
// sample), and drawing as few as the k the sample holds has probability
// P(X ≤ k), X ~ Hypergeometric(urn, K, n). Stop when the smallest such p over n is below
// 1 − confidence. Records offered by relevance are likelier to be relevant than a random
// draw, so treating them as random makes the test conservative (it stops later, not earlier).

export interface BufferRule {
  kind: 'buffer';
  /** Consecutive irrelevant records that end screening. */
  buffer: number;
}

export interface HypergeometricRule {
  kind: 'hypergeometric';
  /** Recall target τ, e.g. 0.95. */
  recall: number;
  /** Confidence level, e.g. 0.95 (the test rejects at α = 1 − confidence). */
  confidence: number;
}

export type StoppingRule = BufferRule | HypergeometricRule;

export const DEFAULT_BUFFER_RULE: BufferRule = { kind: 'buffer', buffer: 100 };
export const DEFAULT_HYPERGEOMETRIC_RULE: HypergeometricRule = { kind: 'hypergeometric', recall: 0.95, confidence: 0.95 };

function checkRule(rule: StoppingRule): void {
  if (rule.kind === 'buffer') {
    if (!Number.isInteger(rule.buffer) || rule.buffer < 1)
      throw new Error(`The buffer must be a whole number of at least 1 (got ${rule.buffer}).`);
  } else {
    if (!(rule.recall > 0 && rule.recall < 1)) throw new Error(`The recall target must be between 0 and 1 (got ${rule.recall}).`);
    if (!(rule.confidence > 0 && rule.confidence < 1))
      throw new Error(`The confidence level must be between 0 and 1 (got ${rule.confidence}).`);
  }
}

/** The rule and its parameters in a few words, for a label or the activity log. */
export function ruleName(rule: StoppingRule): string {
  const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;
  return rule.kind === 'buffer'
    ? `${rule.buffer} consecutive excludes`
    : `Callaghan–Müller-Hansen test, ${pct(rule.recall)} recall at ${pct(rule.confidence)} confidence`;
}

/** The sentence a review's methods section can carry for the rule. */
export function methodsText(rule: StoppingRule): string {
  checkRule(rule);
  if (rule.kind === 'buffer') {
    return `Records were screened in order of predicted relevance, and screening stopped after ${rule.buffer} consecutive records were judged irrelevant.`;
  }
  const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;
  return (
    `Records were screened in order of predicted relevance, and screening stopped when the hypergeometric test of Callaghan and ` +
    `Müller-Hansen (2020) rejected, at the ${pct(rule.confidence)} confidence level, the hypothesis that recall was below ${pct(rule.recall)}.`
  );
}

/** log(i!) for i = 0..n. */
function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) table[i] = table[i - 1]! + Math.log(i);
  return table;
}

/** P(X ≤ k) for X ~ Hypergeometric(population, successes, draws). */
export function hypergeometricCdf(
  k: number,
  population: number,
  successes: number,
  draws: number,
  logFact = logFactorials(population),
): number {
  const lo = Math.max(0, draws - (population - successes));
  const hi = Math.min(draws, successes);
  if (k < lo) return 0;
  if (k >= hi) return 1;
  const logChoose = (a: number, b: number) => logFact[a]! - logFact[b]! - logFact[a - b]!;
  const logTotal = logChoose(population, draws);
  let p = 0;
  for (let x = lo; x <= k; x++) p += Math.exp(logChoose(successes, x) + logChoose(population - successes, draws - x) - logTotal);
  return Math.min(1, p);
}

/**
 * The smallest p-value over all sample sizes of the Callaghan–Müller-Hansen test, after the
 * first `screened` decisions in `found` (all of them by default) out of `total` records.
 */
export function hypergeometricPValue(
  found: readonly (0 | 1)[],
  total: number,
  recall: number,
  screened = found.length,
  logFact = logFactorials(total),
): number {
  if (screened > total) throw new Error(`${screened} records screened out of ${total}.`);
  let relevantSeen = 0;
  for (let i = 0; i < screened; i++) relevantSeen += found[i]!;
  const unscreened = total - screened;
  const relevantIfBelowTarget = Math.floor(relevantSeen / recall) + 1;
  let best = 1;
  let inSample = 0;
  for (let n = 1; n <= screened; n++) {
    inSample += found[screened - n]!;
    const urn = unscreened + n;
    const urnRelevant = relevantIfBelowTarget - (relevantSeen - inSample);
    // More relevant records than the urn holds: recall below the target is impossible.
    if (urnRelevant > urn) return 0;
    // A sample holding at least one more include than expected has P(X ≤ k) ≥ 1/2 (the
    // median of a hypergeometric lies within 1 of its mean): it cannot lower a p-value already below 1/2.
    if (best < 0.5 && inSample >= (n * urnRelevant) / urn + 1) continue;
    const p = hypergeometricCdf(inSample, urn, urnRelevant, n, logFact);
    if (p < best) best = p;
  }
  return best;
}

export interface StoppingState {
  stop: boolean;
  /** Buffer rule: irrelevant records since the last relevant one. Hypergeometric rule: the p-value. */
  statistic: number;
}

/** The rule's state after the decisions in `found`, out of `total` records. */
export function stoppingState(rule: StoppingRule, found: readonly (0 | 1)[], total: number): StoppingState {
  checkRule(rule);
  if (rule.kind === 'buffer') {
    let streak = 0;
    while (streak < found.length && found[found.length - 1 - streak] === 0) streak++;
    return { stop: streak >= rule.buffer, statistic: streak };
  }
  const p = hypergeometricPValue(found, total, rule.recall);
  return { stop: p < 1 - rule.confidence, statistic: p };
}

export interface StoppingPoint {
  /** Records screened when the rule first said stop; null if it never did before the end. */
  screened: number | null;
  /** Share of all relevant records found by then, in percent (100 when it never stopped). */
  recall: number;
}

/** Replays `found` (a complete screening of all records) and reports where the rule first stops. */
export function stoppingPoint(rule: StoppingRule, found: readonly (0 | 1)[]): StoppingPoint {
  checkRule(rule);
  const total = found.length;
  const relevantTotal = found.reduce<number>((a, b) => a + b, 0);
  const logFact = logFactorials(total);
  let streak = 0;
  let relevant = 0;
  for (let i = 0; i < total; i++) {
    relevant += found[i]!;
    streak = found[i] === 0 ? streak + 1 : 0;
    const stop =
      rule.kind === 'buffer'
        ? streak >= rule.buffer
        : hypergeometricPValue(found, total, rule.recall, i + 1, logFact) < 1 - rule.confidence;
    if (stop) return { screened: i + 1, recall: relevantTotal ? (100 * relevant) / relevantTotal : 100 };
  }
  return { screened: null, recall: 100 };
}
