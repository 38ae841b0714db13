import { ROB1_JUDGEMENTS, ROB2_JUDGEMENTS, type Rob1Judgement, type Rob2Judgement } from './judgements.ts';
import { ROB1_DOMAIN_IDS, type Rob1DomainId } from './rob1-domains.ts';
import { rob1Entry, type Rob1Assessment } from './rob1-assessment.ts';
import { studyLevelJudgement } from './rob1-outcome-groups.ts';
import { DEFAULT_ROB1_OVERALL_RULE, rob1StudyOverall, type Rob1OverallRule } from './rob1-overall.ts';
import { ROB2_DOMAIN_IDS, type Rob2DomainId } from './rob2-questions.ts';
import { effectiveRob2Judgement, type Rob2ResultAssessment } from './rob2-assessment.ts';
import { agreement, type Agreement } from '../agreement/agreement.ts';

// Double assessment: the disagreements to resolve and the agreement to report, comparing a
// first and a second reviewer's assessments of the same studies (RoB 1) or results (RoB 2).
//
// Unit of comparison. RoB 1: one cell per study × domain. When BOTH reviewers judged a
// domain per outcome group the cells are per group (a group only one of them listed counts
// as not judged by the other); when either judged it at study level, the study-level
// judgements are compared (worst across groups, as for the overall). RoB 2: one cell per
// result × domain, using each reviewer's effective judgement (final, else proposed).
// The overall judgements are compared separately: they follow from the domains and would
// double-count them in a pooled κ.

export interface RatingCell<D extends string, J extends string> {
  /** Study id (RoB 1) or result id (RoB 2). */
  itemId: string;
  domain: D;
  /** Null for study-level cells. */
  outcomeGroup: string | null;
  first: J | null;
  second: J | null;
}

export interface AssessmentComparison<D extends string, J extends string> {
  cells: RatingCell<D, J>[];
  /** Both judged, differently. */
  disagreements: RatingCell<D, J>[];
  /** At least one reviewer has not judged yet. */
  incomplete: RatingCell<D, J>[];
  /** Pooled over all domain cells. */
  agreement: Agreement<J>;
  byDomain: Record<D, Agreement<J>>;
  /** Overall judgements (RoB 1: pending counts as not judged). */
  overall: Agreement<J>;
  overallDisagreements: Array<{ itemId: string; first: J | null; second: J | null }>;
}

function summarise<D extends string, J extends string>(
  domains: readonly D[],
  categories: readonly J[],
  cells: RatingCell<D, J>[],
  overalls: Array<{ itemId: string; first: J | null; second: J | null }>,
): AssessmentComparison<D, J> {
  const byDomain = {} as Record<D, Agreement<J>>;
  for (const d of domains)
    byDomain[d] = agreement(
      cells.filter((c) => c.domain === d).map((c) => [c.first, c.second] as const),
      categories,
    );
  return {
    cells,
    disagreements: cells.filter((c) => c.first !== null && c.second !== null && c.first !== c.second),
    incomplete: cells.filter((c) => c.first === null || c.second === null),
    agreement: agreement(
      cells.map((c) => [c.first, c.second] as const),
      categories,
    ),
    byDomain,
    overall: agreement(
      overalls.map((o) => [o.first, o.second] as const),
      categories,
    ),
    overallDisagreements: overalls.filter((o) => o.first !== null && o.second !== null && o.first !== o.second),
  };
}

export interface Rob1Pair {
  studyId: string;
  first: Rob1Assessment;
  second: Rob1Assessment;
}

export function compareRob1Assessments(
  pairs: readonly Rob1Pair[],
  rule: Rob1OverallRule = DEFAULT_ROB1_OVERALL_RULE,
): AssessmentComparison<Rob1DomainId, Rob1Judgement> {
  const cells: RatingCell<Rob1DomainId, Rob1Judgement>[] = [];
  const overalls: Array<{ itemId: string; first: Rob1Judgement | null; second: Rob1Judgement | null }> = [];
  for (const { studyId, first, second } of pairs) {
    for (const domain of ROB1_DOMAIN_IDS) {
      const a = rob1Entry(first, domain);
      const b = rob1Entry(second, domain);
      if (a.level === 'outcome-group' && b.level === 'outcome-group') {
        const groups = [...new Set([...a.groups, ...b.groups].map((g) => g.outcomeGroup))];
        for (const g of groups)
          cells.push({
            itemId: studyId,
            domain,
            outcomeGroup: g,
            first: a.groups.find((x) => x.outcomeGroup === g)?.judgement ?? null,
            second: b.groups.find((x) => x.outcomeGroup === g)?.judgement ?? null,
          });
      } else {
        cells.push({ itemId: studyId, domain, outcomeGroup: null, first: studyLevelJudgement(a), second: studyLevelJudgement(b) });
      }
    }
    const decided = (x: Rob1Assessment) => {
      const j = rob1StudyOverall(x, rule).judgement;
      return j === 'pending' ? null : j;
    };
    overalls.push({ itemId: studyId, first: decided(first), second: decided(second) });
  }
  return summarise(ROB1_DOMAIN_IDS, ROB1_JUDGEMENTS, cells, overalls);
}

export interface Rob2Pair {
  resultId: string;
  first: Rob2ResultAssessment;
  second: Rob2ResultAssessment;
}

export function compareRob2Assessments(pairs: readonly Rob2Pair[]): AssessmentComparison<Rob2DomainId, Rob2Judgement> {
  const cells: RatingCell<Rob2DomainId, Rob2Judgement>[] = [];
  const overalls: Array<{ itemId: string; first: Rob2Judgement | null; second: Rob2Judgement | null }> = [];
  for (const { resultId, first, second } of pairs) {
    for (const domain of ROB2_DOMAIN_IDS)
      cells.push({
        itemId: resultId,
        domain,
        outcomeGroup: null,
        first: effectiveRob2Judgement(first.domains[domain].judgement),
        second: effectiveRob2Judgement(second.domains[domain].judgement),
      });
    overalls.push({ itemId: resultId, first: effectiveRob2Judgement(first.overall), second: effectiveRob2Judgement(second.overall) });
  }
  return summarise(ROB2_DOMAIN_IDS, ROB2_JUDGEMENTS, cells, overalls);
}
