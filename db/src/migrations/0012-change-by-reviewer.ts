import type { Db } from '../connection.ts';

// Schema v12: an index of the change table by reviewer. Undo and redo are per reviewer
// (db/src/history.ts), and every mutation reply carries the caller's undo state, found by
// walking back through that reviewer's own changes; without this index the walk ran over
// everyone else's later changes first (44 ms p95 with 50,000 of another's changes on top,
// 60 ms for a reviewer with none, bench/history.bench.ts). No content changes.

export const version = 12;
export const name = 'change-by-reviewer';

export function migrate(db: Db): void {
  db.exec('CREATE INDEX change_reviewer ON change (reviewer_id, id)');
}
