// The data of a meta-regression bubble plot (issue 17): for one continuous moderator, each
// study's estimate on the analysis scale and its variance — the same inverse-variance study
// estimates the meta-regression runs on (computeStudies; MH and Peto analyses included) — and
// the fitted line with the covariance of (intercept, slope) for its confidence band. The fit
// is the core's mixed-effects model on the design [1, x], so it is the regression the
// coefficients table reports.
import type { BubbleFit, BubbleStudy } from '../plots/bubble-plot-svg.ts';
import { MethodNotApplicable } from './analysed-study.ts';
import { criticalValue } from './distributions.ts';
import { fitMixedModel, type MixedTau2Method } from './mixed-effects-model.ts';
import { computeStudies } from './study-effects.ts';
import type { AnalysisInput } from './types.ts';

export interface BubbleData {
  studies: BubbleStudy[];
  fit: Required<BubbleFit>;
}

export function metaRegressionBubble(
  input: AnalysisInput,
  moderator: string,
  options: { test: 'z' | 'knha'; tau2Estimator: MixedTau2Method },
): BubbleData {
  const computed = computeStudies(input);
  const studies: BubbleStudy[] = [];
  input.rows.forEach((row, i) => {
    const p = computed[i]?.poolable;
    if (!p) return;
    const x = row.covariates?.[moderator];
    if (typeof x !== 'number') throw new MethodNotApplicable(`rows[${i}].covariates.${moderator}: a bubble plot needs a number`);
    studies.push({ study: row.study, x, y: p.y, v: p.v });
  });
  const fit = fitMixedModel(
    studies.map((s) => s.y),
    studies.map((s) => s.v),
    studies.map((s) => [1, s.x]),
    options.tau2Estimator,
    options.test,
  );
  const vb = fit.vb as number[][];
  const df = studies.length - 2;
  return {
    studies,
    fit: {
      intercept: fit.beta[0] as number,
      slope: fit.beta[1] as number,
      tau2: fit.tau2,
      vcov: {
        vIntercept: vb[0]![0]!,
        vSlope: vb[1]![1]!,
        cov: vb[0]![1]!,
        crit: criticalValue(input.ciLevel, options.test === 'knha' ? df : undefined),
      },
    },
  };
}
