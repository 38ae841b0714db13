import type { Agreement } from './agreement.ts';

// How agreement is worded wherever it is shown or printed (RoB, dual extraction, screening,
// the agreement report), so every place reports the edge cases the same way.

export function formatPercent(p: number): string {
  return `${(Math.round(p * 10) / 10).toFixed(1)}%`;
}

/** κ (or PABAK) to two decimals; a value that rounds to zero is "0.00", never "-0.00". */
export function formatKappa(k: number): string {
  return Math.abs(k) < 0.005 ? '0.00' : k.toFixed(2);
}

/** "95% CI 0.53 to 0.82" ("to", because a bound can be negative). */
export function formatKappaCi(ci: readonly [number, number]): string {
  return `95% CI ${formatKappa(ci[0])} to ${formatKappa(ci[1])}`;
}

/** "0.68 (95% CI 0.53 to 0.82)", or why κ is not reported. */
export function kappaText(a: Agreement): string {
  if (a.kappaStatus === 'no-items' || a.kappa === null) return a.kappaStatus === 'single-category' ? 'undefined (one category)' : '—';
  return a.kappaCi ? `${formatKappa(a.kappa)} (${formatKappaCi(a.kappaCi)})` : formatKappa(a.kappa);
}

/**
 * "92.9% agreement (13 of 14 domain judgements); Cohen’s κ = 0.81 (95% CI 0.57 to 1.00);
 * PABAK = 0.89", with the edge cases in words.
 */
export function agreementSentence(a: Agreement, what: string, one = what): string {
  if (a.kappaStatus === 'no-items' || a.percentAgreement === null) return `No ${what} judged by both reviewers yet.`;
  const pct = `${formatPercent(a.percentAgreement)} agreement (${a.agreed} of ${a.n} ${a.n === 1 ? one : what})`;
  const adjusted = a.pabak === null ? '' : `; PABAK = ${formatKappa(a.pabak)}`;
  if (a.kappaStatus === 'single-category' || a.kappa === null)
    return `${pct}; Cohen’s κ is not reported: κ is undefined when only one category was used (both reviewers gave every judgement the same category)${adjusted}.`;
  return `${pct}; Cohen’s κ = ${kappaText(a)}${adjusted}`;
}
