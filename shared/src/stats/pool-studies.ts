// Pools one set of studies (an outcome total or one subgroup) under the analysis settings:
// fixed effect (IV, MH or Peto), then optionally random effects with the chosen τ²
// estimator, CI method, prediction interval and τ² interval (spec §1.2, §1.5, §1.6).
import type { TwoByTwo } from './dichotomous-effects.ts';
import { criticalValue, normalTwoSidedP, chiSquareUpperP, tTwoSidedP } from './distributions.ts';
import { hartungKnappSe } from './hartung-knapp.ts';
import { normalTwoSidedPAs66 } from './normal-tail-as66.ts';
import { chiSquareUpperPRevman } from './chi-square-revman.ts';
import { i2FromQ, i2FromTau2 } from './heterogeneity.ts';
import { poolFixedInverseVariance, type FixedEffectPool } from './inverse-variance.ts';
import { poolMantelHaenszel } from './mantel-haenszel.ts';
import { poolPeto } from './peto.ts';
import { poolRandomEffects } from './random-effects.ts';
import { tau2QProfileInterval } from './tau2-confidence-interval.ts';
import { tau2DerSimonianLaird } from './tau2-dersimonian-laird.ts';
import { tau2PauleMandel } from './tau2-paule-mandel.ts';
import { tau2Reml } from './tau2-reml.ts';
import type { AnalysisSettings, EffectMeasure, PooledResult, PooledStats } from './types.ts';

/** An estimable study on the analysis scale, with what MH and Peto need. */
export interface PoolableStudy {
  y: number;
  /** Variance of y (SE²). */
  v: number;
  table?: TwoByTwo;
  peto?: { oMinusE: number; v: number };
}

export interface PoolContext {
  settings: AnalysisSettings;
  effectMeasure: EffectMeasure;
  /** Results are exponentiated for display. */
  ratio: boolean;
}

export interface PoolOutcome {
  stats: PooledResult;
  /** Unnormalised weights of the studies, aligned with the input (empty if not estimable). */
  weights: number[];
  /** Summary estimate on the analysis scale (null if not estimable). */
  y: number | null;
}

/** The fixed-effect pool for the configured method. */
export function fixedEffectPool(studies: readonly PoolableStudy[], ctx: PoolContext): FixedEffectPool {
  const ys = studies.map((s) => s.y);
  const vs = studies.map((s) => s.v);
  const { method } = ctx.settings;
  if (method === 'PETO') {
    return poolPeto(studies.map((s) => s.peto ?? { oMinusE: s.y / s.v, v: 1 / s.v }));
  }
  if (method === 'MH') {
    const m = ctx.effectMeasure;
    if (m !== 'OR' && m !== 'RR' && m !== 'RD') throw new Error(`Mantel–Haenszel does not apply to ${m}`);
    const tables = studies.map((s) => {
      if (!s.table) throw new Error('Mantel–Haenszel needs 2×2 tables');
      return s.table;
    });
    return poolMantelHaenszel(m, tables, ys, vs);
  }
  return poolFixedInverseVariance(ys, vs);
}

export function estimateTau2(studies: readonly PoolableStudy[], ctx: PoolContext, fixedQ: number): number {
  const ys = studies.map((s) => s.y);
  const vs = studies.map((s) => s.v);
  switch (ctx.settings.tau2Estimator) {
    // DL from the fixed-effect method's Q: for MH analyses this is the MH-based Q, as
    // RevMan 5 does (spec §1.2 "Random-effects MH"); for Peto the Peto Q.
    case 'DL':
      return tau2DerSimonianLaird(vs, fixedQ);
    case 'REML':
      return tau2Reml(ys, vs);
    case 'PM':
      return tau2PauleMandel(ys, vs);
  }
}

export function poolStudies(studies: readonly PoolableStudy[], ctx: PoolContext): PoolOutcome {
  const k = studies.length;
  if (k === 0) return { stats: { estimable: false, reason: 'no estimable studies' }, weights: [], y: null };
  const { settings } = ctx;
  const back = ctx.ratio ? Math.exp : (x: number): number => x;
  const fixed = fixedEffectPool(studies, ctx);
  const df = k - 1;
  const q = fixed.q;
  const chiSquareP = settings.pValues === 'revman5' ? chiSquareUpperPRevman : chiSquareUpperP;
  const pQ = chiSquareP(q, df);
  const zCrit = criticalValue(settings.ciLevel);
  const zTestP = settings.pValues === 'revman5' ? normalTwoSidedPAs66 : normalTwoSidedP;

  if (settings.model === 'fixed') {
    const z = fixed.y / fixed.se;
    const stats: PooledStats = {
      estimable: true,
      estimate: back(fixed.y),
      ciLower: back(fixed.y - zCrit * fixed.se),
      ciUpper: back(fixed.y + zCrit * fixed.se),
      se: fixed.se,
      z,
      p: zTestP(z),
      q,
      df,
      pQ,
      i2: i2FromQ(q, df),
      tau2: 0,
    };
    return { stats, weights: fixed.weights, y: fixed.y };
  }

  const ys = studies.map((s) => s.y);
  const vs = studies.map((s) => s.v);
  const tau2 = estimateTau2(studies, ctx, q);
  const re = poolRandomEffects(ys, vs, tau2);
  let se = re.se;
  let z = re.y / se;
  let p = zTestP(z);
  let crit = zCrit;
  let testDf: number | undefined;
  if (settings.ciMethod !== 'wald' && k >= 2) {
    const hk = hartungKnappSe(ys, re.weights, re.y, settings.ciMethod === 'hksj-adhoc');
    se = hk.se;
    testDf = k - 1;
    z = re.y / se;
    p = tTwoSidedP(z, testDf);
    crit = criticalValue(settings.ciLevel, testDf);
  }
  const stats: PooledStats = {
    estimable: true,
    estimate: back(re.y),
    ciLower: back(re.y - crit * se),
    ciUpper: back(re.y + crit * se),
    se,
    z,
    p,
    q,
    df,
    pQ,
    i2: settings.i2Method === 'tau2' ? i2FromTau2(vs, tau2) : i2FromQ(q, df),
    tau2,
  };
  if (testDf !== undefined) stats.testDf = testDf;

  const pi = settings.predictionInterval;
  const piDf = pi === 't-k-1' ? k - 1 : pi === 't-k-2' ? k - 2 : Infinity;
  if (pi !== false && piDf >= 1) {
    // Uses the Wald (model) SE of μ̂, as the reference fixtures (spec §1.6).
    const c = criticalValue(settings.ciLevel, pi === 'normal' ? undefined : piDf);
    const half = c * Math.sqrt(tau2 + re.se * re.se);
    stats.predictionLower = back(re.y - half);
    stats.predictionUpper = back(re.y + half);
  }
  if (settings.tau2Ci) {
    const ci = tau2QProfileInterval(ys, vs, settings.ciLevel);
    if (ci) {
      stats.tau2Lower = ci.lower;
      stats.tau2Upper = ci.upper;
    }
  }
  return { stats, weights: re.weights, y: re.y };
}
