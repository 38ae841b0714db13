// Q-profile confidence interval for τ² (Viechtbauer 2007; Cochrane May 2024 addendum,
// spec §1.6): lower limit solves Q(τ²) = χ²_{k−1, 1−α/2}, upper solves Q(τ²) = χ²_{k−1, α/2};
// a limit is 0 when Q(0) is already below its target. Independent of the τ² estimator.
import { chiSquareQuantile } from './distributions.ts';
import { generalisedQ } from './generalised-q.ts';
import { rootOfDecreasing } from './root-finding.ts';

export function tau2QProfileInterval(
  ys: readonly number[],
  vs: readonly number[],
  level: number,
): { lower: number; upper: number } | null {
  const df = ys.length - 1;
  if (df < 1) return null;
  const alpha = 1 - level;
  const targetLower = chiSquareQuantile(1 - alpha / 2, df);
  const targetUpper = chiSquareQuantile(alpha / 2, df);
  const limit = (target: number): number => {
    const g = (t: number): number => generalisedQ(ys, vs, t) - target;
    if (g(0) <= 0) return 0;
    return rootOfDecreasing(g, Math.max(...vs));
  };
  return { lower: limit(targetLower), upper: limit(targetUpper) };
}
