import type { AnalysisConventions } from '../model/protocol.ts';
import type { AssembledAnalysis } from './assemble.ts';
import { effectWithCi, heterogeneityText, pValueText } from './wording.ts';

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

export const TABLE2_COLUMNS = ['Outcome', 'Number of trials', 'N', 'SMD or MD (95% CI)', 'P', 'Heterogeneity I² (Chi², df)', 'Duration of follow-up'] as const;

export function buildTable2(analyses: readonly AssembledAnalysis[], followUps: ReadonlyMap<string, string>, _conventions: AnalysisConventions): Table2 {
  const groups = new Map<string, Table2Row[]>();
  const notes = new Set<string>();
  for (const a of analyses) {
    if (a.synthesis !== 'meta-analysis' || !a.result?.overall || !a.result.overall.estimable) continue;
    const o = a.result.overall;
    const included = a.contributions.filter((c) => c.included);
    for (const c of included) if (c.derivations.some((d) => d.method === 'combine-groups')) notes.add(`Means and standard deviations of the comparator arms were combined for ${c.label}.`);
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

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A standalone, printable HTML table in a journal's style. */
export function table2Html(t: Table2): string {
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = t.groups
    .map(
      (g) =>
        `<tr class="group"><th colspan="${t.columns.length}" scope="rowgroup">${escapeHtml(g.timepoint)}</th></tr>` +
        g.rows
          .map(
            (r) =>
              `<tr><td>${escapeHtml(r.outcome)}<br><span class="studies">${escapeHtml(r.studies.join(', '))}</span></td><td>${r.trials}</td><td>${r.participants}</td><td>${escapeHtml(r.effect)}</td><td>${escapeHtml(r.p)}</td><td>${escapeHtml(r.heterogeneity)}</td><td>${escapeHtml(r.followUp)}</td></tr>`,
          )
          .join(''),
    )
    .join('');
  const style =
    'body{font-family:"Times New Roman",Times,serif;font-size:10pt;margin:2cm}table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;margin-bottom:6pt}' +
    'thead th{border-top:1.5pt solid #000;border-bottom:0.75pt solid #000;text-align:left;padding:3pt 6pt;vertical-align:bottom}td{padding:3pt 6pt;vertical-align:top}' +
    'tbody tr:last-child td{border-bottom:1.5pt solid #000}tr.group th{text-align:left;font-style:italic;font-weight:normal;padding:6pt 6pt 2pt}.studies{color:#444;font-size:9pt}' +
    'p.note{font-size:8.5pt;margin:4pt 0}@page{size:A4 landscape;margin:2cm}';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title><style>${style}</style></head><body><table><caption>${escapeHtml(
    t.title,
  )}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${t.footnotes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}</body></html>\n`;
}

function csvCell(s: string | number): string {
  const t = String(s);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function table2Csv(t: Table2): string {
  const lines = [['Timepoint', 'Outcome', 'Studies', ...t.columns.slice(1)].map(csvCell).join(',')];
  for (const g of t.groups) {
    for (const r of g.rows) {
      lines.push([g.timepoint, r.outcome, r.studies.join('; '), r.trials, r.participants, r.effect, r.p, r.heterogeneity, r.followUp].map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
