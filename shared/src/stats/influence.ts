// Influence diagnostics (Viechtbauer & Cheung 2010) as metafor's influence.rma.uni, and the
// Baujat plot's coordinates (Baujat et al. 2002; metafor baujat()). Each study is left out in
// turn and the model refitted with the same τ² method and test.
import { MethodNotApplicable, type AnalysedStudy } from './analysed-study.ts';
import { chiSquareUpperP } from './distributions.ts';
import { crossprodWeighted, determinantSpd, dot, inverseSpd, multiplyVector, subMatrix, type Matrix } from './matrix.ts';
import { fitMixedModel, type MixedModelFit, type MixedTau2Method, type MixedTest } from './mixed-effects-model.ts';

export interface InfluenceEntry {
  study: string;
  /** Externally studentized residual. */
  rstudent: number;
  dffits: number;
  cooksD: number;
  covRatio: number;
  tau2Deleted: number;
  qeDeleted: number;
  hat: number;
  /** Weight in percent. */
  weight: number;
  /** dfbetas of the coefficients (one for an analysis without moderators). */
  dfbetas: number[];
  /** metafor's flag: |DFFITS| > 3√(p/(k−p)), P(χ²_m ≤ D) > 0.5, hat > 3p/k, or any |DFBETAS| > 1. */
  influential: boolean;
}

export interface BaujatPoint {
  study: string;
  /** Contribution to the (residual) heterogeneity: (y − ŷ)²/(τ² + v). */
  x: number;
  /** Influence on the fitted value: (ŷ₋ᵢ − ŷ)²/Var(ŷ₋ᵢ). */
  y: number;
}

export interface InfluenceAnalysis {
  entries: InfluenceEntry[];
  baujat: BaujatPoint[];
}

function without<T>(xs: readonly T[], i: number): T[] {
  return xs.filter((_, j) => j !== i);
}

/**
 * Influence of each study on a model with design X (a column of ones for the pooled
 * analysis). Fewer than 3 studies leave nothing to diagnose (a study left out leaves one).
 */
export function influenceDiagnostics(studies: readonly AnalysedStudy[], method: MixedTau2Method, test: MixedTest, design?: Matrix): InfluenceAnalysis {
  const k = studies.length;
  if (k < 3) throw new MethodNotApplicable(`influence: needs at least 3 estimable studies, the analysis has ${k}`);
  const ys = studies.map((s) => s.y);
  const vs = studies.map((s) => s.v);
  const x = design ?? studies.map(() => [1]);
  const p = x[0]?.length ?? 1;
  const full = fitMixedModel(ys, vs, x, method, test);
  // The tested coefficients: all but the intercept, or the intercept alone in a model without moderators.
  const btt = p === 1 ? [0] : x[0]!.map((_, j) => j).slice(1);
  const m = btt.length;
  const svb = inverseSpd(subMatrix(full.vb, btt));
  const detFull = determinantSpd(subMatrix(full.vb, btt));
  const xtwxInv = inverseSpd(crossprodWeighted(x, full.weights));
  if (!svb || !xtwxInv) throw new MethodNotApplicable('influence: the model cannot be fitted');
  const sumW = full.weights.reduce((a, b) => a + b, 0);
  const entries: InfluenceEntry[] = [];
  const baujat: BaujatPoint[] = [];
  studies.forEach((s, i) => {
    const xi = x[i] as number[];
    const hat = (full.weights[i] as number) * dot(xi, multiplyVector(xtwxInv, xi));
    const predFull = dot(xi, full.beta);
    let del: MixedModelFit;
    try {
      del = fitMixedModel(without(ys, i), without(vs, i), without(x, i), method, test);
    } catch (err) {
      throw new MethodNotApplicable(`influence: the model without rows[${s.row}] (${s.study}) cannot be fitted: ${(err as Error).message}`);
    }
    const delPred = dot(xi, del.beta);
    const vDelPred = dot(xi, multiplyVector(del.vb, xi));
    let resid = s.y - delPred;
    if (Math.abs(resid) < 100 * Number.EPSILON) resid = 0;
    const rstudent = resid / Math.sqrt(s.v * del.s2w + vDelPred + del.tau2 * del.s2w);
    const dffits = (predFull - delPred) / Math.sqrt(del.s2w * hat * (del.tau2 + s.v));
    // dfbetas use Var(β̂) of all k studies at the left-out τ² (metafor's vb.del).
    const vbDel = inverseSpd(
      crossprodWeighted(
        x,
        vs.map((v) => 1 / (v + del.tau2)),
      ),
    );
    if (!vbDel) throw new MethodNotApplicable('influence: the model cannot be fitted');
    const dfb = full.beta.map((b, j) => b - (del.beta[j] as number));
    const dfbetas = dfb.map((d, j) => d / Math.sqrt(del.s2w * ((vbDel[j] as number[])[j] as number)));
    const dfbTested = btt.map((j) => dfb[j] as number);
    const cooksD = dot(dfbTested, multiplyVector(svb, dfbTested));
    const covRatio = determinantSpd(subMatrix(del.vb, btt)) / detFull;
    const influential =
      Math.abs(dffits) > 3 * Math.sqrt(p / (k - p)) || 1 - chiSquareUpperP(cooksD, m) > 0.5 || hat > (3 * p) / k || dfbetas.some((d) => Math.abs(d) > 1);
    entries.push({
      study: s.study,
      rstudent,
      dffits,
      cooksD,
      covRatio,
      tau2Deleted: del.tau2,
      qeDeleted: del.qe,
      hat,
      weight: (100 * (full.weights[i] as number)) / sumW,
      dfbetas,
      influential,
    });
    const r = s.y - predFull;
    baujat.push({ study: s.study, x: (r * r) / (full.tau2 + s.v), y: (delPred - predFull) ** 2 / vDelPred });
  });
  return { entries, baujat };
}
