import { ApiError, type HistoryStatus } from '@grove/shared';
import type { Db } from './connection.ts';
import { recordChange, type Actor, type Row } from './changes.ts';
import { TABLE_BY_NAME } from './tables.ts';

// Undo and redo are stacks over the change table, one pair per reviewer, and both persist
// in the file. Several people may work on one review at once (one `grove serve`, a tab
// each), so each undoes only their own changes: the changes whose `reviewer_id` is theirs,
// or, with no reviewer chosen, the changes made without one.
//
// Undo: the reviewer's newest change that is not itself an undo or redo and has not been
// undone. Undoing restores its audit entries' before-rows in reverse order and is recorded
// as a change of its own (`undoes` = the change), so the audit log tells the whole story.
//
// Redo is the undo of an undo: the reviewer's newest undo not yet undone, as long as the
// reviewer made no new edit after it (an edit clears the redo stack, as in every editor).
// Redoing restores the undo's before-rows (the state the original change had made), is
// recorded as a change with `undoes` = the undo, and makes the original change current
// again (`undone_by` cleared), so that undo finds it next. Redo changes therefore never
// clear the redo stack.
//
// Another reviewer may have changed a row since: restoring it would silently throw their
// work away, so both refuse, naming who changed it, unless every row is still as the
// change being reverted left it.

/** Whose history: a reviewer's id, or null for the changes made with no reviewer chosen. */
export type HistoryOwner = string | null;

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

interface EntryRow {
  id: number;
  table_name: string | null;
  entity: string;
  entity_id: string;
  before_row: string | null;
  after_row: string | null;
}

/** One of the owner's changes, newest first, with what its `undoes` points at. */
interface OwnChange {
  id: number;
  label: string;
  undoable: number;
  undoes: number | null;
  undone_by: number | null;
  /** The label of the change an undo reverts (what redo would do again). */
  target_label: string | null;
  /** 1 when the change this one reverts is itself an undo: this one is a redo. */
  reverts_undo: number;
}

interface Targets {
  undo: ChangeRow | null;
  redo: UndoRow | null;
}

/**
 * The owner's undo and redo targets, found in one walk back through the owner's own
 * changes, newest first, which stops once both are known: usually at the owner's newest
 * change, so the cost does not grow with everyone else's history (the change table has
 * no index by reviewer; the walk runs back over others' changes only as far as the
 * owner's newest).
 *
 * - undo: the first ordinary change (not an undo or redo) not undone, if undoable;
 * - redo: the first undo not undone, unless an ordinary change of the owner's comes
 *   first (an edit clears the redo stack); redos and redone undos are passed over.
 */
function targets(db: Db, owner: HistoryOwner): Targets {
  const rows = db
    .prepare(
      `SELECT c.id, c.label, c.undoable, c.undoes, c.undone_by, o.label AS target_label,
              (o.undoes IS NOT NULL) AS reverts_undo
         FROM change c LEFT JOIN change o ON o.id = c.undoes
        WHERE c.reviewer_id IS ?
        ORDER BY c.id DESC`,
    )
    .iterate(owner) as Iterable<OwnChange>;
  let undo: ChangeRow | null | undefined;
  let redo: UndoRow | null | undefined;
  for (const c of rows) {
    if (c.undoes === null) {
      if (undo === undefined && c.undone_by === null) undo = c.undoable === 1 ? { id: c.id, label: c.label, undoable: c.undoable } : null;
      if (redo === undefined) redo = null;
    } else if (redo === undefined && c.reverts_undo === 0 && c.undone_by === null) {
      redo = { id: c.id, target: c.undoes, label: c.target_label ?? '' };
    }
    if (undo !== undefined && redo !== undefined) break; // leaving the loop closes the statement
  }
  return { undo: undo ?? null, redo: redo ?? null };
}

export function historyStatus(db: Db, owner: HistoryOwner): HistoryStatus {
  const { undo, redo } = targets(db, owner);
  return { canUndo: undo !== null, undoLabel: undo ? undo.label : null, canRedo: redo !== null, redoLabel: redo ? redo.label : null };
}

function parseRow(json: string | null): Row | null {
  return json ? (JSON.parse(json) as Row) : null;
}

/**
 * Whether the row is as `expected` left it. Only the columns the snapshot has are compared:
 * a column a later migration added is not someone's edit.
 */
