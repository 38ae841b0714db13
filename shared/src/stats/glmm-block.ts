// The `"glmm"` block of an analysis (issue 17): the binomial-normal GLMM for the odds ratio on
// the raw 2×2 counts of a dichotomous analysis, beside (never instead of) the main result.
// Random effects (metafor method "ML") for a random-effects analysis, the fixed-effect
// logistic model for a fixed-effect one, unless the block says which.
import { MethodNotApplicable } from './analysed-study.ts';
import { fitGlmmOddsRatio, glmmInference } from './glmm-odds-ratio.ts';
import type { AnalysisInput, Model } from './types.ts';

export interface GlmmRequest {
  /** Quadrature points per study (metafor's nAGQ; 7 by default, 1 = Laplace). */
  quadraturePoints: number;
  /** Overrides the analysis's model. */
  model?: Model;
}

export interface GlmmResult {
  /** metafor's name for the model: unconditional, fixed study effects. */
  model: 'UM.FS';
  method: 'ML' | 'FE';
  /** Null for the fixed-effect model (no integral to approximate). */
  quadraturePoints: number | null;
  /** Studies in the fit: those with no events (or only events) in both arms are dropped. */
  k: number;
  /** The odds ratio and its CI (natural scale). */
  estimate: number;
  ciLower: number;
  ciUpper: number;
  /** SE of the log odds ratio, its z and two-sided P. */
  se: number;
  z: number;
  p: number;
  /** Between-study variance of the log odds ratio (0 for the fixed-effect model). */
  tau2: number;
}

/** The method note for the result's record. */
export function describeGlmm(req: GlmmRequest, model: Model): string {
  const random = (req.model ?? model) === 'random';
  const fit = random
    ? `random treatment effect, ML by ${req.quadraturePoints === 1 ? 'the Laplace approximation' : `adaptive Gauss–Hermite quadrature (${req.quadraturePoints} points)`}`
    : 'fixed effect (logistic regression)';
  return `Beyond RevMan: binomial-normal GLMM for the odds ratio (Stijnen 2010; metafor rma.glmm, model "UM.FS": fixed study intercepts, ${fit}), on the 2×2 counts without continuity correction; studies with no events or only events in both arms are dropped.`;
}

export function runGlmm(input: AnalysisInput, req: GlmmRequest): GlmmResult {
  if (input.dataType !== 'dichotomous') {
    throw new MethodNotApplicable(`glmm: needs dichotomous data (events and totals); this analysis has ${input.dataType} data`);
  }
  if (input.effectMeasure !== 'OR' && input.effectMeasure !== 'PETO_OR') {
    throw new MethodNotApplicable(`glmm: estimates an odds ratio; this analysis pools ${input.effectMeasure} (set "effectMeasure": "OR")`);
  }
  const random = (req.model ?? input.model) === 'random';
  const fit = fitGlmmOddsRatio(input.rows, { method: random ? 'ML' : 'FE', quadraturePoints: req.quadraturePoints });
  const inf = glmmInference(fit, input.ciLevel);
  return {
    model: 'UM.FS',
    method: fit.method,
    quadraturePoints: fit.quadraturePoints,
    k: fit.k,
    estimate: Math.exp(fit.beta),
    ciLower: Math.exp(inf.ciLower),
    ciUpper: Math.exp(inf.ciUpper),
    se: fit.se,
    z: inf.z,
    p: inf.p,
    tau2: fit.tau2,
  };
}
