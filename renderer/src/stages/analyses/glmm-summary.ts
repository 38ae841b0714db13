import type { GlmmResult } from '@grove/shared/stats/index';
import { formatEstimateWithCi, formatFixed, formatP } from '@grove/shared/stats/index';

// The GLMM's result in one sentence for the outcome page: the odds ratio as RevMan prints
// estimates, P, how it was fitted, the studies in the fit and τ².

export function glmmSummary(g: GlmmResult): string {
  const how =
    g.method === 'FE'
      ? 'fixed effect (logistic regression)'
      : g.quadraturePoints === 1
        ? 'random effects, Laplace approximation'
        : `random effects, adaptive quadrature with ${g.quadraturePoints} points`;
  const tau2 = g.method === 'ML' ? `; τ² = ${formatFixed(g.tau2, 3)}` : '';
  return `Odds ratio ${formatEstimateWithCi(g.estimate, g.ciLower, g.ciUpper)}, ${formatP(g.p)} (${how}; ${g.k} ${g.k === 1 ? 'study' : 'studies'}${tau2}).`;
}
