// Funnel-plot data and tests for funnel asymmetry (spec §1.9). RevMan draws funnel plots
// but runs no tests; the Handbook (ch. 13) advises tests only with at least 10 studies, so
// every test result carries `reliable: false` below that.
import { zeroCorrected, isDoubleZeroOrDoubleFull, petoComponents, type TwoByTwo } from './dichotomous-effects.ts';
import { criticalValue } from './distributions.ts';
import { countOf, NOUNS } from '../text/plural.ts';
import { poolFixedInverseVariance } from './inverse-variance.ts';
import { weightedLinearRegression, type Coefficient } from './linear-regression.ts';

export const MIN_STUDIES_FOR_ASYMMETRY_TESTS = 10;

export interface AsymmetryTest {
  test: 'Egger' | 'Harbord' | 'Peters';
  /** The coefficient tested: Egger/Harbord the intercept, Peters the slope. */
  coefficient: Coefficient;
  df: number;
  k: number;
  reliable: boolean;
  note: string | null;
}

function reliability(k: number): { reliable: boolean; note: string | null } {
  return k >= MIN_STUDIES_FOR_ASYMMETRY_TESTS
    ? { reliable: true, note: null }
    : {
        reliable: false,
        note: `${k === 0 ? 'No studies' : `Only ${countOf(k, NOUNS.study)}`}: tests for funnel plot asymmetry should be used only when there are at least ${MIN_STUDIES_FOR_ASYMMETRY_TESTS} studies (Cochrane Handbook ch. 13).`,
      };
}

/** Egger's test: OLS of y/SE on 1/SE; tests the intercept with t on k−2 df. */
export function eggerTest(ys: readonly number[], ses: readonly number[]): AsymmetryTest | null {
  const k = ys.length;
  if (k < 3) return null;
  const reg = weightedLinearRegression(
    ses.map((s) => 1 / s),
    ys.map((y, i) => y / (ses[i] as number)),
  );
  return { test: 'Egger', coefficient: reg.intercept, df: reg.df, k, ...reliability(k) };
}

/** Harbord's test for ORs: OLS of Z/√V on √V (Z = O − E, V hypergeometric); tests the intercept. */
export function harbordTest(tables: readonly TwoByTwo[]): AsymmetryTest | null {
  const comps = tables.map(petoComponents).filter((c) => c.v > 0);
  const k = comps.length;
  if (k < 3) return null;
  const reg = weightedLinearRegression(
    comps.map((c) => Math.sqrt(c.v)),
    comps.map((c) => c.oMinusE / Math.sqrt(c.v)),
  );
  return { test: 'Harbord', coefficient: reg.intercept, df: reg.df, k, ...reliability(k) };
}

/**
 * Peters' test: WLS of ln OR on 1/N with weights 1/(1/(a+c) + 1/(b+d)); tests the slope.
 * Zero-cell studies use RevMan's 0.5 correction; double-zero/double-full studies are dropped.
 */
export function petersTest(tables: readonly TwoByTwo[]): AsymmetryTest | null {
  const usable = tables.filter((t) => !isDoubleZeroOrDoubleFull(t));
  const k = usable.length;
  if (k < 3) return null;
  const x: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (const raw of usable) {
    const t = zeroCorrected(raw);
    x.push(1 / (raw.a + raw.b + raw.c + raw.d));
    y.push(Math.log((t.a * t.d) / (t.b * t.c)));
    w.push(1 / (1 / (t.a + t.c) + 1 / (t.b + t.d)));
  }
  const reg = weightedLinearRegression(x, y, w);
  return { test: 'Peters', coefficient: reg.slope, df: reg.df, k, ...reliability(k) };
}

export interface FunnelPlotData {
  points: Array<{ study: string; x: number; se: number }>;
  /** Fixed-effect (IV) summary on the analysis scale: the funnel's centre line. */
  centre: number;
  /** Pseudo confidence limits θ ± z·SE drawn from SE = 0 to the largest SE. */
  limits: { seMax: number; lowerAtSeMax: number; upperAtSeMax: number; z: number };
}

/** Funnel plot as RevMan draws it: effect (analysis scale) on x, SE on y, pseudo 95% limits. */
export function funnelPlotData(studies: ReadonlyArray<{ study: string; y: number; se: number }>, level = 0.95): FunnelPlotData | null {
  if (studies.length === 0) return null;
  const fe = poolFixedInverseVariance(
    studies.map((s) => s.y),
    studies.map((s) => s.se * s.se),
  );
  const z = criticalValue(level);
  const seMax = Math.max(...studies.map((s) => s.se));
  return {
    points: studies.map((s) => ({ study: s.study, x: s.y, se: s.se })),
    centre: fe.y,
    limits: { seMax, lowerAtSeMax: fe.y - z * seMax, upperAtSeMax: fe.y + z * seMax, z },
  };
}