function rowIsAsLeft(current: Row | null, expected: Row | null): boolean {
  if (expected === null || current === null) return expected === current;
  return Object.keys(expected).every((c) => JSON.stringify(current[c] ?? null) === JSON.stringify(expected[c] ?? null));
}

/** "Bob", or what a change without a reviewer was made by, for the refusal. */
function whoChanged(db: Db, entry: EntryRow, since: number, owner: HistoryOwner): string {
  // The latest other person's change to the row: the caller's own later undo of a later
  // change of theirs may have touched it too, but it is not what stands in the way.
  const later = db
    .prepare(
      `SELECT c.reviewer_name AS name, c.label AS label, e.origin_reviewer AS origin
         FROM audit_entry e JOIN change c ON c.id = e.change_id
        WHERE e.entity = ? AND e.entity_id = ? AND e.table_name IS ? AND e.change_id > ?
        ORDER BY (c.reviewer_id IS ? AND e.origin_site IS NULL) ASC, e.id DESC LIMIT 1`,
    )
    .get(entry.entity, entry.entity_id, entry.table_name, since, owner) as
    { name: string; label: string; origin: string | null } | undefined;
  if (!later) return 'a change that is not in the history';
  const who = later.origin ? `${later.origin} (merged from their copy)` : later.name || 'someone with no reviewer chosen';
  return `${who} ("${later.label}")`;
}

/**
 * Restores the before-rows of one change's audit entries, newest first, as a new change;
 * refuses (CONFLICT, nothing written) when a row is no longer as that change left it.
 */
function revert(
  db: Db,
  actor: Actor,
  target: { id: number; label: string },
  verb: 'undo' | 'redo',
  label: string,
  after: (newChangeId: number) => void,
): void {
  const entries = db
    .prepare('SELECT id, table_name, entity, entity_id, before_row, after_row FROM audit_entry WHERE change_id = ? ORDER BY id DESC')
    .all(target.id) as EntryRow[];
  recordChange(
    db,
    actor,
    label,
    (w) => {
      // Each row's last snapshot in the change (entries run newest first) is how it was left.
      const checked = new Set<string>();
      for (const e of entries) {
        const spec = e.table_name ? TABLE_BY_NAME.get(e.table_name) : undefined;
        if (!spec) throw new Error(`Cannot ${verb} "${target.label}": unknown table ${String(e.table_name)}`);
        const rowKey = `${spec.table}\u0000${e.entity_id}`;
        if (checked.has(rowKey)) continue;
        checked.add(rowKey);
        const left = parseRow(e.after_row);
        const key = (left ?? parseRow(e.before_row))?.[spec.key] ?? null;
        const current = (db.prepare(`SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`).get(key) as Row | undefined) ?? null;
        if (!rowIsAsLeft(current, left)) {
          throw new ApiError(
            'CONFLICT',
            `Cannot ${verb} "${target.label}": the ${spec.entity} it changed was changed since by ${whoChanged(db, e, target.id, actor.reviewerId)}. ` +
              `${verb === 'undo' ? 'Undoing' : 'Redoing'} it would overwrite that change.`,
          );
        }
      }
      for (const e of entries) {
        const spec = TABLE_BY_NAME.get(e.table_name ?? '');
        if (!spec) continue; // checked above
        const before = parseRow(e.before_row);
        const key = (before ?? parseRow(e.after_row))?.[spec.key] ?? null;
        w.restore(spec, key, before, label);
      }
      db.prepare('UPDATE change SET undone_by = ? WHERE id = ?').run(w.changeId, target.id);
      after(w.changeId);
    },
    target.id,
  );
}

/** Undoes the newest change of the actor's reviewer (or, with none, of no reviewer). */
export function undoLast(db: Db, actor: Actor): { undone: string | null } {
  const target = targets(db, actor.reviewerId).undo;
  if (!target) return { undone: null };
  revert(db, actor, target, 'undo', `Undo: ${target.label}`, () => undefined);
  return { undone: target.label };
}

/** Redoes the newest undo of the actor's reviewer, if they made no edit since. */
export function redoLast(db: Db, actor: Actor): { redone: string | null } {
  const target = targets(db, actor.reviewerId).redo;
  if (!target) return { redone: null };
  revert(db, actor, { id: target.id, label: target.label }, 'redo', `Redo: ${target.label}`, () => {
    db.prepare('UPDATE change SET undone_by = NULL WHERE id = ?').run(target.target);
  });
  return { redone: target.label };
}
