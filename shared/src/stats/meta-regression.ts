// Meta-regression (issue 17): a mixed-effects model of the study estimates on moderators
// taken from the rows' covariates, as metafor's rma(yi, vi, mods = ~ ...) — REML by default,
// z or Knapp–Hartung tests, the omnibus QM test of all moderators, the residual
// heterogeneity test QE, R² (proportional reduction of τ² against the model without
// moderators; adjusted R² for a fixed-effect model) and an optional permutation test (Higgins & Thompson 2004; metafor permutest).
import { MethodNotApplicable, type AnalysedStudy, type CovariateValue } from './analysed-study.ts';
import { chiSquareUpperP, criticalValue, fUpperP, normalTwoSidedP, tTwoSidedP } from './distributions.ts';
import { inverseSpd, subMatrix, type Matrix } from './matrix.ts';
import { fitMixedModel, type MixedModelFit, type MixedTau2Method } from './mixed-effects-model.ts';
import { randomPermutation, seededRandom } from './random-permutation.ts';

export interface MetaRegressionRequest {
  moderators: readonly string[];
  test: 'z' | 'knha';
  /** τ² estimator of the model; REML unless given. */
  tau2Estimator: MixedTau2Method;
  /** Number of random permutations for the permutation test (none when absent). */
  permutations?: number | undefined;
  seed?: number | undefined;
}

export interface RegressionCoefficient {
  /** "intercept", a continuous moderator's name, or "name[level]" for a level of a categorical one. */
  name: string;
  estimate: number;
  se: number;
  ciLower: number;
  ciUpper: number;
  p: number;
}

export interface PermutationTest {
  iterations: number;
  seed: number;
  /** Permutation P of the omnibus test. */
  pQm: number;
  /** Permutation P per coefficient, aligned with `coefficients`. */
  p: number[];
}

export interface MetaRegressionResult {
  coefficients: RegressionCoefficient[];
  tau2: number;
  /** Omnibus test of the moderators: χ² (z test) or F (Knapp–Hartung) statistic. */
  qm: number;
  pQm: number;
  /** Degrees of freedom of QM: the number of moderator coefficients (numerator df under Knapp–Hartung). */
  qmDf: number;
  qe: number;
  pQe: number;
  /**
   * Percent of heterogeneity accounted for by the moderators, as metafor: the reduction of τ²
   * against the model without moderators; for a fixed-effect model the adjusted R² of the
   * weighted least-squares fit.
   */
  r2: number;
  /** Residual degrees of freedom, k − number of coefficients. */
  df: number;
  k: number;
  test: 'z' | 'knha';
  tau2Estimator: MixedTau2Method;
  permutation?: PermutationTest;
}

export interface DesignMatrix {
  names: string[];
  x: Matrix;
}

function covariate(s: AnalysedStudy, name: string): CovariateValue {
  const value = s.covariates?.[name];
  if (value === undefined) throw new MethodNotApplicable(`rows[${s.row}].covariates.${name}: missing (moderator of the meta-regression)`);
  return value;
}

/**
 * The design matrix: an intercept column, one column per continuous moderator, and for a
 * categorical moderator (string values) one indicator per level but the first in code-point
 * order (the reference level, as R's factor()).
 */
