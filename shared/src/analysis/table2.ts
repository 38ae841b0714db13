import type { AnalysisConventions } from '../model/protocol.ts';
import type { AssembledAnalysis } from './assemble.ts';
import { effectWithCi, heterogeneityText, pValueText } from './wording.ts';
import type { ReportTable } from '../report/report-table.ts';

// Table 2 in the seed's layout: one row per analysed outcome, grouped by timepoint:
// outcome (with the contributing studies), number of trials, N, SMD or MD (95% CI), P,
// heterogeneity I² (Chi², df), and the duration of follow-up.

export interface Table2Row {
  outcome: string;
  studies: string[];
  trials: number;
  participants: number;
  effect: string;
  p: string;
  heterogeneity: string;
  followUp: string;
}

export interface Table2Group {
  timepoint: string;
  rows: Table2Row[];
}

export interface Table2 {
  title: string;
  columns: readonly string[];
  groups: Table2Group[];
  footnotes: string[];
}

export const TABLE2_COLUMNS = [
  'Outcome',
  'Number of trials',
  'N',
  'SMD or MD (95% CI)',
  'P',
  'Heterogeneity I² (Chi², df)',
  'Duration of follow-up',
] as const;

export function buildTable2(
  analyses: readonly AssembledAnalysis[],
  followUps: ReadonlyMap<string, string>,
  _conventions: AnalysisConventions,
): Table2 {
  const groups = new Map<string, Table2Row[]>();
  const notes = new Set<string>();
  for (const a of analyses) {
    if (a.synthesis !== 'meta-analysis' || !a.result?.overall || !a.result.overall.estimable) continue;
    const o = a.result.overall;
    const included = a.contributions.filter((c) => c.included);
    for (const c of included)
      if (c.derivations.some((d) => d.method === 'combine-groups'))
        notes.add(`Means and standard deviations of the comparator arms were combined for ${c.label}.`);
    const rows = groups.get(a.categoryName) ?? [];
    rows.push({
      outcome: a.outcomeName,
      studies: included.map((c) => c.label),
      trials: included.length,
      participants: a.participants,
      effect: effectWithCi(a.effectMeasure, o.estimate, o.ciLower, o.ciUpper),
      p: pValueText(o.p),
      heterogeneity: heterogeneityText(o.q, o.df, o.i2),
      followUp: followUps.get(`${a.spec.outcomeId}@${a.spec.categoryId}`) ?? '',
    });
    groups.set(a.categoryName, rows);
  }
  return {
    title: 'Table 2 Results of the main analyses',
    columns: TABLE2_COLUMNS,
    groups: [...groups].map(([timepoint, rows]) => ({ timepoint, rows })),
    footnotes: [
      ...notes,
      'MD mean difference, SMD standardised mean difference, CI confidence interval, N number of participants providing outcome data, df degrees of freedom.',
    ],
  };
}

/** Table 2 as a printable table (HTML, CSV and DOCX come from shared/src/report). */
export function table2AsReportTable(t: Table2): ReportTable {
  return {
    title: t.title,
    columns: t.columns,
    groups: t.groups.map((g) => ({
      heading: g.timepoint,
      rows: g.rows.map((r) => [
        `${r.outcome}\n${r.studies.join(', ')}`,
        String(r.trials),
        String(r.participants),
        r.effect,
        r.p,
        r.heterogeneity,
        r.followUp,
      ]),
    })),
    footnotes: t.footnotes,
    orientation: 'landscape',
  };
}
