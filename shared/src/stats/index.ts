// Public API of Grove's statistical core (issue 3). Pure functions, no I/O.
export * from './types.ts';
export { analyze } from './analyze.ts';
export { analysisInputSchema, parseAnalysisInput, formatIssuePath, type ParseResult } from './schema.ts';
export {
  PRESETS,
  REVMAN5_PRESET,
  COCHRANE2025_PRESET,
  presetSettings,
  defaultMethod,
  type Preset,
  type PresetName,
} from './presets.ts';
export { dichotomousStudyEffect, zeroCorrected, petoComponents, toTwoByTwo, type TwoByTwo } from './dichotomous-effects.ts';
export { meanDifference, standardisedMeanDifference, continuousStudyEffect } from './continuous-effects.ts';
export { genericStudyEffect } from './generic-effects.ts';
export { poolStudies, type PoolableStudy, type PoolContext, type PoolOutcome } from './pool-studies.ts';
export { tau2DerSimonianLaird } from './tau2-dersimonian-laird.ts';
export { tau2Reml } from './tau2-reml.ts';
export { tau2PauleMandel } from './tau2-paule-mandel.ts';
export { tau2QProfileInterval } from './tau2-confidence-interval.ts';
export { i2FromQ, i2FromTau2 } from './heterogeneity.ts';
export { normalTwoSidedP, chiSquareUpperP, tTwoSidedP, criticalValue } from './distributions.ts';
export { normalTwoSidedPAs66, alnorm } from './normal-tail-as66.ts';
export { chiSquareUpperPRevman } from './chi-square-revman.ts';
export { subgroupDifferencesTest } from './subgroup-differences.ts';
export * from './calculators/index.ts';
export * from './conventions.ts';
export * from './display.ts';
export { leaveOneOut, filterByAttributes, type LeaveOneOutEntry, type StudyAttributes, type AttributeCriteria, type FilteredAnalysis } from './sensitivity.ts';
export {
  eggerTest,
  harbordTest,
  petersTest,
  funnelPlotData,
  MIN_STUDIES_FOR_ASYMMETRY_TESTS,
  type AsymmetryTest,
  type FunnelPlotData,
} from './small-study-effects.ts';
export { weightedLinearRegression, type SimpleRegression, type Coefficient } from './linear-regression.ts';
export { contourFunnelData, CONTOUR_LEVELS, type ContourFunnelData, type FunnelContour } from './contour-funnel.ts';
export { metaRegression, designMatrix, type MetaRegressionResult, type MetaRegressionRequest, type RegressionCoefficient, type PermutationTest } from './meta-regression.ts';
export { trimAndFill, trimFillSide, MIN_STUDIES_FOR_TRIM_AND_FILL, type TrimFillRequest, type TrimFillAugmentation, type FunnelSide, type TrimFillEstimator } from './trim-and-fill.ts';
export { cumulativeMetaAnalysis, cumulativeOrder, type CumulativeRequest, type CumulativeStep } from './cumulative.ts';
export { influenceDiagnostics, type InfluenceEntry, type InfluenceAnalysis, type BaujatPoint } from './influence.ts';
export { fitMixedModel, type MixedModelFit, type MixedTau2Method, type MixedTest } from './mixed-effects-model.ts';
export { MethodNotApplicable, type AnalysedStudy, type CovariateValue } from './analysed-study.ts';
export type { ExtensionResults, TrimFillResult, InfluenceRow, BlockError } from './extensions.ts';
export type { GlmmResult } from './glmm-block.ts';
export type { ExtensionRequests } from './extensions-schema.ts';
