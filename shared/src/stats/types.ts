// Types of the statistical core. The input is a discriminated union on `dataType`, so a
// continuous analysis cannot carry dichotomous rows or a risk-ratio measure (the compiler
// rejects it); runtime JSON is checked by `analysisInputSchema` (schema.ts) first.
import type { CovariateValue } from './analysed-study.ts';
import type { ContinuityCorrection } from './continuity-correction.ts';
import type { ExtensionRequests } from './extensions-schema.ts';
import type { ExtensionResults } from './extensions.ts';

export type DichotomousMeasure = 'RR' | 'OR' | 'RD' | 'PETO_OR';
export type ContinuousMeasure = 'MD' | 'SMD';
export type GenericMeasure = 'GENERIC';
/** O−E and variance data: the pooled exp(Σ(O−E)/ΣV) is a hazard ratio or a Peto odds ratio. */
export type OeVarianceMeasure = 'HR' | 'PETO_OR';
export type EffectMeasure = DichotomousMeasure | ContinuousMeasure | GenericMeasure | OeVarianceMeasure;

/** Fixed-effect pooling method (spec §1.2). MH and PETO exist only for dichotomous data. */
export type PoolingMethod = 'MH' | 'IV' | 'PETO';
export type Model = 'fixed' | 'random';
/** Between-study variance estimator (spec §1.5, §1.6). */
export type Tau2Estimator = 'DL' | 'REML' | 'PM';
/** Confidence interval for the summary effect: Wald (z), HKSJ (t, k−1 df), HKSJ with max(1, q). */
export type CiMethod = 'wald' | 'hksj' | 'hksj-adhoc';
/**
 * Prediction interval critical value: t with k−1 df (Veroniki 2019; meta default),
 * t with k−2 df (Higgins 2009; Handbook v5/v6), or normal. `false` = none. Spec §1.6.
 */
export type PredictionIntervalMethod = false | 't-k-1' | 't-k-2' | 'normal';
/** I² from Q (RevMan 5) or from τ² (Cochrane May 2024 addendum). Spec §1.5–1.6. */
export type I2Method = 'Q' | 'tau2';
/**
 * How P values are computed: 'exact' (erfc; regularised incomplete gamma) or 'revman5'
 * (RevMan 5's routines: Hill's AS 66 for the overall-effect P, off by up to ~2e-8 for
 * |z| ≤ 1.28, and a truncated gamma series for χ² P values — heterogeneity and subgroup
 * differences — off by up to ~4e-7). See normal-tail-as66.ts and chi-square-revman.ts.
 */
export type PValueMethod = 'exact' | 'revman5';

export interface DichotomousRow {
  study: string;
  subgroup?: string | undefined;
  /** Study-level covariates for meta-regression and cumulative ordering (issue 17). */
  covariates?: Readonly<Record<string, CovariateValue>> | undefined;
  events1: number;
  total1: number;
  events2: number;
  total2: number;
}

export interface ContinuousRow {
  study: string;
  subgroup?: string | undefined;
  /** Study-level covariates for meta-regression and cumulative ordering (issue 17). */
  covariates?: Readonly<Record<string, CovariateValue>> | undefined;
  mean1: number;
  sd1: number;
  total1: number;
  mean2: number;
  sd2: number;
  total2: number;
}

export interface GenericRow {
  study: string;
  subgroup?: string | undefined;
  /** Study-level covariates for meta-regression and cumulative ordering (issue 17). */
  covariates?: Readonly<Record<string, CovariateValue>> | undefined;
  /** On the analysis scale: natural log when `logScale` is true. */
  estimate: number;
  se: number;
}

/** Observed minus expected events and their variance (individual patient data; oe-variance.ts). */
export interface OeVarianceRow {
  study: string;
  subgroup?: string | undefined;
  /** Study-level covariates for meta-regression and cumulative ordering (issue 17). */
  covariates?: Readonly<Record<string, CovariateValue>> | undefined;
  oe: number;
  variance: number;
}

/** Settings shared by every data type; see presets.ts for the defaults. */
export interface AnalysisSettings {
  method: PoolingMethod;
  model: Model;
  tau2Estimator: Tau2Estimator;
  ciMethod: CiMethod;
  predictionInterval: PredictionIntervalMethod;
  /** Compute the Q-profile confidence interval for τ² (random-effects only). */
  tau2Ci: boolean;
  i2Method: I2Method;
  /** Confidence level of pooled results (RevMan CI_TOTAL): 0.9, 0.95 or 0.99. */
  ciLevel: number;
  /** Confidence level of study rows (RevMan CI_STUDY). */
  studyCiLevel: number;
  /** Compute the overall total (RevMan TOTALS="YES"); false = subtotals only. */
  overall: boolean;
  /** Compute the test for subgroup differences when there are ≥ 2 subgroups. */
  subgroupTest: boolean;
  pValues: PValueMethod;
  /** Zero-cell handling of dichotomous study estimates; RevMan's 0.5 to zero-cell studies when absent (issue 17). */
  continuityCorrection?: ContinuityCorrection | undefined;
  /** Optional "beyond RevMan" blocks (issue 17). */
  extensions?: ExtensionRequests | undefined;
}

