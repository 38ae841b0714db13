// Runs the optional "beyond RevMan" blocks of an analysis (issue 17) on the inverse-variance
// study estimates of its estimable rows: meta-regression, trim-and-fill, cumulative
// meta-analysis and influence diagnostics; and the binomial-normal GLMM on the 2×2 counts. Each block that cannot run gives
// {"error": "…"} in its own place and leaves the main result and the other blocks alone.
import { MethodNotApplicable, type AnalysedStudy } from './analysed-study.ts';
import { cumulativeMetaAnalysis, type CumulativeStep } from './cumulative.ts';
import type { ExtensionRequests } from './extensions-schema.ts';
import { describeGlmm, runGlmm, type GlmmResult } from './glmm-block.ts';
import { influenceDiagnostics, type InfluenceEntry } from './influence.ts';
import { metaRegression, type MetaRegressionResult } from './meta-regression.ts';
import type { MixedTau2Method, MixedTest } from './mixed-effects-model.ts';
import { poolStudies, type PoolContext } from './pool-studies.ts';
import type { StudyComputation } from './study-effects.ts';
import { trimAndFill, type FunnelSide, type TrimFillEstimator } from './trim-and-fill.ts';
import type { AnalysisInput, MethodsUsed, PooledResult } from './types.ts';

export interface BlockError {
  error: string;
}

export interface TrimFillResult {
  estimator: TrimFillEstimator;
  k0: number;
  seK0: number;
  side: FunnelSide;
  /** The refitted analysis with the filled studies: natural scale. */
  estimate: number;
  ciLower: number;
  ciUpper: number;
  p: number;
  /** Analysis scale. */
  tau2: number;
  /** Filled studies on the analysis scale. */
  filled: Array<{ estimate: number; se: number }>;
}

/** An influence entry with the study's Baujat plot coordinates. */
export type InfluenceRow = InfluenceEntry & { baujat: { x: number; y: number } };

export interface ExtensionResults {
  metaRegression?: MetaRegressionResult | BlockError;
  trimFill?: TrimFillResult | BlockError;
  cumulative?: CumulativeStep[] | BlockError;
  influence?: InfluenceRow[] | BlockError;
  glmm?: GlmmResult | BlockError;
}

/** The τ² method of the analysis in metafor's terms (FE for a fixed-effect analysis). */
export function mixedMethodOf(input: AnalysisInput): MixedTau2Method {
  return input.model === 'fixed' ? 'FE' : input.tau2Estimator;
}

/** The test of the analysis in metafor's terms. */
export function mixedTestOf(input: AnalysisInput): MixedTest {
  if (input.model === 'fixed' || input.ciMethod === 'wald') return 'z';
  return input.ciMethod === 'hksj' ? 'knha' : 'adhoc';
}

function attempt<T>(run: () => T): T | BlockError {
  try {
    return run();
  } catch (err) {
    if (err instanceof MethodNotApplicable) return { error: err.message };
    throw err;
  }
}

function analysedStudies(input: AnalysisInput, studies: readonly StudyComputation[]): AnalysedStudy[] {
  const out: AnalysedStudy[] = [];
  input.rows.forEach((row, i) => {
    const p = studies[i]?.poolable;
    if (p) out.push({ row: i, study: row.study, y: p.y, v: p.v, covariates: row.covariates });
  });
  return out;
}

export function hasExtensions(req: ExtensionRequests | undefined): boolean {
  return req !== undefined && Object.keys(req).length > 0;
}

export function runExtensions(input: AnalysisInput, studies: readonly StudyComputation[], ratio: boolean, methods: MethodsUsed): ExtensionResults {
  const req = input.extensions;
  const out: ExtensionResults = {};
  if (!req || !hasExtensions(req)) return out;
  // The GLMM works on the 2×2 counts, not on the study estimates: its own note, and no
  // inverse-variance caveat when it is the only block.
  if (req.glmm) {
    const glmm = req.glmm;
    methods.notes.push(describeGlmm(glmm, input.model));
    out.glmm = attempt(() => runGlmm(input, glmm));
  }
  if (!req.metaRegression && !req.trimFill && !req.cumulative && !req.influence) return out;
  const analysed = analysedStudies(input, studies);
  // The analysis's own model on inverse-variance estimates (MH and Peto have no equivalent here).
  const ivCtx: PoolContext = { settings: { ...input, method: 'IV' }, effectMeasure: input.effectMeasure, ratio };
  const pool = (set: ReadonlyArray<{ y: number; v: number }>): PooledResult => poolStudies(set, ivCtx).stats;
  const method = mixedMethodOf(input);
  if (input.method !== 'IV') {
    methods.notes.push(
      `Meta-regression, trim-and-fill, cumulative and influence analyses use the inverse-variance study estimates (${input.method === 'MH' ? 'Mantel–Haenszel' : 'Peto'} has no equivalent for them).`,
    );
  }
  if (input.rows.some((r) => r.subgroup !== undefined)) {
    methods.notes.push('Meta-regression, trim-and-fill, cumulative and influence analyses use all estimable studies, across subgroups.');
  }

  if (req.metaRegression) {
    const mr = req.metaRegression;
    out.metaRegression = attempt(() => metaRegression(analysed, mr, input.ciLevel));
  }
  if (req.trimFill) {
    const tf = req.trimFill;
    out.trimFill = attempt(() => {
      const aug = trimAndFill(analysed, tf, method);
      const refit = pool([...analysed, ...aug.filled.map((f) => ({ y: f.estimate, v: f.se * f.se }))]);
      if (!refit.estimable) throw new MethodNotApplicable(`trimFill: the filled analysis is not estimable: ${refit.reason}`);
      return {
        estimator: tf.estimator,
        k0: aug.k0,
        seK0: aug.seK0,
        side: aug.side,
        estimate: refit.estimate,
        ciLower: refit.ciLower,
        ciUpper: refit.ciUpper,
        p: refit.p,
        tau2: refit.tau2,
        filled: aug.filled,
      };
    });
  }
  if (req.cumulative) {
    const cu = req.cumulative;
    out.cumulative = attempt(() => cumulativeMetaAnalysis(analysed, cu, pool));
  }
  if (req.influence) {
    out.influence = attempt(() => {
      const inf = influenceDiagnostics(analysed, method, mixedTestOf(input));
      return inf.entries.map((e, i) => ({ ...e, baujat: { x: inf.baujat[i]!.x, y: inf.baujat[i]!.y } }));
    });
  }
  return out;
}
