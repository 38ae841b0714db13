import type { FinalDecision } from '../../api/contract-screening.ts';

// Reports sought but not retrieved (PRISMA 2020): at full text a record whose report could
// not be obtained is marked so. The mark is not a screening decision, and the two exclude
// each other:
//   - a marked record is neither included nor excluded at full text and is not assessed for
//     eligibility; it takes no decision until it is unmarked;
//   - a record someone has decided at full text was retrieved (they read it), so it cannot
//     be marked until those decisions are taken back.
// Only a merge of two copies (one marked, the other decided) can bring both; the mark then
// wins, so a report is counted once: not retrieved, never also assessed or excluded.

/** What a full-text record comes to: not retrieved, or assessed with its final decision (null while undecided). */
export type FullTextOutcome = { readonly kind: 'not-retrieved' } | { readonly kind: 'assessed'; readonly final: FinalDecision | null };

export function fullTextOutcome(notRetrieved: boolean, final: FinalDecision | null): FullTextOutcome {
  return notRetrieved ? { kind: 'not-retrieved' } : { kind: 'assessed', final };
}

/** Whether a record's report may be marked not retrieved: nobody has decided it at full text. */
export function mayMarkNotRetrieved(fullTextDecisions: number): boolean {
  return fullTextDecisions === 0;
}
