// Test for subgroup differences (RevMan 5.1+, spec §1.5): the subgroup summary estimates and
// their SEs are treated as studies in a fixed-effect inverse-variance meta-analysis.
// Fixed models plug in the subgroup IV/MH/Peto estimates; random models the subgroup
// random-effects estimates, each subgroup with its own τ² (no common τ², as RevMan).
import { chiSquareUpperP } from './distributions.ts';
import { chiSquareUpperPRevman } from './chi-square-revman.ts';
import { i2FromQ } from './heterogeneity.ts';
import { poolFixedInverseVariance } from './inverse-variance.ts';
import type { PValueMethod, SubgroupDifferences } from './types.ts';

/**
 * @param estimates subgroup estimates on the analysis scale with their SEs (≥ 2 needed)
 * @param pValues 'revman5' computes P with RevMan 5's χ² routine (chi-square-revman.ts)
 */
export function subgroupDifferencesTest(
  estimates: ReadonlyArray<{ y: number; se: number }>,
  pValues: PValueMethod = 'exact',
): SubgroupDifferences | null {
  if (estimates.length < 2) return null;
  const pool = poolFixedInverseVariance(
    estimates.map((e) => e.y),
    estimates.map((e) => e.se * e.se),
  );
  const df = estimates.length - 1;
  const p = pValues === 'revman5' ? chiSquareUpperPRevman(pool.q, df) : chiSquareUpperP(pool.q, df);
  return { q: pool.q, df, p, i2: i2FromQ(pool.q, df) };
}
