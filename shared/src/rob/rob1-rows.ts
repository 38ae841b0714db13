import { ROB1_DOMAIN_IDS, isRob1GroupableDomain, rob1DomainIdSchema, type Rob1DomainId } from './rob1-domains.ts';
import type { Rob1Judgement } from './judgements.ts';
import { emptyRob1Assessment, rob1AssessmentSchema, rob1Entry, type Rob1Assessment } from './rob1-assessment.ts';

// The RoB 1 assessment as flat rows — one per (domain, outcome group) with '' for study
// level — which is how the review file stores it (table rob1_judgement). These two
// functions are the only mapping between the rows and Rob1Assessment, so the rules live in
// one place: a domain with any outcome-group row is judged per group (a stray study-level
// row for it is an error, not silently dropped); outcome groups only on the three
// groupable domains; no domain row means "not judged".

export interface Rob1Row {
  domain: string;
  /** '' for a study-level judgement, otherwise the outcome group's name. */
  outcomeGroup: string;
  judgement: Rob1Judgement | null;
  support: string;
}

export type Rob1RowsResult = { ok: true; assessment: Rob1Assessment } | { ok: false; errors: string[] };

export function rob1AssessmentFromRows(rows: readonly Rob1Row[]): Rob1RowsResult {
  const errors: string[] = [];
  const assessment = emptyRob1Assessment() as Record<Rob1DomainId, unknown>;
  for (const domain of ROB1_DOMAIN_IDS) {
    const mine = rows.filter((r) => r.domain === domain);
    const study = mine.filter((r) => r.outcomeGroup === '');
    const groups = mine.filter((r) => r.outcomeGroup !== '');
    if (study.length > 1) errors.push(`${domain}: more than one study-level judgement`);
    if (groups.length > 0) {
      if (!isRob1GroupableDomain(domain)) errors.push(`${domain}: cannot be judged per outcome group`);
      if (study.length > 0) errors.push(`${domain}: judged both at study level and per outcome group`);
      assessment[domain] = {
        level: 'outcome-group',
        groups: groups.map((g) => ({ outcomeGroup: g.outcomeGroup, judgement: g.judgement, support: g.support })),
      };
    } else if (study[0]) {
      assessment[domain] = { level: 'study', judgement: study[0].judgement, support: study[0].support };
    }
  }
  for (const r of rows) if (!rob1DomainIdSchema.safeParse(r.domain).success) errors.push(`${r.domain}: not a RoB 1 domain`);
  const parsed = rob1AssessmentSchema.safeParse(assessment);
  if (!parsed.success) for (const issue of parsed.error.issues) errors.push(`${issue.path.join('.')}: ${issue.message}`);
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: [...new Set(errors)] };
  return { ok: true, assessment: parsed.data };
}

/** Rows for every domain, including not-judged study-level ones with empty support (skip those if you store sparsely). */
export function rob1AssessmentToRows(assessment: Rob1Assessment): Rob1Row[] {
  const rows: Rob1Row[] = [];
  for (const domain of ROB1_DOMAIN_IDS) {
    const entry = rob1Entry(assessment, domain);
    if (entry.level === 'study') rows.push({ domain, outcomeGroup: '', judgement: entry.judgement, support: entry.support });
    else for (const g of entry.groups) rows.push({ domain, outcomeGroup: g.outcomeGroup, judgement: g.judgement, support: g.support });
  }
  return rows;
}
