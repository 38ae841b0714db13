import type { HistoryStatus } from '@grove/shared';
import type { Db } from './connection.ts';
import { recordChange, type Actor, type Row } from './changes.ts';
import { TABLE_BY_NAME } from './tables.ts';

// Undo and redo are stacks over the change table, and both persist in the file.
//
// Undo: the newest change that is not itself an undo or redo and has not been undone.
// Undoing restores its audit entries' before-rows in reverse order and is recorded as a
// change of its own (`undoes` = the change), so the audit log tells the whole story.
//
// Redo is the undo of an undo: the newest undo not yet undone, as long as no new edit
// came after it (an edit clears the redo stack, as in every editor). Redoing restores the
// undo's before-rows (the state the original change had made), is recorded as a change
// with `undoes` = the undo, and makes the original change current again (`undone_by`
// cleared), so that undo finds it next. Redo changes therefore never clear the redo stack.

interface ChangeRow {
  id: number;
  label: string;
  undoable: number;
}

interface UndoRow {
  id: number;
  /** The change the undo reverted. */
  target: number;
  /** That change's label: what redo would do again. */
  label: string;
}

function undoTarget(db: Db): ChangeRow | null {
  const row = db
    .prepare('SELECT id, label, undoable FROM change WHERE undoes IS NULL AND undone_by IS NULL ORDER BY id DESC LIMIT 1')
    .get() as ChangeRow | undefined;
  return row && row.undoable === 1 ? row : null;
}

function redoTarget(db: Db): UndoRow | null {
  // An undo is a change whose `undoes` is an ordinary change; a redo's `undoes` is an undo.
  const row = db
    .prepare(
      `SELECT u.id AS id, o.id AS target, o.label AS label
         FROM change u JOIN change o ON o.id = u.undoes
        WHERE o.undoes IS NULL AND u.undone_by IS NULL
        ORDER BY u.id DESC LIMIT 1`,
    )
    .get() as UndoRow | undefined;
  if (!row) return null;
  const laterEdit = db.prepare('SELECT 1 FROM change WHERE id > ? AND undoes IS NULL LIMIT 1').get(row.id);
  return laterEdit ? null : row;
}

export function historyStatus(db: Db): HistoryStatus {
  const undo = undoTarget(db);
  const redo = redoTarget(db);
  return { canUndo: undo !== null, undoLabel: undo ? undo.label : null, canRedo: redo !== null, redoLabel: redo ? redo.label : null };
}

/** Restores the before-rows of one change's audit entries, newest first, as a new change. */
function revert(db: Db, actor: Actor, changeId: number, label: string, after: (newChangeId: number) => void): void {
  const entries = db
    .prepare('SELECT table_name, entity_id, before_row, after_row FROM audit_entry WHERE change_id = ? ORDER BY id DESC')
    .all(changeId) as { table_name: string | null; entity_id: string; before_row: string | null; after_row: string | null }[];
  recordChange(
    db,
    actor,
    label,
    (w) => {
      for (const e of entries) {
        const spec = e.table_name ? TABLE_BY_NAME.get(e.table_name) : undefined;
        if (!spec) throw new Error(`Cannot ${label.toLowerCase()}: unknown table ${String(e.table_name)}`);
        const before = e.before_row ? (JSON.parse(e.before_row) as Row) : null;
        const afterRow = e.after_row ? (JSON.parse(e.after_row) as Row) : null;
        const key = (before ?? afterRow)?.[spec.key] ?? null;
        w.restore(spec, key, before, label);
      }
      db.prepare('UPDATE change SET undone_by = ? WHERE id = ?').run(w.changeId, changeId);
      after(w.changeId);
    },
    changeId,
  );
}

export function undoLast(db: Db, actor: Actor): { undone: string | null } {
  const target = undoTarget(db);
  if (!target) return { undone: null };
  revert(db, actor, target.id, `Undo: ${target.label}`, () => undefined);
  return { undone: target.label };
}

export function redoLast(db: Db, actor: Actor): { redone: string | null } {
  const target = redoTarget(db);
  if (!target) return { redone: null };
  revert(db, actor, target.id, `Redo: ${target.label}`, () => {
    db.prepare('UPDATE change SET undone_by = NULL WHERE id = ?').run(target.target);
  });
  return { redone: target.label };
}
