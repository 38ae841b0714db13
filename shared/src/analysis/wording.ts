import { evidenceStrength, type ReportingConventions } from '../stats/conventions.ts';
import { formatEstimate, formatFixed, formatP } from '../stats/display.ts';
import type { AnalysisConventions } from '../model/protocol.ts';
import type { AssembledAnalysis } from './assemble.ts';

// The seed's wording, from its rules: strength of evidence from P, magnitude of an SMD,
// numbers in words at the start of a sentence ("Five trials provided usable
// post-intervention data …").

const NUMBER_WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve'];

export function numberWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

export function reportingConventions(c: AnalysisConventions): ReportingConventions {
  return {
    minStudiesForMetaAnalysis: c.minStudiesForMetaAnalysis,
    smdThresholds: { small: c.smdSmall, medium: c.smdMedium, large: c.smdLarge },
    evidenceThresholds: { veryStrong: 0.001, strong: 0.01, weak: 0.1 },
  };
}

/**
 * Magnitude words as the seed uses them: it calls SMDs of 0.18 and 0.21 "small", i.e.
 * any effect below the medium threshold is small; medium and large follow Cohen.
 */
export function magnitudeWord(smd: number, c: AnalysisConventions): 'small' | 'medium' | 'large' {
  const a = Math.abs(smd);
  if (a >= c.smdLarge) return 'large';
  if (a >= c.smdMedium) return 'medium';
  return 'small';
}

/** "SMD 0.18 (0.07 to 0.29)", as the seed's Table 2 prints an effect. */
export function effectWithCi(measure: string, estimate: number, lower: number, upper: number): string {
  return `${measure} ${formatEstimate(estimate)} (${formatEstimate(lower)} to ${formatEstimate(upper)})`;
}

/** "0.002", "0.07", "<0.00001": the P of Table 2's column, without the "P =" that its header carries. */
export function pValueText(p: number): string {
  const t = formatP(p);
  return t.startsWith('P < ') ? `<${t.slice(4)}` : t.slice(4);
}

function timepointPhrase(categoryName: string): string {
  const lower = categoryName.toLowerCase();
  return lower.includes('follow') ? 'follow-up' : lower;
}

/**
 * One draft sentence per analysis in the seed's wording. Its P is RevMan's own display
 * rule (`formatP`: "P = 0.03", "P < 0.00001"), never "P = " glued to Table 2's column text.
 */
export function resultsSentence(a: AssembledAnalysis, conventions: AnalysisConventions, intervention = 'the intervention'): string {
  const included = a.contributions.filter((c) => c.included);
  const k = a.result?.rows.filter((r) => r.estimable).length ?? 0;
  const outcome = a.outcomeName.toLowerCase();
  const when = timepointPhrase(a.categoryName);
  if (a.synthesis === 'no data' || !a.result) return `No trials provided usable ${when} data for ${outcome}.`;
  if (a.synthesis === 'narrative synthesis') {
    const each = a.result.rows
      .filter((r) => r.estimable && r.estimate !== null && r.ciLower !== null && r.ciUpper !== null)
      .map((r) => `${r.study}: ${effectWithCi(a.effectMeasure, r.estimate!, r.ciLower!, r.ciUpper!)}`)
      .join('; ');
    return `Only ${numberWord(k).toLowerCase()} ${k === 1 ? 'study' : 'studies'} reported ${when} data for ${outcome}, so meta-analysis was not possible${each ? ` (${each})` : ''}.`;
  }
  const overall = a.result.overall;
  if (!overall || !overall.estimable)
    return `${numberWord(k)} trials provided usable ${when} data for ${outcome}, but no pooled estimate could be computed.`;
  const strength = evidenceStrength(overall.p, reportingConventions(conventions));
  const start = `${numberWord(included.length)} trials provided usable ${when} data for meta-analysis, which found`;
  if (strength === 'no evidence') return `${start} no evidence for an effect of ${intervention} on ${outcome}.`;
  const size = a.effectMeasure === 'SMD' ? `a ${magnitudeWord(overall.estimate, conventions)} effect` : 'an effect';
  return `${start} ${strength} for ${size} of ${intervention} on ${outcome} (${effectWithCi(a.effectMeasure, overall.estimate, overall.ciLower, overall.ciUpper)}, ${formatP(overall.p)}).`;
}

export function heterogeneityText(q: number, df: number, i2: number): string {
  return `${formatFixed(i2, 0)} (${formatFixed(q, 2)}, ${df})`;
}
