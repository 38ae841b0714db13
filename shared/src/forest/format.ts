import {
  formatEstimate,
  formatEstimateWithCi,
  formatFixed,
  formatHeterogeneity,
  formatI2,
  formatOverallEffect,
  formatP,
  formatStatistic,
} from '../stats/display.ts';
import type { EffectMeasure, MethodsUsed, PooledResult, SubgroupDifferences } from '../stats/types.ts';

// The strings of a RevMan 5 forest plot, built on the statistical core's display helpers
// (stats/display.ts, spec §1.7) so the figure shows exactly what Table 2 shows.

const MEASURE_NAMES: Readonly<Record<Exclude<EffectMeasure, 'GENERIC'>, string>> = {
  RR: 'Risk Ratio',
  OR: 'Odds Ratio',
  RD: 'Risk Difference',
  PETO_OR: 'Peto Odds Ratio',
  MD: 'Mean Difference',
  SMD: 'Std. Mean Difference',
  HR: 'Hazard Ratio',
};

/** Column heading of the effect, e.g. "Mean Difference", "Odds Ratio". */
export function measureName(methods: MethodsUsed, genericName = 'Estimate'): string {
  return methods.effectMeasure === 'GENERIC' ? genericName : MEASURE_NAMES[methods.effectMeasure];
}

/** Percent of a confidence level: 0.95 → "95%". */
export function ciLevelLabel(level: number): string {
  const pct = level * 100;
  return `${Number.isInteger(Math.round(pct * 1e6) / 1e6) ? Math.round(pct) : formatFixed(pct, 1)}%`;
}

/** Method sub-heading, e.g. "M-H, Fixed, 95% CI", "IV, Random, 95% CI", "Peto, Fixed, 95% CI". */
export function methodHeading(methods: MethodsUsed): string {
  // RevMan names the O−E method by its formula.
  const method =
    methods.dataType === 'oe-variance' ? 'Exp[(O-E) / V]' : methods.method === 'MH' ? 'M-H' : methods.method === 'PETO' ? 'Peto' : 'IV';
  const model = methods.model === 'random' ? 'Random' : 'Fixed';
  return `${method}, ${model}, ${ciLevelLabel(methods.studyCiLevel)} CI`;
}

/**
 * Per-arm numbers as entered (RevMan prints means and SDs as stored): integers as they are,
 * other values with at most four decimals and no trailing zeros, e.g. 4.7, 1.71, -0.88.
 */
export function formatDataValue(x: number): string {
  if (!Number.isFinite(x)) return '';
  if (Number.isInteger(x)) return String(x);
  const s = formatFixed(x, 4);
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** `-1.50 [-4.79, 1.79]`, or "Not estimable". */
export function formatRowEstimate(estimate: number | null, lower: number | null, upper: number | null): string {
  return estimate === null || lower === null || upper === null ? 'Not estimable' : formatEstimateWithCi(estimate, lower, upper);
}

/** Prediction interval cell, `[0.62, 1.22]`. */
export function formatInterval(lower: number, upper: number): string {
  return `[${formatEstimate(lower)}, ${formatEstimate(upper)}]`;
}

/** "Heterogeneity: …" for a pooled result; "Not applicable" with fewer than two estimable studies. */
export function heterogeneityLine(pooled: PooledResult, random: boolean): string {
  if (!pooled.estimable || pooled.df < 1) return 'Heterogeneity: Not applicable';
  return formatHeterogeneity(pooled, random);
}

/** "Test for overall effect: Z = 2.53 (P = 0.01)"; "Not applicable" when not estimable. */
export function overallEffectLine(pooled: PooledResult): string {
  if (!pooled.estimable) return 'Test for overall effect: Not applicable';
  return formatOverallEffect(pooled);
}

/** RevMan 5.1+: "Test for subgroup differences: Chi² = 0.46, df = 1 (P = 0.50), I² = 0%". */
export function subgroupDifferencesLine(test: SubgroupDifferences | null): string {
  if (test === null || test.df < 1) return 'Test for subgroup differences: Not applicable';
  return `Test for subgroup differences: Chi² = ${formatStatistic(test.q)}, df = ${test.df} (${formatP(test.p)}), I² = ${formatI2(test.i2)}`;
}
