import type { HistoryStatus } from '@grove/shared';
import type { Db } from './connection.ts';
import { recordChange, type Actor, type Row } from './changes.ts';
import { TABLE_BY_NAME } from './tables.ts';

// Undo is a stack over the change table: the newest change that is not itself an undo
// and has not been undone. Undoing restores its audit entries' before-rows in reverse
// order and is recorded as a change of its own, so the audit log tells the whole story.

interface ChangeRow {
  id: number;
  label: string;
  undoable: number;
}

function undoTarget(db: Db): ChangeRow | null {
  const row = db
    .prepare('SELECT id, label, undoable FROM change WHERE undoes IS NULL AND undone_by IS NULL ORDER BY id DESC LIMIT 1')
    .get() as ChangeRow | undefined;
  return row && row.undoable === 1 ? row : null;
}

export function historyStatus(db: Db): HistoryStatus {
  const target = undoTarget(db);
  return { canUndo: target !== null, undoLabel: target ? target.label : null };
}

export function undoLast(db: Db, actor: Actor): { undone: string | null } {
  const target = undoTarget(db);
  if (!target) return { undone: null };
  const entries = db
    .prepare('SELECT table_name, entity_id, before_row, after_row FROM audit_entry WHERE change_id = ? ORDER BY id DESC')
    .all(target.id) as { table_name: string | null; entity_id: string; before_row: string | null; after_row: string | null }[];
  recordChange(
    db,
    actor,
    `Undo: ${target.label}`,
    (w) => {
      for (const e of entries) {
        const spec = e.table_name ? TABLE_BY_NAME.get(e.table_name) : undefined;
        if (!spec) throw new Error(`Cannot undo "${target.label}": unknown table ${String(e.table_name)}`);
        const before = e.before_row ? (JSON.parse(e.before_row) as Row) : null;
        const after = e.after_row ? (JSON.parse(e.after_row) as Row) : null;
        const key = (before ?? after)?.[spec.key] ?? null;
        w.restore(spec, key, before, `Undo: ${target.label}`);
      }
      db.prepare('UPDATE change SET undone_by = ? WHERE id = ?').run(w.changeId, target.id);
    },
    target.id,
  );
  return { undone: target.label };
}
