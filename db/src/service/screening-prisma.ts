import type { ReportCounts, ScreeningCounts } from '@grove/shared/prisma/index';
import type { Db } from '../connection.ts';
import { fullTextOutcome } from '@grove/shared/screening/workflow/index';
import { readNotRetrievedIds } from '../repositories/retrieval-repo.ts';
import { hasDecisions } from '../repositories/screening-decision-repo.ts';
import { readOtherMethodRecordIds } from '../repositories/screening-records-repo.ts';
import { readReasons } from '../repositories/screening-settings-repo.ts';
import { finalReason, stageStates } from './screening-state.ts';

// The PRISMA 2020 screening counts from the review's decisions, once it holds any (until
// then the hand-entered counts stand: the example review holds its counts but no records).
// Records from databases and registers are screened at title/abstract (the left column);
// records found by other methods go to the right column, from "sought for retrieval" on.
//   - screened: the title/abstract stage's records; excluded: their final exclusions;
//   - sought: records that went on to full text (included or "maybe" at title/abstract);
//   - not retrieved: those marked "Full text could not be obtained" (retrieval-handlers.ts);
//     assessed is sought − not retrieved, computed once in shared/src/prisma/flow.ts;
//   - excluded with reasons: final full-text exclusions of reports retrieved, per reason in
//     the review's order.

export function screeningCounts(db: Db): ScreeningCounts | null {
  if (!hasDecisions(db)) return null;
  const other = readOtherMethodRecordIds(db);
  const titleAbstract = stageStates(db, 'title-abstract').filter(({ id }) => !other.has(id));
  const fullText = stageStates(db, 'full-text');
  const reasons = readReasons(db);
  const marked = readNotRetrievedIds(db);
  const column = (fromOther: boolean): ReportCounts => {
    const records = fullText.filter(({ id }) => other.has(id) === fromOther);
    const byReason = new Map<string, number>();
    let notRetrieved = 0;
    for (const { id, state } of records) {
      if (fullTextOutcome(marked.has(id), state.final).kind === 'not-retrieved') {
        notRetrieved++;
        continue;
      }
      const reason = finalReason(state);
      if (reason) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    }
    return {
      sought: records.length,
      notRetrieved,
      excludedByReason: reasons.filter((r) => byReason.has(r.id)).map((r) => ({ reason: r.label, n: byReason.get(r.id)! })),
    };
  };
  return {
    screened: titleAbstract.length,
    excluded: titleAbstract.filter(({ state }) => state.final?.decision === 'exclude').length,
    databases: column(false),
    otherMethods: column(true),
  };
}
