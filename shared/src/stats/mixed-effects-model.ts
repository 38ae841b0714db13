// The weighted least-squares mixed-effects model y = Xβ + u + ε, u ~ N(0, τ²), ε ~ N(0, v),
// fitted as metafor's rma.uni does (Viechtbauer 2005; metafor ≥ 3.8): τ² by fixed effect
// (τ² = 0), DerSimonian–Laird, REML (Fisher scoring) or Paule–Mandel generalised to
// moderators; β by weighted least squares with w = 1/(v + τ²); tests by z or Knapp–Hartung
// (t on k − p df, vb scaled by s² = Σw(y − Xβ)²/(k − p)). It is the engine of meta-regression,
// of trim-and-fill's side rule and of the influence diagnostics, so all three agree with
// metafor's own fits.
import { rootOfDecreasing } from './root-finding.ts';
import { crossprodWeighted, crossprodWeightedVector, dot, inverseSpd, multiplyVector, type Matrix } from './matrix.ts';

export type MixedTau2Method = 'FE' | 'DL' | 'REML' | 'PM';
/** z; Knapp–Hartung; Knapp–Hartung with s² = max(1, s²) (metafor test = "adhoc"). */
export type MixedTest = 'z' | 'knha' | 'adhoc';

export interface MixedModelFit {
  k: number;
  /** Number of coefficients. */
  p: number;
  beta: number[];
  /** Covariance of β (scaled by s² under Knapp–Hartung). */
  vb: Matrix;
  tau2: number;
  /** Residual heterogeneity Q_E = Σ (1/v)(y − Xβ̂_FE)², on k − p df. */
  qe: number;
  /** Knapp–Hartung scale s² (1 under the z test). */
  s2w: number;
  test: MixedTest;
  /** 1/(v + τ²). */
  weights: number[];
}

/** P = W − W X (XᵀWX)⁻¹ XᵀW as a dense k×k matrix, or null when XᵀWX is singular. */
function projection(x: Matrix, w: readonly number[]): Matrix | null {
  const inv = inverseSpd(crossprodWeighted(x, w));
  if (!inv) return null;
  const k = x.length;
  // A = X (XᵀWX)⁻¹ (k×p); P_ij = w_i δ_ij − w_i w_j A_i·X_j.
  const a = x.map((row) => multiplyVector(inv, row));
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => (i === j ? (w[i] as number) : 0) - (w[i] as number) * (w[j] as number) * dot(a[i] as number[], x[j] as number[])),
  );
}

function quadraticForm(p: Matrix, y: readonly number[]): number {
  return dot(y, multiplyVector(p, y));
}

function trace(p: Matrix): number {
  return p.reduce((s, row, i) => s + (row[i] as number), 0);
}

/** The Q_E statistic at τ²: yᵀP(τ²)y (for τ² = 0 the residual heterogeneity test). */
function qAt(ys: readonly number[], vs: readonly number[], x: Matrix, tau2: number): number {
  const p = projection(
    x,
    vs.map((v) => 1 / (v + tau2)),
  );
  if (!p) throw new Error('the moderators are linearly dependent');
  return quadraticForm(p, ys);
}

function tau2Reml(ys: readonly number[], vs: readonly number[], x: Matrix, start: number): number {
  let tau2 = start;
  let previousDelta = Infinity;
  for (let iter = 0; iter < 1000; iter++) {
    const p = projection(
      x,
      vs.map((v) => 1 / (v + tau2)),
    );
    if (!p) throw new Error('the moderators are linearly dependent');
    const py = multiplyVector(p, ys);
    const ypPy = dot(py, py);
    let trPP = 0;
    for (const row of p) for (const e of row) trPP += e * e;
    const next = Math.max(0, tau2 + (ypPy - trace(p)) / trPP);
    const delta = Math.abs(next - tau2);
    tau2 = next;
    if (delta <= 1e-15 * Math.max(1, tau2)) break;
    // Fisher scoring converges quadratically; once the steps stop shrinking they are rounding
    // noise (ill-conditioned designs such as calendar years), so the root is as good as it gets.
    if (iter > 2 && delta >= previousDelta) break;
    previousDelta = delta;
  }
  return tau2;
}

function tau2Dl(ys: readonly number[], vs: readonly number[], x: Matrix): number {
  const p = projection(
    x,
    vs.map((v) => 1 / v),
  );
  if (!p) throw new Error('the moderators are linearly dependent');
  const df = ys.length - (x[0]?.length ?? 0);
  return Math.max(0, (quadraticForm(p, ys) - df) / trace(p));
}

function tau2Pm(ys: readonly number[], vs: readonly number[], x: Matrix): number {
  const df = ys.length - (x[0]?.length ?? 0);
  const g = (t: number): number => qAt(ys, vs, x, t) - df;
  if (!(g(0) > 0)) return 0;
  return rootOfDecreasing(g, Math.max(...vs));
}

/** Fits the model; throws an Error whose message says why it cannot (too few studies, collinear moderators). */
export function fitMixedModel(ys: readonly number[], vs: readonly number[], x: Matrix, method: MixedTau2Method, test: MixedTest): MixedModelFit {
  const k = ys.length;
  const p = x[0]?.length ?? 0;
  if (k <= p) throw new Error(`needs more studies (${k}) than coefficients (${p})`);
  let tau2 = 0;
  if (method === 'DL') tau2 = tau2Dl(ys, vs, x);
  else if (method === 'PM') tau2 = tau2Pm(ys, vs, x);
  else if (method === 'REML') tau2 = tau2Reml(ys, vs, x, tau2Dl(ys, vs, x));
  const weights = vs.map((v) => 1 / (v + tau2));
  const inv = inverseSpd(crossprodWeighted(x, weights));
  if (!inv) throw new Error('the moderators are linearly dependent');
  const beta = multiplyVector(inv, crossprodWeightedVector(x, weights, ys));
  let s2w = 1;
  if (test !== 'z') {
    let rss = 0;
    x.forEach((row, i) => {
      const r = (ys[i] as number) - dot(row, beta);
      rss += (weights[i] as number) * r * r;
    });
    s2w = rss / (k - p);
    if (test === 'adhoc') s2w = Math.max(1, s2w);
  }
  const vb = inv.map((row) => row.map((e) => e * s2w));
  return { k, p, beta, vb, tau2, qe: qAt(ys, vs, x, 0), s2w, test, weights };
}
