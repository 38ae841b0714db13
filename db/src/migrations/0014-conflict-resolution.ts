import type { Db } from '../connection.ts';

// Schema v14: resolving the conflicts a merge queued (issue 16, docs/merging.md). A conflict
// (migration 0007) is open until a reviewer decides it in the workbench's conflicts queue:
//   - resolution: which value the field keeps: 'local' (the target's, "keep mine"),
//     'incoming' (the other copy's, "take theirs") or 'other' (a value typed in);
//   - resolved_value: that value, as JSON (what the field held once it was resolved);
//   - resolved_at, resolved_by: when and by whom (the reviewer's name, as the audit log has it).
// The four are set together or not at all. Resolving writes these columns through the
// audited change writer (with the field itself, for 'incoming' and 'other'), so undoing the
// resolution puts them back to NULL and the conflict is open again. Existing conflicts stay open.

export const version = 14;
export const name = 'conflict-resolution';

export function migrate(db: Db): void {
  db.exec(`
    ALTER TABLE merge_conflict ADD COLUMN resolution TEXT CHECK (resolution IN ('local', 'incoming', 'other'));
    ALTER TABLE merge_conflict ADD COLUMN resolved_value TEXT;
    ALTER TABLE merge_conflict ADD COLUMN resolved_at TEXT;
    ALTER TABLE merge_conflict ADD COLUMN resolved_by TEXT
      CHECK ((resolution IS NULL) = (resolved_by IS NULL) AND (resolution IS NULL) = (resolved_at IS NULL)
             AND (resolution IS NULL) = (resolved_value IS NULL));
    CREATE INDEX merge_conflict_open ON merge_conflict (id) WHERE resolution IS NULL;
  `);
}
