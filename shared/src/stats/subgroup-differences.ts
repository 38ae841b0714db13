// Test for subgroup differences (RevMan 5.1+, spec §1.5): the subgroup summary estimates and
// their SEs are treated as studies in a fixed-effect inverse-variance meta-analysis.
// Fixed models plug in the subgroup IV/MH/Peto estimates; random models the subgroup
// random-effects estimates, each subgroup with its own τ² (no common τ², as RevMan).
import { chiSquareUpperP } from './distributions.ts';
import { i2FromQ } from './heterogeneity.ts';
import { poolFixedInverseVariance } from './inverse-variance.ts';
import type { SubgroupDifferences } from './types.ts';

/** @param estimates subgroup estimates on the analysis scale with their SEs (≥ 2 needed) */
export function subgroupDifferencesTest(
  estimates: ReadonlyArray<{ y: number; se: number }>,
): SubgroupDifferences | null {
  if (estimates.length < 2) return null;
  const pool = poolFixedInverseVariance(
    estimates.map((e) => e.y),
    estimates.map((e) => e.se * e.se),
  );
  const df = estimates.length - 1;
  return { q: pool.q, df, p: chiSquareUpperP(pool.q, df), i2: i2FromQ(pool.q, df) };
}
