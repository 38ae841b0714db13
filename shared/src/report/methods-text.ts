// The methods paragraph of an analysis, generated from its settings in the Cochrane
// Handbook's wording (issue 17): effect measure, pooling method and model, τ² estimator, CI
// method, prediction interval, heterogeneity statistics, the optional methods beyond RevMan,
// and the software. For the report and the clipboard; one paragraph, plain text.
import type { AnalysisInput } from '../stats/types.ts';

export interface MethodsTextOptions {
  /** "Grove 0.3.0". */
  software: string;
}

const MEASURES: Record<AnalysisInput['effectMeasure'], string> = {
  OR: 'odds ratios (ORs)',
  RR: 'risk ratios (RRs)',
  RD: 'risk differences (RDs)',
  PETO_OR: 'Peto odds ratios',
  HR: 'hazard ratios (HRs) from the observed minus expected events (O − E) and their variances',
  MD: 'mean differences (MDs)',
  SMD: "standardised mean differences (SMDs; Hedges' adjusted g)",
  GENERIC: 'the effect estimates reported by the studies',
};

const TAU2: Record<AnalysisInput['tau2Estimator'], string> = {
  DL: 'the DerSimonian and Laird method',
  REML: 'restricted maximum likelihood (REML)',
  PM: 'the Paule–Mandel method',
};

const percent = (level: number): string => `${Math.round(level * 100)}%`;

function measureSentence(input: AnalysisInput): string {
  const ci = `${percent(input.ciLevel)} confidence intervals (CIs)`;
  if (input.dataType === 'generic') {
    return input.logScale
      ? `We combined study estimates of ratio measures on the log scale with their standard errors using the generic inverse-variance method, and present them as ratios with ${ci}.`
      : `We combined study estimates and their standard errors using the generic inverse-variance method and present the results with ${ci}.`;
  }
  const kind = input.dataType === 'dichotomous' ? 'dichotomous' : 'continuous';
  return `We expressed results for ${kind} outcomes as ${MEASURES[input.effectMeasure]} with ${ci}.`;
}

function poolingMethod(input: AnalysisInput): string {
  return input.method === 'MH' ? 'the Mantel–Haenszel method' : input.method === 'PETO' ? "Peto's method" : 'the inverse-variance method';
}

function modelSentences(input: AnalysisInput): string[] {
  if (input.model === 'fixed') return [`We pooled the studies with a fixed-effect model using ${poolingMethod(input)}.`];
  const fromMh = input.tau2Estimator === 'DL' && input.method !== 'IV';
  const out = [
    `We pooled the studies with a random-effects model, estimating the between-study variance (τ²) with ${TAU2[input.tau2Estimator]}${
      fromMh ? ` from the heterogeneity statistic of ${poolingMethod(input)}` : ''
    }.`,
  ];
  if (input.ciMethod === 'hksj') {
    out.push('We calculated the confidence interval of the summary effect with the Hartung–Knapp–Sidik–Jonkman method (t distribution with k − 1 degrees of freedom).');
  } else if (input.ciMethod === 'hksj-adhoc') {
    out.push(
      'We calculated the confidence interval of the summary effect with the Hartung–Knapp–Sidik–Jonkman method (t distribution with k − 1 degrees of freedom), not allowing it to be narrower than the standard interval (ad hoc variance correction).',
    );
  }
  const pi = input.predictionInterval;
  if (pi !== false) {
    const dist = pi === 't-k-1' ? 'a t distribution with k − 1 degrees of freedom' : pi === 't-k-2' ? 'a t distribution with k − 2 degrees of freedom' : 'the normal distribution';
    out.push(`We calculated ${percent(input.ciLevel)} prediction intervals, based on ${dist}, to show the range of effects expected in a new study.`);
  }
  return out;
}

function heterogeneitySentence(input: AnalysisInput): string {
  const i2 = input.model === 'random' && input.i2Method === 'tau2' ? 'the I² statistic computed from τ²' : 'the I² statistic';
  let s = `We assessed heterogeneity with the Chi² test and quantified it with ${i2}`;
  if (input.model === 'random') s += input.tau2Ci ? ' and with τ² and its Q-profile confidence interval' : ' and τ²';
  return `${s}.`;
}

function zeroCellSentence(input: AnalysisInput): string | null {
  if (input.dataType !== 'dichotomous') return null;
  if (input.effectMeasure === 'PETO_OR') return "Peto's method needs no correction for zero cells; studies with no events in either arm contribute no information.";
  if (input.effectMeasure === 'RD') return 'For studies with a zero cell we added 0.5 to each cell to compute the standard error of the risk difference.';
  return 'For studies with a zero cell we added 0.5 to each cell; studies with no events (or only events) in both arms were not included in the meta-analysis.';
}

function extensionSentences(input: AnalysisInput): string[] {
  const ext = input.extensions;
  if (!ext) return [];
  const out: string[] = [];
  if (ext.metaRegression) {
    const mr = ext.metaRegression;
    const model = mr.tau2Estimator === 'FE' ? 'fixed-effect meta-regression' : `random-effects meta-regression (τ² by ${TAU2[mr.tau2Estimator]})`;
    out.push(
      `We explored heterogeneity with ${model} on ${mr.moderators.join(', ')}, ${mr.test === 'knha' ? 'with Knapp–Hartung tests' : 'with Wald-type z tests'}${
        mr.permutations ? ` and a permutation test (${mr.permutations} permutations)` : ''
      }.`,
    );
  }
  if (ext.trimFill) {
    out.push(`We assessed the possible effect of missing studies with Duval and Tweedie's trim-and-fill method (${ext.trimFill.estimator} estimator) and contour-enhanced funnel plots.`);
  }
  if (ext.cumulative) out.push(`We performed a cumulative meta-analysis${ext.cumulative.orderBy ? ` ordered by ${ext.cumulative.orderBy}` : ''}.`);
  if (ext.influence) out.push('We examined the influence of individual studies with leave-one-out diagnostics (Viechtbauer and Cheung 2010) and a Baujat plot.');
  if (out.length > 0 && input.dataType === 'dichotomous' && input.method !== 'IV') {
    out.push(`These analyses used the inverse-variance study estimates, as ${poolingMethod(input)} has no equivalent for them.`);
  }
  if (ext.glmm && input.dataType === 'dichotomous') {
    const random = (ext.glmm.model ?? input.model) === 'random';
    const fit = random
      ? `a random treatment effect, fitted by maximum likelihood with ${ext.glmm.quadraturePoints === 1 ? 'the Laplace approximation' : `adaptive Gauss–Hermite quadrature (${ext.glmm.quadraturePoints} points)`}`
      : 'no random effect (logistic regression)';
    out.push(
      `As a sensitivity analysis we fitted the binomial-normal generalised linear mixed model for the odds ratio (Stijnen 2010) to the 2×2 counts, with fixed study intercepts and ${fit}; it needs no continuity correction.`,
    );
  }
  return out;
}

/** One paragraph describing how the analysis was done. */
export function methodsParagraph(input: AnalysisInput, options: MethodsTextOptions): string {
  const sentences = [
    measureSentence(input),
    ...modelSentences(input),
    heterogeneitySentence(input),
    ...(input.subgroupTest && input.rows.some((r) => r.subgroup !== undefined) ? ['We compared subgroups with the test for subgroup differences.'] : []),
    zeroCellSentence(input),
    ...extensionSentences(input),
    `We ran the analyses in ${options.software}.`,
  ];
  return sentences.filter((s): s is string => s !== null).join(' ');
}
