import type { Rob1Judgement } from './judgements.ts';
import { ROB1_DOMAIN_IDS, type Rob1DomainId } from './rob1-domains.ts';
import { rob1Entry, type Rob1Assessment, type Rob1GroupableDomainEntry } from './rob1-assessment.ts';

// How per-outcome-group judgements reach the study level.
//
// Choice (documented in docs/risk-of-bias.md): a domain judged per outcome group counts,
// at study level, as the WORST judgement across its groups (low < unclear < high) — the
// study-level figure and overall judgement must not look better than any outcome the study
// contributes. With groups not judged yet the same "decided regardless" principle as the
// overall rule applies: one high group makes the domain high whatever the others turn out
// to be; otherwise any not-judged group leaves the domain not judged (it could still be
// high); otherwise the worst of unclear/low.
//
// Callers that need the judgement for one outcome (Handbook 5.1 Table 8.7.a summarises per
// outcome) use rob1JudgementsForOutcomeGroup and feed that to the overall rule instead.

export type Rob1DomainJudgements = Record<Rob1DomainId, Rob1Judgement | null>;

/** Worst across judgements, with null (not judged) handled as described above. */
export function worstAcrossOutcomeGroups(judgements: readonly (Rob1Judgement | null)[]): Rob1Judgement | null {
  if (judgements.length === 0) return null;
  if (judgements.includes('high')) return 'high';
  if (judgements.includes(null)) return null;
  return judgements.includes('unclear') ? 'unclear' : 'low';
}

/** A domain entry's study-level judgement. */
export function studyLevelJudgement(entry: Rob1GroupableDomainEntry): Rob1Judgement | null {
  return entry.level === 'study' ? entry.judgement : worstAcrossOutcomeGroups(entry.groups.map((g) => g.judgement));
}

/** Every domain's study-level judgement (grouped domains collapsed to their worst group). */
export function rob1StudyLevelJudgements(assessment: Rob1Assessment): Rob1DomainJudgements {
  const out = {} as Rob1DomainJudgements;
  for (const id of ROB1_DOMAIN_IDS) out[id] = studyLevelJudgement(rob1Entry(assessment, id));
  return out;
}

/**
 * Every domain's judgement as it applies to one outcome group: study-level entries apply to
 * all groups; a grouped entry gives that group's judgement, or null when the group is not
 * listed (not judged for this group).
 */
export function rob1JudgementsForOutcomeGroup(assessment: Rob1Assessment, outcomeGroup: string): Rob1DomainJudgements {
  const out = {} as Rob1DomainJudgements;
  for (const id of ROB1_DOMAIN_IDS) {
    const entry = rob1Entry(assessment, id);
    out[id] = entry.level === 'study' ? entry.judgement : (entry.groups.find((g) => g.outcomeGroup === outcomeGroup)?.judgement ?? null);
  }
  return out;
}

/** The outcome groups any domain of the assessment is judged for, in first-seen order. */
export function rob1OutcomeGroups(assessment: Rob1Assessment): string[] {
  const ids: string[] = [];
  for (const id of ROB1_DOMAIN_IDS) {
    const entry = rob1Entry(assessment, id);
    if (entry.level === 'outcome-group') for (const g of entry.groups) if (!ids.includes(g.outcomeGroup)) ids.push(g.outcomeGroup);
  }
  return ids;
}
