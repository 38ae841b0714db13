import { agreement, type Agreement } from '../../agreement/agreement.ts';
import type { ScreeningDecision } from '../../api/contract-screening.ts';
import { inDecisionOrder, type ReviewerDecision } from './decisions.ts';

// Agreement between reviewers at a stage: over every record two reviewers decided, the
// first two decisions made (a third reviewer's, rare, is left out so each record counts
// once), as percent agreement, Cohen's κ with the Fleiss–Cohen–Everitt 95% CI and PABAK
// (shared/src/agreement). Include and exclude are always the categories; maybe counts as a
// third only when a reviewer used it, so PABAK is the usual 2·po − 1 otherwise.

export const SCREENING_CATEGORIES: readonly ScreeningDecision[] = ['include', 'exclude'];

/** The pair of first two decisions of a record, or null when fewer than two reviewers decided. */
export function decisionPair(decisions: readonly ReviewerDecision[]): readonly [ScreeningDecision, ScreeningDecision] | null {
  const ordered = inDecisionOrder(decisions);
  const first = ordered[0];
  const second = ordered.find((d) => first !== undefined && d.reviewerId !== first.reviewerId);
  return first && second ? [first.decision, second.decision] : null;
}

export function screeningAgreement(records: Iterable<readonly ReviewerDecision[]>): Agreement<ScreeningDecision> {
  const pairs: Array<readonly [ScreeningDecision, ScreeningDecision]> = [];
  for (const decisions of records) {
    const pair = decisionPair(decisions);
    if (pair) pairs.push(pair);
  }
  return agreement<ScreeningDecision>(pairs, SCREENING_CATEGORIES);
}