export function designMatrix(studies: readonly AnalysedStudy[], moderators: readonly string[]): DesignMatrix {
  const names = ['intercept'];
  const columns: number[][] = [studies.map(() => 1)];
  for (const name of moderators) {
    const values = studies.map((s) => covariate(s, name));
    const numeric = values.map((v) => typeof v === 'number');
    if (numeric.every(Boolean)) {
      names.push(name);
      columns.push(values as number[]);
      continue;
    }
    if (numeric.some(Boolean)) {
      // Name the first row of the minority kind: the likely typo.
      const textMajority = numeric.filter(Boolean).length * 2 < numeric.length;
      const odd = studies[numeric.indexOf(textMajority)] as AnalysedStudy;
      throw new MethodNotApplicable(
        textMajority
          ? `rows[${odd.row}].covariates.${name}: a number where other rows have text (a moderator is either continuous or categorical)`
          : `rows[${odd.row}].covariates.${name}: text where other rows have numbers (a moderator is either continuous or categorical)`,
      );
    }
    const levels = [...new Set(values as string[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (levels.length < 2) {
      throw new MethodNotApplicable(`covariates.${name}: categorical moderator has only one level ('${levels[0] ?? ''}') among the ${studies.length} studies`);
    }
    for (const level of levels.slice(1)) {
      names.push(`${name}[${level}]`);
      columns.push(values.map((v) => (v === level ? 1 : 0)));
    }
  }
  return { names, x: studies.map((_, i) => columns.map((c) => c[i] as number)) };
}

/** Wald statistic of coefficients 1..p−1 (all but the intercept): χ² under z, F under Knapp–Hartung. */
function omnibus(fit: MixedModelFit): number {
  const idx = fit.beta.map((_, i) => i).slice(1);
  const inv = inverseSpd(subMatrix(fit.vb, idx));
  if (!inv) throw new MethodNotApplicable('the moderators are linearly dependent');
  const b = idx.map((i) => fit.beta[i] as number);
  let q = 0;
  for (let a = 0; a < b.length; a++) for (let c = 0; c < b.length; c++) q += (b[a] as number) * ((inv[a] as number[])[c] as number) * (b[c] as number);
  return fit.test === 'z' ? q : q / idx.length;
}

function coefficientStats(fit: MixedModelFit): Array<{ estimate: number; se: number; stat: number }> {
  return fit.beta.map((estimate, i) => {
    const se = Math.sqrt((fit.vb[i] as number[])[i] as number);
    return { estimate, se, stat: estimate / se };
  });
}

function fitOrExplain(ys: readonly number[], vs: readonly number[], x: Matrix, req: MetaRegressionRequest): MixedModelFit {
  try {
    return fitMixedModel(ys, vs, x, req.tau2Estimator, req.test);
  } catch (err) {
    throw new MethodNotApplicable(`metaRegression: ${(err as Error).message}`);
  }
}

/**
 * Permutation test as metafor's permutest(): the rows of the design matrix are shuffled and
 * the model refitted; P is the share of permutations (the observed data counted as one) whose
 * statistic is at least as extreme as the observed one.
 */
function permutationTest(ys: readonly number[], vs: readonly number[], design: DesignMatrix, req: MetaRegressionRequest, observed: MixedModelFit): PermutationTest {
  const iterations = req.permutations as number;
  const seed = req.seed ?? 1;
  const random = seededRandom(seed);
  const qm0 = omnibus(observed);
  const z0 = coefficientStats(observed).map((c) => Math.abs(c.stat));
  // metafor's comptol (√ε, absolute), so that permutations reproducing the observed statistic count.
  const tol = Math.sqrt(Number.EPSILON);
  let qmCount = 1;
  const counts = z0.map(() => 1);
  for (let it = 0; it < iterations; it++) {
    const perm = randomPermutation(ys.length, random);
    const x = perm.map((j) => design.x[j] as number[]);
    let fit: MixedModelFit;
    try {
      fit = fitMixedModel(ys, vs, x, req.tau2Estimator, req.test);
    } catch {
      continue;
    }
    if (omnibus(fit) >= qm0 - tol) qmCount++;
    coefficientStats(fit).forEach((c, i) => {
      if (Math.abs(c.stat) >= (z0[i] as number) - tol) counts[i] = (counts[i] as number) + 1;
    });
  }
  return { iterations, seed, pQm: qmCount / (iterations + 1), p: counts.map((c) => c / (iterations + 1)) };
}

export function metaRegression(studies: readonly AnalysedStudy[], req: MetaRegressionRequest, ciLevel: number): MetaRegressionResult {
  const design = designMatrix(studies, req.moderators);
  const ys = studies.map((s) => s.y);
  const vs = studies.map((s) => s.v);
  const k = studies.length;
  const p = design.names.length;
  if (k <= p) {
    throw new MethodNotApplicable(`metaRegression: ${k} studies cannot estimate ${p} coefficients (${design.names.join(', ')}); needs at least ${p + 1}`);
  }
  const fit = fitOrExplain(ys, vs, design.x, req);
  const df = k - p;
  const knha = req.test === 'knha';
  const crit = criticalValue(ciLevel, knha ? df : undefined);
  const coefficients = coefficientStats(fit).map((c, i) => ({
    name: design.names[i] as string,
    estimate: c.estimate,
    se: c.se,
    ciLower: c.estimate - crit * c.se,
    ciUpper: c.estimate + crit * c.se,
    p: knha ? tTwoSidedP(c.stat, df) : normalTwoSidedP(c.stat),
  }));
  const qm = omnibus(fit);
  const m = p - 1;
  const base = fitOrExplain(
    ys,
    vs,
    studies.map(() => [1]),
    req,
  );
  let r2: number;
  if (req.tau2Estimator === 'FE') {
    // As metafor: the adjusted R² of the weighted least-squares fit (weights 1/v).
    r2 = ys.every((y) => y === ys[0]) ? 0 : Math.max(0, 100 * (1 - fit.qe / df / (base.qe / (k - 1))));
  } else {
    // As metafor: the proportional reduction of τ² against the random-effects model without moderators.
    r2 = base.tau2 > 0 ? Math.max(0, (100 * (base.tau2 - fit.tau2)) / base.tau2) : 0;
  }
  const result: MetaRegressionResult = {
    coefficients,
    tau2: fit.tau2,
    qm,
    pQm: knha ? fUpperP(qm, m, df) : chiSquareUpperP(qm, m),
    qmDf: m,
    qe: fit.qe,
    pQe: chiSquareUpperP(fit.qe, df),
    r2,
    df,
    k,
    test: req.test,
    tau2Estimator: req.tau2Estimator,
  };
  if (req.permutations !== undefined && req.permutations > 0) result.permutation = permutationTest(ys, vs, design, req, fit);
  return result;
}