export type DichotomousAnalysisInput = AnalysisSettings & {
  dataType: 'dichotomous';
  effectMeasure: DichotomousMeasure;
  rows: DichotomousRow[];
};

export type ContinuousAnalysisInput = AnalysisSettings & {
  dataType: 'continuous';
  effectMeasure: ContinuousMeasure;
  rows: ContinuousRow[];
};

export type GenericAnalysisInput = AnalysisSettings & {
  dataType: 'generic';
  effectMeasure: GenericMeasure;
  /** Estimates and SEs are on the natural-log scale; results are shown exponentiated. */
  logScale: boolean;
  rows: GenericRow[];
};

export type OeVarianceAnalysisInput = AnalysisSettings & {
  dataType: 'oe-variance';
  effectMeasure: OeVarianceMeasure;
  rows: OeVarianceRow[];
};

/** A fully specified analysis (all defaults resolved). */
export type AnalysisInput = DichotomousAnalysisInput | ContinuousAnalysisInput | GenericAnalysisInput | OeVarianceAnalysisInput;

/**
 * One study on the analysis scale (log for ratios). `estimable: false` rows carry no
 * estimate: they get no weight and do not count in df (spec §1.1).
 */
export type StudyEffect =
  | {
      estimable: true;
      /** Effect on the analysis scale (ln OR, ln RR, RD, MD, g, or the generic estimate). */
      y: number;
      /** Standard error of y. */
      se: number;
      /** Peto and O−E data: observed minus expected events and their variance. */
      peto?: { oMinusE: number; v: number };
    }
  | { estimable: false; reason: string };

export interface RowResult {
  study: string;
  subgroup: string | null;
  estimable: boolean;
  /** Natural scale (exponentiated for ratio measures); null when not estimable. */
  estimate: number | null;
  ciLower: number | null;
  ciUpper: number | null;
  /** Analysis scale (natural log for ratio measures). */
  se: number | null;
  /** Percent of the overall total (or of the subgroup when there is no overall total). */
  weight: number;
}

/** Pooled statistics of a set of studies (an outcome total or a subgroup). */
export interface PooledStats {
  estimable: true;
  /** Natural scale. */
  estimate: number;
  ciLower: number;
  ciUpper: number;
  /** Analysis scale; under HKSJ this is the HKSJ standard error. */
  se: number;
  /** Test statistic for the overall effect: z (Wald) or t with k−1 df (HKSJ). */
  z: number;
  p: number;
  /** Cochran's Q ("Chi²"); for MH analyses IV weights around the MH estimate (§1.2). */
  q: number;
  df: number;
  pQ: number;
  /** Percent. */
  i2: number;
  /** Analysis scale; 0 for fixed-effect analyses. */
  tau2: number;
  predictionLower?: number;
  predictionUpper?: number;
  tau2Lower?: number;
  tau2Upper?: number;
  /** Degrees of freedom of the test/CI when a t distribution is used (HKSJ). */
  testDf?: number;
}

export interface NotEstimableStats {
  estimable: false;
  reason: string;
}

export type PooledResult = PooledStats | NotEstimableStats;

export type SubgroupResult = PooledResult & {
  name: string;
  /** Number of data rows (estimable or not). */
  k: number;
  /** Number of estimable rows. */
  kEstimable: number;
  /** Sum of the row weights, percent. */
  weight: number;
};

export type OverallResult = PooledResult & { k: number; kEstimable: number; weight: number };

export interface SubgroupDifferences {
  q: number;
  df: number;
  p: number;
  i2: number;
}

/** What a result was computed with: every result records its methods. */
export interface MethodsUsed {
  dataType: AnalysisInput['dataType'];
  effectMeasure: EffectMeasure;
  /** True when estimates are shown exponentiated (OR, RR, Peto OR, HR, log-scale generic). */
  ratio: boolean;
  method: PoolingMethod;
  model: Model;
  tau2Estimator: Tau2Estimator | null;
  /** DL τ² from the MH-based Q (RevMan 5, spec §1.2) rather than from the IV Q. */
  tau2FromMantelHaenszelQ: boolean;
  ciMethod: CiMethod;
  predictionInterval: PredictionIntervalMethod;
  tau2Ci: 'Q-profile' | null;
  i2Method: I2Method;
  ciLevel: number;
  studyCiLevel: number;
  pValues: PValueMethod;
  zeroCellCorrection: string;
  smdFormula?: string;
  subgroupTest: string | null;
  /** Human-readable notes, e.g. methods that were not applicable. */
  notes: string[];
}

export interface AnalysisResult extends ExtensionResults {
  rows: RowResult[];
  subgroups: SubgroupResult[];
  overall: OverallResult | null;
  subgroupDifferences: SubgroupDifferences | null;
  methods: MethodsUsed;
}
