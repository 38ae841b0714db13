import type { Db } from '../connection.ts';

// Schema v16: each screening decision keeps the clock reading (HLC, db/src/merge/hlc.ts) of
// the change that made it, so a reviewer's decisions come back in the order they were made
// ("back to the previous record"). Their millisecond timestamps tie when two decisions fall
// in one millisecond; clock readings never tie within a copy and sort after every reading a
// merge or sync brought in. Existing decisions take the reading of the audited change that set
// their `decided_at` (the original change's, for one brought in by a merge); a decision with
// no such change (built from a review document) has none and sorts by its timestamp, before
// every decision made since.

export const version = 16;
export const name = 'decision-clock';

export function migrate(db: Db): void {
  db.exec(`
    ALTER TABLE screening_decision ADD COLUMN decided_hlc TEXT;
    UPDATE screening_decision SET decided_hlc = (
      SELECT coalesce(a.origin_hlc, c.hlc)
        FROM audit_entry a JOIN change c ON c.id = a.change_id
       WHERE a.entity = 'screening decision' AND a.entity_id = screening_decision.id
         AND a.after_row IS NOT NULL AND json_extract(a.after_row, '$.decided_at') = screening_decision.decided_at
       ORDER BY a.id LIMIT 1
    );
    -- a reviewer's decisions at a stage, latest first ("back"), and counts per reviewer
    DROP INDEX screening_decision_slot;
    CREATE INDEX screening_decision_slot ON screening_decision (stage, slot, decided_hlc, decided_at, record_id);
  `);
}
