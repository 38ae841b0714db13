import { pValueText, type AnalysisSummary } from '@grove/shared';
import { formatEstimateWithCi, formatI2, formatStatistic } from '@grove/shared/stats/index';
import type { OverallResult } from '@grove/shared/stats/index';

// Display strings for the Analyses stage. Every number comes from the statistical core's
// result as the API returned it; these only format it the way RevMan 5 prints it.

export const MODEL_LABELS = { fixed: 'Fixed effect', random: 'Random effects' } as const;
export const PRESET_LABELS = { revman5: 'RevMan 5', cochrane2025: 'Cochrane 2025' } as const;
export const MEASURE_NAMES: Readonly<Record<string, string>> = {
  MD: 'Mean difference',
  SMD: 'Std. mean difference',
  RR: 'Risk ratio',
  OR: 'Odds ratio',
  RD: 'Risk difference',
  PETO_OR: 'Peto odds ratio',
};

export type Pooled = Extract<OverallResult, { estimable: true }>;

export function pooled(s: AnalysisSummary): Pooled | null {
  const o = s.analysis.result?.overall;
  return s.analysis.synthesis === 'meta-analysis' && o && o.estimable ? o : null;
}

export function studyCount(s: AnalysisSummary): number {
  return s.analysis.contributions.filter((c) => c.included).length;
}

export function estimateText(p: Pick<Pooled, 'estimate' | 'ciLower' | 'ciUpper'>): string {
  return formatEstimateWithCi(p.estimate, p.ciLower, p.ciUpper);
}

/** "0.04", "<0.00001": a P column's text, by shared's one rule (pValueText over formatP). */
export function pText(p: number): string {
  return pValueText(p);
}

export function i2Text(p: Pick<Pooled, 'i2'>): string {
  return formatI2(p.i2);
}

export function tau2Text(p: Pooled): string {
  return formatStatistic(p.tau2);
}

/** "Mean difference, IV, random, 95% CI" style method line, from the result's own record. */
export function methodLine(s: AnalysisSummary): string {
  const m = s.analysis.result?.methods;
  if (!m) return '';
  const model = m.model === 'random' ? 'Random' : 'Fixed';
  const tau = m.model === 'random' && m.tau2Estimator ? ` (τ² ${m.tau2Estimator}${m.ciMethod !== 'wald' ? ', HKSJ' : ''})` : '';
  return `${MEASURE_NAMES[m.effectMeasure] ?? m.effectMeasure}, ${m.method}, ${model}${tau}, ${Math.round(m.ciLevel * 100)}% CI`;
}
