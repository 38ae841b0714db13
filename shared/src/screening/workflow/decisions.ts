import type { FinalDecision, ScreeningDecision } from '../../api/contract-screening.ts';

// What a record's decisions at a stage add up to: whether other reviewers' decisions may be
// shown (blinding), whether the reviewers disagree (a conflict), and the final decision.

export interface ReviewerDecision {
  readonly reviewerId: string;
  readonly decision: ScreeningDecision;
  /** Full text: the exclusion reason. Two exclusions for different reasons disagree (PRISMA reports one reason per report). */
  readonly reasonId?: string | null;
  readonly decidedAt: string;
}

const verdict = (d: ReviewerDecision): string => `${d.decision}|${d.reasonId ?? ''}`;

/** The reviewers' decisions in the order they were made (ties by reviewer id, so every copy agrees). */
export function inDecisionOrder<D extends ReviewerDecision>(decisions: readonly D[]): D[] {
  return [...decisions].sort((a, b) =>
    a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : 0,
  );
}

/** The earliest decision (what an included-plus-excluded sample looks at), or null. */
export function firstDecision(decisions: readonly ReviewerDecision[]): ScreeningDecision | null {
  return inDecisionOrder(decisions)[0]?.decision ?? null;
}

/** Every reviewer the record needs has decided. */
export function isComplete(required: number, decisions: readonly ReviewerDecision[]): boolean {
  return new Set(decisions.map((d) => d.reviewerId)).size >= required;
}

/**
 * Blinding: nobody sees another reviewer's decision on a record until every reviewer the
 * record needs (its dual-screening sample) has decided. The viewer's own decision is
 * always theirs to see, and is not "another's".
 */
export function mayShowOthers(required: number, decisions: readonly ReviewerDecision[]): boolean {
  return isComplete(required, decisions);
}

/** Reviewers disagree: two or more decisions (with their reasons) that are not all the same. */
export function isConflict(decisions: readonly ReviewerDecision[]): boolean {
  return new Set(decisions.map(verdict)).size > 1;
}

/**
 * The final decision: the resolution of a conflict; else, once every reviewer the record
 * needs has decided, their agreed decision (or the one screener's); else none yet
 * (waiting for a reviewer, or an open conflict).
 */
export function finalDecision(
  required: number,
  decisions: readonly ReviewerDecision[],
  resolution: ScreeningDecision | null,
): FinalDecision | null {
  if (resolution !== null) return { decision: resolution, source: 'resolution' };
  if (decisions.length === 0 || !isComplete(required, decisions) || isConflict(decisions)) return null;
  return { decision: decisions[0]!.decision, source: decisions.length === 1 ? 'single' : 'agreed' };
}

/**
 * Whether a record goes on from title/abstract to full text: its final decision includes it
 * or leaves it uncertain ("maybe"). A record is never lost because a screener was unsure;
 * the full text decides.
 */
export function goesToFullText(final: FinalDecision | null): boolean {
  return final !== null && final.decision !== 'exclude';
}
