import { normalQuantile } from '../stats/distributions.ts';

// The large-sample standard error of Cohen's κ of Fleiss, Cohen & Everitt (1969, Psychol
// Bull 72:323-7), the non-null variance that confidence intervals use (Fleiss, Levin & Paik,
// Statistical Methods for Rates and Proportions, 3rd ed. 2003, eq. 18.13). With p_ij the
// cell proportions, p_i. and p_.j the marginals, po and pe the observed and chance agreement:
//
//   Var(κ) = { Σ_i p_ii [1 − (p_i. + p_.i)(1 − κ)]²
//            + (1 − κ)² Σ_{i≠j} p_ij (p_.i + p_j.)²
//            − [κ − pe (1 − κ)]² } / { n (1 − pe)² }
//
// The 95% interval is κ ± z·SE (Wald), clipped to [−1, 1]: κ cannot leave that range, the
// normal approximation can when κ is near 1 in a small sample.

/** Two-sided 95%: z = Φ⁻¹(0.975). */
export const Z_95 = normalQuantile(0.975);

/**
 * SE of κ for a k×k table of counts (rows: first reviewer, columns: second), or null when
 * κ is undefined (no items, or pe = 1).
 */
export function kappaStandardError(table: readonly (readonly number[])[]): number | null {
  const k = table.length;
  const n = table.reduce((s, row) => s + row.reduce((a, x) => a + x, 0), 0);
  if (n === 0) return null;
  const p = table.map((row) => row.map((x) => x / n));
  const rowM = p.map((row) => row.reduce((a, x) => a + x, 0));
  const colM = Array.from({ length: k }, (_, j) => p.reduce((a, row) => a + (row[j] ?? 0), 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    po += p[i]![i] ?? 0;
    pe += rowM[i]! * colM[i]!;
  }
  if (pe >= 1 - 1e-12) return null;
  const kappa = (po - pe) / (1 - pe);
  let diag = 0;
  let off = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const pij = p[i]![j] ?? 0;
      if (i === j) diag += pij * (1 - (rowM[i]! + colM[i]!) * (1 - kappa)) ** 2;
      else off += pij * (colM[i]! + rowM[j]!) ** 2;
    }
  }
  const numerator = diag + (1 - kappa) ** 2 * off - (kappa - pe * (1 - kappa)) ** 2;
  // The numerator's terms are proportions of order 1: where it is 0 in exact arithmetic
  // (perfect agreement, or one reviewer using a single category) rounding leaves ~1e-16.
  if (numerator < 1e-12) return 0;
  return Math.sqrt(numerator / (n * (1 - pe) ** 2));
}

/** κ ± z·SE, clipped to [−1, 1]. */
export function kappaConfidenceInterval(kappa: number, se: number, z = Z_95): readonly [number, number] {
  return [Math.max(-1, kappa - z * se), Math.min(1, kappa + z * se)];
}
