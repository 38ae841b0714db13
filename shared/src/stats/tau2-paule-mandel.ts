// Paule–Mandel τ²: the τ² ≥ 0 at which the generalised Q equals its expectation k − 1
// (0 when Q(0) ≤ k − 1). Solved to machine precision with Brent's method.
import { generalisedQ } from './generalised-q.ts';
import { rootOfDecreasing } from './root-finding.ts';

export function tau2PauleMandel(ys: readonly number[], vs: readonly number[]): number {
  const df = ys.length - 1;
  if (df < 1) return 0;
  const g = (t: number): number => generalisedQ(ys, vs, t) - df;
  if (g(0) <= 0) return 0;
  const maxV = Math.max(...vs);
  return rootOfDecreasing(g, Math.max(maxV, 1e-8));
}
