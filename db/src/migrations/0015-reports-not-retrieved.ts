import type { Db } from '../connection.ts';

// Schema v15: reports sought but not retrieved (issue 14, PRISMA 2020's "Reports not
// retrieved"). At full text a reviewer who could not obtain a record's report marks it, with
// an optional note of what was tried (library, interlibrary loan, writing to the authors).
// One row per record (the report is the record's, not a reviewer's): the id derives from the
// record (db/src/merge/row-identity.ts), so two copies marking the same record meet in a
// merge. It is not a screening decision: a marked record is neither included nor excluded
// at full text and is not assessed (docs/screening.md). Written through the audited change
// writer like every row the workbench edits, so marking and unmarking are undoable.

export const version = 15;
export const name = 'reports-not-retrieved';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE report_not_retrieved (
      id TEXT PRIMARY KEY,
      record_id TEXT NOT NULL UNIQUE REFERENCES record (id),
      -- what was tried to obtain the report (may be empty)
      note TEXT NOT NULL DEFAULT '',
      -- who marked it
      reviewer_id TEXT NOT NULL,
      reviewer_name TEXT NOT NULL DEFAULT '',
      marked_at TEXT NOT NULL
    ) STRICT;
  `);
}
