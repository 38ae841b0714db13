// The methods paragraph (issue 17) follows the analysis's settings.
import { describe, expect, it } from 'vitest';
import { methodsParagraph } from '../../shared/src/report/methods-text.ts';
import { parseAnalysisInput, type AnalysisInput } from '../../shared/src/stats/index.ts';

const rows = [
  { study: 'MRC-1', events1: 49, total1: 615, events2: 67, total2: 624, subgroup: 'A' },
  { study: 'CDP', events1: 44, total1: 758, events2: 64, total2: 771, subgroup: 'B' },
];

function input(json: Record<string, unknown>): AnalysisInput {
  const p = parseAnalysisInput({ dataType: 'dichotomous', rows, ...json });
  if (!p.ok) throw new Error(p.errors.join('; '));
  return p.input;
}

const software = { software: 'Grove 0.1.0' };

describe('methods paragraph', () => {
  it('RevMan 5 defaults: measure, MH fixed effect, Chi² and I², zero cells, software', () => {
    const text = methodsParagraph(input({ effectMeasure: 'OR', subgroupTest: true }), software);
    expect(text).toBe(
      'We expressed results for dichotomous outcomes as odds ratios (ORs) with 95% confidence intervals (CIs). ' +
        'We pooled the studies with a fixed-effect model using the Mantel–Haenszel method. ' +
        'We assessed heterogeneity with the Chi² test and quantified it with the I² statistic. ' +
        'We compared subgroups with the test for subgroup differences. ' +
        'For studies with a zero cell we added 0.5 to each cell; studies with no events (or only events) in both arms were not included in the meta-analysis. ' +
        'We ran the analyses in Grove 0.1.0.',
    );
  });

  it('Cochrane 2025 preset: REML, HKSJ, prediction interval, I² from τ², Q-profile', () => {
    const text = methodsParagraph(input({ effectMeasure: 'RR', preset: 'cochrane2025' }), software);
    expect(text).toContain('risk ratios (RRs)');
    expect(text).toContain('random-effects model, estimating the between-study variance (τ²) with restricted maximum likelihood (REML).');
    expect(text).toContain('Hartung–Knapp–Sidik–Jonkman method (t distribution with k − 1 degrees of freedom).');
    expect(text).toContain('95% prediction intervals, based on a t distribution with k − 1 degrees of freedom');
    expect(text).toContain('the I² statistic computed from τ² and with τ² and its Q-profile confidence interval.');
    expect(text).not.toContain('Mantel–Haenszel');
  });

  it('DerSimonian–Laird on an MH analysis says τ² comes from the MH heterogeneity statistic; 90% intervals', () => {
    const text = methodsParagraph(input({ effectMeasure: 'OR', model: 'random', ciLevel: 90 }), software);
    expect(text).toContain('with the DerSimonian and Laird method from the heterogeneity statistic of the Mantel–Haenszel method.');
    expect(text).toContain('90% confidence intervals');
  });

  it('the methods beyond RevMan, with the note that they use inverse-variance estimates', () => {
    const text = methodsParagraph(
      input({ effectMeasure: 'OR', metaRegression: { moderators: ['year'], test: 'knha' }, trimFill: true, cumulative: { orderBy: 'year' }, influence: true }),
      software,
    );
    expect(text).toContain('random-effects meta-regression (τ² by restricted maximum likelihood (REML)) on year, with Knapp–Hartung tests.');
    expect(text).toContain("Duval and Tweedie's trim-and-fill method (L0 estimator)");
    expect(text).toContain('cumulative meta-analysis ordered by year.');
    expect(text).toContain('Viechtbauer and Cheung 2010');
    expect(text).toContain('These analyses used the inverse-variance study estimates, as the Mantel–Haenszel method has no equivalent for them.');
  });

  it('the GLMM: its model and quadrature from the analysis and the block, apart from the inverse-variance note', () => {
    const random = methodsParagraph(input({ effectMeasure: 'OR', model: 'random', glmm: true }), software);
    expect(random).toContain(
      'As a sensitivity analysis we fitted the binomial-normal generalised linear mixed model for the odds ratio (Stijnen 2010) to the 2×2 counts, with fixed study intercepts and a random treatment effect, fitted by maximum likelihood with adaptive Gauss–Hermite quadrature (7 points); it needs no continuity correction.',
    );
    expect(random).not.toContain('inverse-variance study estimates');
    expect(methodsParagraph(input({ effectMeasure: 'OR', model: 'random', glmm: { quadraturePoints: 1 } }), software)).toContain('with the Laplace approximation');
    expect(methodsParagraph(input({ effectMeasure: 'OR', glmm: true }), software)).toContain('with fixed study intercepts and no random effect (logistic regression)');
  });

  it('continuous and generic data', () => {
    const smd = parseAnalysisInput({ dataType: 'continuous', effectMeasure: 'SMD', rows: [{ study: 'A', mean1: 1, sd1: 1, total1: 10, mean2: 0, sd2: 1, total2: 10 }] });
    if (!smd.ok) throw new Error('bad');
    expect(methodsParagraph(smd.input, software)).toContain("standardised mean differences (SMDs; Hedges' adjusted g)");
    expect(methodsParagraph(smd.input, software)).not.toContain('zero cell');
    const gen = parseAnalysisInput({ dataType: 'generic', logScale: true, rows: [{ study: 'A', estimate: 0.1, se: 0.2 }] });
    if (!gen.ok) throw new Error('bad');
    expect(methodsParagraph(gen.input, software)).toContain('on the log scale');
  });
});
