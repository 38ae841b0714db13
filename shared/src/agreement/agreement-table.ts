import type { ReportTable } from '../report/report-table.ts';
import type { AgreementItem } from './extraction-agreement.ts';
import { formatKappa, formatPercent, kappaText } from './wording.ts';

// The printable agreement report: per stage and sample, items judged by both reviewers,
// percent agreement, Cohen's κ with its 95% CI and PABAK, as the shared printable table
// (printed, and exported as DOCX and CSV, like Table 1).

export interface AgreementSection {
  /** "Risk of bias (RoB 1): Naomi Lyons and Chris Cooper, 10% sample". */
  readonly heading: string;
  readonly items: readonly AgreementItem[];
}

export const AGREEMENT_COLUMNS = ['Judgements', 'Judged by both', 'Agreement', 'Cohen’s κ (95% CI)', 'PABAK'] as const;

function row(item: AgreementItem): string[] {
  const a = item.agreement;
  if (a.n === 0) return [item.label, '0', '—', '—', '—'];
  return [
    item.label,
    String(a.n),
    `${a.agreed} of ${a.n} (${formatPercent(a.percentAgreement!)})`,
    item.kappaApplies ? kappaText(a) : 'not applicable',
    item.kappaApplies && a.pabak !== null ? formatKappa(a.pabak) : item.kappaApplies ? '—' : 'not applicable',
  ];
}

export function agreementTable(sections: readonly AgreementSection[]): ReportTable {
  return {
    title: 'Agreement between reviewers',
    columns: AGREEMENT_COLUMNS,
    groups: sections.map((s) => ({ heading: s.heading, rows: s.items.map(row) })),
    footnotes: [
      'Agreement: items both reviewers judged, before disagreements were resolved. Cohen’s κ with its 95% confidence interval from the large-sample standard error of Fleiss, Cohen & Everitt (1969); PABAK, the prevalence- and bias-adjusted κ (Byrt, Bishop & Carlin 1993), over the categories that could be chosen.',
      'κ is undefined when both reviewers used one and the same category for every item; it is not applicable to free-text or numeric values, for which only percent agreement is given.',
    ],
    orientation: 'portrait',
  };
}
