import { ApiError, type Handlers, type NotRetrieved } from '@grove/shared';
import { mayMarkNotRetrieved } from '@grove/shared/screening/workflow/index';
import { recordChange } from '../changes.ts';
import type { Db } from '../connection.ts';
import { listReviewers } from '../repositories/reviewer-repo.ts';
import { readDecisionsOf } from '../repositories/screening-decision-repo.ts';
import { filePlace, readFields } from '../repositories/screening-records-repo.ts';
import { findNotRetrieved, notRetrievedRow, readNotRetrieved, type NotRetrievedRow } from '../repositories/retrieval-repo.ts';
import { TABLES } from '../tables.ts';
import { actorOf, requireDb, type ServiceContext } from './context.ts';
import { stageList } from './screening-state.ts';

// Reports sought but not retrieved (shared/src/api/contract-retrieval.ts; the rules in
// shared/src/screening/workflow/retrieval.ts): a full-text record marked "Full text could
// not be obtained", with what was tried. Marking and unmarking are each one audited change
// (undo, audit log, merge). A mark needs a current reviewer, like a decision.

type RetrievalHandlers = Pick<Handlers, 'retrieval.list' | 'retrieval.mark' | 'retrieval.unmark'>;

const NO_REVIEWER = 'Choose who you are before marking a full text as not obtained: the mark is stored as one reviewer’s.';

function titleOf(title: string | null, id: string): string {
  if (!title) return `record ${id}`;
  return title.length > 60 ? `"${title.slice(0, 57)}…"` : `"${title}"`;
}

function requireAtFullText(db: Db, recordId: string): void {
  if (stageList(db, 'full-text').index.has(recordId)) return;
  const place = filePlace(db, recordId);
  if (!place) throw new ApiError('NOT_FOUND', `There is no record with id ${recordId}.`);
  throw new ApiError(
    'CONFLICT',
    `Record ${recordId} is not at the full-text stage (it was not included at title/abstract), so no full text was sought for it.`,
  );
}

function viewsOf(db: Db, rows: readonly NotRetrievedRow[]): NotRetrieved[] {
  const fields = readFields(
    db,
    rows.map((r) => r.record_id),
  );
  const names = new Map(listReviewers(db).map((r) => [r.id, r.name]));
  return rows.map((r) => {
    const f = fields.get(r.record_id);
    return {
      recordId: r.record_id,
      title: f?.title ?? null,
      authors: f?.authors ?? [],
      year: f?.year ?? null,
      note: r.note,
      reviewerName: names.get(r.reviewer_id) ?? r.reviewer_name,
      markedAt: r.marked_at,
    };
  });
}

export function retrievalHandlers(ctx: ServiceContext): RetrievalHandlers {
  return {
    'retrieval.list': () => {
      const db = requireDb(ctx);
      // Only records at full text: a mark whose record left the stage (its title/abstract
      // decision changed) counts for nothing until the record is back.
      const list = stageList(db, 'full-text');
      const rows = readNotRetrieved(db)
        .filter((r) => list.index.has(r.record_id))
        .sort((a, b) => list.index.get(a.record_id)! - list.index.get(b.record_id)!);
      return viewsOf(db, rows);
    },

    'retrieval.mark': ({ recordId, note }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      if (actor.reviewerId === null) throw new ApiError('CONFLICT', NO_REVIEWER);
      requireAtFullText(db, recordId);
      const title = titleOf(readFields(db, [recordId]).get(recordId)?.title ?? null, recordId);
      const decisions = readDecisionsOf(db, 'full-text', [recordId]).get(recordId) ?? [];
      if (!mayMarkNotRetrieved(decisions.length)) {
        const who = decisions.map((d) => `${d.reviewer_name || d.reviewer_id}: ${d.decision}`).join('; ');
        throw new ApiError(
          'CONFLICT',
          `The full text of ${title} was assessed (${who}), so it was retrieved; take those decisions back before marking it as not obtained.`,
        );
      }
      const existing = findNotRetrieved(db, recordId);
      const label = `Full text not obtained: ${title}`;
      recordChange(db, actor, label, (w) => {
        const row = notRetrievedRow({
          recordId,
          note,
          reviewerId: actor.reviewerId!,
          reviewerName: actor.reviewerName,
          markedAt: actor.now,
        });
        if (!existing) w.insert(TABLES.reportNotRetrieved, row, label);
        else
          w.update(TABLES.reportNotRetrieved, existing.id, { note }, () => `Edited what was tried to obtain ${title}`, {
            reviewer_id: actor.reviewerId,
            reviewer_name: actor.reviewerName,
            marked_at: actor.now,
          });
      });
      return viewsOf(db, [findNotRetrieved(db, recordId)!])[0]!;
    },

    'retrieval.unmark': ({ recordId }) => {
      const db = requireDb(ctx);
      const actor = actorOf(ctx, db);
      const existing = findNotRetrieved(db, recordId);
      if (!existing) throw new ApiError('NOT_FOUND', `Record ${recordId} is not marked as a full text that could not be obtained.`);
      const title = titleOf(readFields(db, [recordId]).get(recordId)?.title ?? null, recordId);
      recordChange(db, actor, `Full text obtained after all: ${title}`, (w) => {
        w.delete(TABLES.reportNotRetrieved, existing.id, `Unmarked ${title} as not obtained`);
      });
      return { ok: true as const };
    },
  };
}
