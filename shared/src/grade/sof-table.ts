import type { AssembledAnalysis } from '../analysis/assemble.ts';
import { effectWithCi } from '../analysis/wording.ts';
import type { ReportTable } from '../report/report-table.ts';
import { absoluteEffect, continuousDifference } from './absolute-effects.ts';
import { certaintyFootnotes, type GradeAssessment } from './certainty.ts';
import { certaintyState, certaintyStateDisplay } from './certainty-state.ts';

// The Cochrane "Summary of findings" table (reference grade-sof.md §1.2, §1.5, §5): one row
// per outcome, anticipated absolute effects, relative effect, participants (studies),
// certainty with footnote letters, comments; then the standard footer.

/** The header's parts as the review gives them; null: not filled in yet (printed as a gap). */
export interface SofOptions {
  intervention: string | null;
  comparator: string | null;
  population: string | null;
  setting?: string;
}

/**
 * An unfilled header part prints as a visible gap that names what belongs there, never as
 * a generic word ("Intervention compared to comparator") that reads like a finished table.
 */
export const sofGap = (what: 'intervention' | 'comparator' | 'population'): string => `[${what}: to be filled in]`;

export const GRADE_DEFINITIONS = [
  'High certainty: we are very confident that the true effect lies close to that of the estimate of the effect.',
  'Moderate certainty: we are moderately confident in the effect estimate; the true effect is likely to be close to the estimate of the effect, but there is a possibility that it is substantially different.',
  'Low certainty: our confidence in the effect estimate is limited; the true effect may be substantially different from the estimate of the effect.',
  'Very low certainty: we have very little confidence in the effect estimate; the true effect is likely to be substantially different from the estimate of effect.',
];

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  CI: 'confidence interval',
  MD: 'mean difference',
  OR: 'odds ratio',
  RR: 'risk ratio',
  RD: 'risk difference',
  SMD: 'standardised mean difference',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function buildSummaryOfFindings(
  analyses: readonly AssembledAnalysis[],
  grades: ReadonlyMap<string, GradeAssessment>,
  options: SofOptions,
): ReportTable {
  const notes: string[] = [];
  const letter = (text: string): string => {
    let i = notes.indexOf(text);
    if (i < 0) i = notes.push(text) - 1;
    return String.fromCharCode(97 + i);
  };
  const intervention = options.intervention ?? sofGap('intervention');
  const comparator = options.comparator ?? sofGap('comparator');
  const population = options.population ?? sofGap('population');
  const used = new Set<string>(['CI']);
  const rows = analyses.map((a) => {
    // Ratings are kept by outcome id; an analysis without a place in the outline by its spec.
    const grade = grades.get(a.outcomeId ?? `${a.spec.outcomeId}@${a.spec.categoryId}`);
    const k = a.contributions.filter((c) => c.included).length;
    const outcome = `${a.outcomeName}\n${a.categoryName}${a.direction === 'lower-better' ? '; lower scores are better' : ''}`;
    const participants = k > 0 ? `${a.participants} (${k} RCT${k === 1 ? '' : 's'})` : '—';
    const overall = a.synthesis === 'meta-analysis' && a.result?.overall?.estimable ? a.result.overall : null;
    let comparatorCell = '—';
    let interventionCell = '—';
    let relative = '—';
    let comment = grade?.comment ?? '';
    if (!overall) {
      comment = [
        comment,
        a.synthesis === 'narrative synthesis'
          ? `Fewer than ${a.minStudies} studies: not pooled (narrative synthesis)`
          : 'No studies reported this outcome',
      ]
        .filter(Boolean)
        .join('. ');
    } else if (a.dataType === 'dichotomous' && a.input?.dataType === 'dichotomous') {
      const risks = a.input.rows.map((r) => r.events2 / r.total2);
      const p0 = median(risks);
      const abs = absoluteEffect(a.effectMeasure === 'OR' ? 'OR' : a.effectMeasure === 'RD' ? 'RD' : 'RR', p0, {
        estimate: overall.estimate,
        lower: overall.ciLower,
        upper: overall.ciUpper,
      });
      comparatorCell = `${abs.comparator} ${letter('Assumed comparator risk: the median risk in the comparator groups of the included studies.')}`;
      interventionCell = abs.intervention;
      relative = effectWithCi(a.effectMeasure, overall.estimate, overall.ciLower, overall.ciUpper);
      used.add(a.effectMeasure);
    } else if (a.effectMeasure === 'MD' || a.effectMeasure === 'SMD') {
      interventionCell = continuousDifference(a.effectMeasure, overall.estimate, overall.ciLower, overall.ciUpper);
      if (a.effectMeasure === 'MD' && a.input?.dataType === 'continuous') {
        const means = a.input.rows.map((r) => r.mean2);
        const lo = Math.min(...means);
        const hi = Math.max(...means);
        comparatorCell =
          lo === hi
            ? `The mean ${a.outcomeName.toLowerCase()} was ${lo.toFixed(2)}`
            : `The mean ${a.outcomeName.toLowerCase()} ranged across control groups from ${lo.toFixed(2)} to ${hi.toFixed(2)}`;
      }
      used.add(a.effectMeasure);
    }
    // Without a pooled result there is no body of evidence to rate; with one, an unsaved rating is "not yet rated".
    let certainty = '—';
    if (overall) {
      const letters = grade ? certaintyFootnotes(grade).map(letter) : [];
      certainty = `${certaintyStateDisplay(certaintyState(grade))}${letters.length ? ` ${letters.join(',')}` : ''}`;
    }
    return [outcome, comparatorCell, interventionCell, relative, participants, certainty, comment];
  });
  const header = `${intervention} compared to ${comparator} for ${population}`;
  return {
    title: header,
    columns: [
      'Outcomes',
      `Anticipated absolute effects* (95% CI): risk with ${comparator}`,
      `Risk with ${intervention}`,
      'Relative effect (95% CI)',
      '№ of participants (studies)',
      'Certainty of the evidence (GRADE)',
      'Comments',
    ],
    groups: [{ rows }],
    footnotes: [
      `Patient or population: ${population}${options.setting ? `. Setting: ${options.setting}` : ''}. Intervention: ${intervention}. Comparison: ${comparator}.`,
      '*The risk in the intervention group (and its 95% confidence interval) is based on the assumed risk in the comparison group and the relative effect of the intervention (and its 95% CI).',
      [...used].map((u) => `${u}: ${ABBREVIATIONS[u] ?? u}`).join('; '),
      'GRADE Working Group grades of evidence',
      ...GRADE_DEFINITIONS,
      ...(notes.length ? ['Explanations', ...notes.map((n, i) => `${String.fromCharCode(97 + i)} ${n}`)] : []),
    ],
    orientation: 'landscape',
  };
}
