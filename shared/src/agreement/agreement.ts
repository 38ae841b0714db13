import { kappaConfidenceInterval, kappaStandardError } from './kappa-se.ts';
import { pabak } from './pabak.ts';

// Inter-rater agreement between two reviewers on categorical judgements: percent agreement
// and Cohen's κ = (po − pe) / (1 − pe), where po is the observed and pe the chance-expected
// agreement from each reviewer's marginal proportions (Cohen 1960), with its 95% CI from the
// large-sample SE of Fleiss, Cohen & Everitt 1969 (kappa-se.ts), and the prevalence- and
// bias-adjusted κ (pabak.ts). Used for screening, dual extraction and risk of bias alike.
//
// Edge cases, decided here so every screen reports them the same way:
// - items where either reviewer has not judged (null) are left out and counted in `excluded`;
// - no comparable items: percent and κ are null ('no-items');
// - both reviewers used one and the same category for every item: pe = 1, so κ = 0/0 is
//   undefined. κ is null ('single-category') while percent agreement is 100% — reporting κ = 1
//   or 0 would both mislead; PABAK is still given (1 when they agree on every item) as long
//   as two or more categories were possible (passed in `categories` or seen);
// - perfect agreement over two or more categories gives κ = 1 exactly;
// - κ is negative when agreement is worse than chance, down to −1.

export type KappaStatus = 'ok' | 'no-items' | 'single-category';

export interface Agreement<C extends string = string> {
  /** Items both reviewers judged. */
  n: number;
  /** Items left out because at least one reviewer has not judged them. */
  excluded: number;
  agreed: number;
  /** 0–100, or null when n = 0. */
  percentAgreement: number | null;
  /** Chance-expected agreement pe (0–1), or null when n = 0. */
  expectedAgreement: number | null;
  kappa: number | null;
  kappaStatus: KappaStatus;
  /** Large-sample SE of κ (Fleiss, Cohen & Everitt 1969); null when κ is. */
  kappaSe: number | null;
  /** 95% CI of κ (κ ± 1.96·SE, clipped to [−1, 1]); null when κ is, or when one reviewer used a single category (SE 0). */
  kappaCi: readonly [number, number] | null;
  /** Prevalence- and bias-adjusted κ over the categories (given or seen); null when n = 0 or fewer than two categories. */
  pabak: number | null;
  /** The categories, in the order of `table`. */
  categories: C[];
  /** Contingency table: rows = first reviewer, columns = second reviewer. */
  table: number[][];
}

export function agreement<C extends string>(pairs: Iterable<readonly [C | null, C | null]>, categories?: readonly C[]): Agreement<C> {
  const cats: C[] = categories ? [...categories] : [];
  const index = (c: C): number => {
    let i = cats.indexOf(c);
    if (i < 0) {
      cats.push(c);
      i = cats.length - 1;
    }
    return i;
  };
  const counted: Array<[number, number]> = [];
  let excluded = 0;
  for (const [a, b] of pairs) {
    if (a === null || b === null) excluded++;
    else counted.push([index(a), index(b)]);
  }
  const k = cats.length;
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [i, j] of counted) (table[i] as number[])[j] = ((table[i] as number[])[j] ?? 0) + 1;

  const n = counted.length;
  const agreed = counted.filter(([i, j]) => i === j).length;
  if (n === 0)
    return {
      n,
      excluded,
      agreed,
      percentAgreement: null,
      expectedAgreement: null,
      kappa: null,
      kappaStatus: 'no-items',
      kappaSe: null,
      kappaCi: null,
      pabak: null,
      categories: cats,
      table,
    };

  const po = agreed / n;
  let pe = 0;
  for (let c = 0; c < k; c++) {
    const row = (table[c] as number[]).reduce((s, x) => s + x, 0);
    const col = table.reduce((s, r) => s + (r[c] ?? 0), 0);
    pe += (row / n) * (col / n);
  }
  const base = { n, excluded, agreed, percentAgreement: po * 100, expectedAgreement: pe, pabak: pabak(po, k), categories: cats, table };
  // pe = 1 only when both reviewers put every item in the same single category.
  if (pe >= 1 - 1e-12) return { ...base, kappa: null, kappaStatus: 'single-category', kappaSe: null, kappaCi: null };
  const kappa = (po - pe) / (1 - pe);
  const se = kappaStandardError(table);
  // When one reviewer used a single category throughout, κ = 0 and the large-sample SE is
  // exactly 0: a zero-width interval would claim certainty the data do not give, so none is shown.
  const degenerate = se === 0 && kappa < 1;
  return {
    ...base,
    kappa,
    kappaStatus: 'ok',
    kappaSe: se,
    kappaCi: se === null || degenerate ? null : kappaConfidenceInterval(kappa, se),
  };
}
