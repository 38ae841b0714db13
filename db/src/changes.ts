import type { ChangeSummary } from '@grove/shared';
import type { Db } from './connection.ts';
import { announceChange } from './change-collector.ts';
import { cached } from './statements.ts';
import { tick } from './merge/site-clock.ts';

// Every write a user makes goes through a ChangeWriter inside `recordChange`: one
// transaction, one `change` row, one `audit_entry` per row touched with the row as it
// was before and after. That single path gives the audit log ("who changed what,
// when") and undo (restore the before-rows in reverse order) to every feature, and
// tells the API reply which rows a mutation touched (see change-collector.ts).

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

export interface TableSpec {
  /** SQL table name (from code, never from user input). */
  readonly table: string;
  /** Primary-key column. */
  readonly key: string;
  /** Entity name shown in the audit log, e.g. "study". */
  readonly entity: string;
  /** Column → field name shown in the audit log; columns mapped to null are not listed. */
  readonly field?: (column: string) => string | null;
  /**
   * Large columns no change ever updates, stored once, in the row: the audit entry that creates
   * a row leaves them out of its after-row (a record's raw text and abstract would otherwise
   * double the file). Undo never needs
   * them (undoing a creation deletes the row); readers that rebuild rows from the history (a
   * merge) take them from the row, or from the entry that deleted it (`keptOnceValues`).
   * Entries that update or delete a row keep the whole before-row, so undo restores it whole.
   */
  readonly keptOnce?: readonly string[];
  /**
   * Rows that describe this copy only (its merge-conflict queue, whose ids are its own): their
   * changes are audited and undone like any other, but never passed to another copy as events.
   */
  readonly localOnly?: boolean;
}

/** The after-row of a creation as its audit entry stores it: without the spec's `keptOnce` columns. */
export function auditedCreation(spec: TableSpec, row: Row): Row {
  if (!spec.keptOnce) return row;
  const out: Row = {};
  for (const c of Object.keys(row)) if (!spec.keptOnce.includes(c)) out[c] = row[c]!;
  return out;
}

export interface Actor {
  readonly reviewerId: string | null;
  readonly reviewerName: string;
  readonly now: string;
}

/**
 * Where a row a merge writes came from: the change of another copy (its global identity,
 * clock reading, reviewer and label). Rows a file's own changes write have none.
 */
export interface Origin {
  readonly site: string;
  readonly seq: number;
  readonly hlc: string;
  readonly reviewer: string;
  readonly label: string;
}

export interface AuditedRow {
  readonly tableName: string;
  readonly before: Row | null;
  readonly after: Row | null;
}

function selectRow(db: Db, spec: TableSpec, key: SqlValue): Row | null {
  return (cached(db, `SELECT * FROM ${spec.table} WHERE ${spec.key} = ?`).get(key) as Row | undefined) ?? null;
}

const columnsByDb = new WeakMap<Db, Map<string, string[]>>();

/** The columns of `table`, read once per connection. */
function tableColumns(db: Db, table: string): string[] {
  let byTable = columnsByDb.get(db);
  if (!byTable) columnsByDb.set(db, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) byTable.set(table, (cols = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]));
  return cols;
}

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The review row every change stamps with its time. */
const REVIEW_ROW = { table: 'review', id: '1' } as const;

export class ChangeWriter {
  private entries = 0;
  private origin: Origin | null = null;
  /** Table → primary keys written, in the order first written. */
  private readonly written = new Map<string, Set<string>>();

  constructor(
    readonly db: Db,
    readonly changeId: number,
    /** The change's clock reading: strictly later than every earlier change of this copy, and than any a merge brought in. */
    readonly hlc: string,
  ) {}

  get entryCount(): number {
    return this.entries;
  }

  /** The tables this change has written so far (for change hooks). */
  get touchedTables(): ReadonlySet<string> {
    return new Set(this.written.keys());
  }

  /** Marks the rows written from now on as coming from another copy's change (null: this change's own). */
  setOrigin(origin: Origin | null): void {
    this.origin = origin;
  }

  /** The rows this change wrote, by SQL table. */
  touched(): ChangeSummary['touched'] {
    return [...this.written].map(([table, ids]) => ({ table, ids: [...ids] }));
  }

  private noteWritten(table: string, id: string): void {
    const ids = this.written.get(table) ?? new Set<string>();
    ids.add(id);
    this.written.set(table, ids);
  }

  insert(spec: TableSpec, row: Row, summary: string): void {
    const cols = Object.keys(row);
    // Cached: an import writes thousands of rows of one table through the same statement.
    cached(this.db, `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...cols.map((c) => row[c] ?? null),
    );
    const after = selectRow(this.db, spec, row[spec.key] ?? null);
    this.audit(spec, 'create', String(row[spec.key]), [], summary, null, after && auditedCreation(spec, after));
  }

  /**
   * Inserts a row that gives every column of its table (an import's records), so the audit
   * entry records the row as given instead of reading it back: thousands of rows of one
   * table go through one prepared statement and nothing is read.
   */
  insertComplete(spec: TableSpec, row: Row, summary: string): void {
    const cols = Object.keys(row);
    const missing = tableColumns(this.db, spec.table).filter((c) => !(c in row));
    if (missing.length > 0) throw new Error(`insertComplete into ${spec.table} without ${missing.join(', ')}`);
    cached(this.db, `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...cols.map((c) => row[c] ?? null),
    );
    this.audit(spec, 'create', String(row[spec.key]), [], summary, null, auditedCreation(spec, row));
  }

  /**
   * Applies `patch`; records nothing and returns false when no column actually changes.
   * `alsoSet` (e.g. `updated_at`) is written only along with a real change.
   */
  update(spec: TableSpec, key: SqlValue, patch: Row, summary: (fields: string[]) => string, alsoSet: Row = {}): boolean {
    const before = selectRow(this.db, spec, key);
    if (!before) throw new Error(`${spec.entity} ${String(key)} does not exist`);
    const changed = Object.keys(patch).filter((c) => !Object.is(before[c], patch[c]));
    if (changed.length === 0) return false;
    const values: Row = { ...alsoSet };
    for (const c of changed) values[c] = patch[c] ?? null;
    const cols = Object.keys(values);
    cached(this.db, `UPDATE ${spec.table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE ${spec.key} = ?`).run(
      ...cols.map((c) => values[c] ?? null),
      key,
    );
    const after = selectRow(this.db, spec, key);
    const fields = [...new Set(changed.map((c) => (spec.field ? spec.field(c) : camel(c))).filter((f): f is string => f !== null))];
    this.audit(spec, 'update', String(key), fields, summary(fields), before, after);
    return true;
  }

  delete(spec: TableSpec, key: SqlValue, summary: string): void {
    const before = selectRow(this.db, spec, key);
    if (!before) return;
    cached(this.db, `DELETE FROM ${spec.table} WHERE ${spec.key} = ?`).run(key);
    this.audit(spec, 'delete', String(key), [], summary, before, null);
  }

  /** Puts a row back to a snapshot (used by undo): insert, full update or delete. */
  restore(spec: TableSpec, key: SqlValue, target: Row | null, summary: string): void {
    const current = selectRow(this.db, spec, key);
    if (target === null) {
      if (current) this.delete(spec, key, summary);
      return;
    }
    if (!current) {
      this.insert(spec, target, summary);
      return;
    }
    this.update(spec, key, target, () => summary);
  }

  private audit(
    spec: TableSpec,
    action: 'create' | 'update' | 'delete',
    entityId: string,
    fields: string[],
    summary: string,
    before: Row | null,
    after: Row | null,
  ): void {
    this.entries++;
    this.noteWritten(spec.table, entityId);
    if (this.origin) {
      const o = this.origin;
      cached(
        this.db,
        `INSERT INTO audit_entry (change_id, action, entity, entity_id, fields, summary, table_name, before_row, after_row,
           origin_site, origin_seq, origin_hlc, origin_reviewer, origin_label)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        this.changeId,
        action,
        spec.entity,
        entityId,
        JSON.stringify(fields),
        summary,
        spec.table,
        before ? JSON.stringify(before) : null,
        after ? JSON.stringify(after) : null,
        o.site,
        o.seq,
        o.hlc,
        o.reviewer,
        o.label,
      );
      return;
    }
    cached(
      this.db,
      `INSERT INTO audit_entry (change_id, action, entity, entity_id, fields, summary, table_name, before_row, after_row)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.changeId,
      action,
      spec.entity,
      entityId,
      JSON.stringify(fields),
      summary,
      spec.table,
      before ? JSON.stringify(before) : null,
      after ? JSON.stringify(after) : null,
    );
  }
}

/**
 * Work that must follow certain writes within the same change (so that one undo reverts
 * both): e.g. a native review's analyses outline gains an outcome when the first study's
 * data for it are entered. A review file registers its hooks when it is opened.
 */
export type ChangeHook = (w: ChangeWriter) => void;
const hooks = new WeakMap<Db, ChangeHook[]>();

export function addChangeHook(db: Db, hook: ChangeHook): void {
  hooks.set(db, [...(hooks.get(db) ?? []), hook]);
}

/**
 * What must learn of a committed change without writing in it: caches of what the file
 * holds (the screening lists) and the ranking worker. They hear every change this
 * connection commits and every change another connection of this process committed to the
 * same file (the merge worker's, `changeCommittedElsewhere`), which no hook of this
 * connection ran for.
 */
export type ChangeObserver = (touched: ChangeSummary['touched']) => void;
const observers = new WeakMap<Db, ChangeObserver[]>();

export function addChangeObserver(db: Db, observer: ChangeObserver): void {
  observers.set(db, [...(observers.get(db) ?? []), observer]);
}

function tellObservers(db: Db, change: ChangeSummary): void {
  for (const observer of observers.get(db) ?? []) observer(change.touched);
}

/**
 * A change to the file open on `db` was committed through another connection (the merge
 * worker's): its observers hear of it and the API call that asked for it is told, as if
 * `recordChange` had made it here.
 */
export function changeCommittedElsewhere(db: Db, change: ChangeSummary): void {
  tellObservers(db, change);
  announceChange(change);
}

/**
 * Runs `fn` as one change. A change that touched no row leaves no trace (an autosave
 * that repeats the stored value is not an edit). Once committed, the change (its id,
 * label and the rows it touched) is announced to the API call that made it.
 */
export function recordChange<T>(db: Db, actor: Actor, label: string, fn: (w: ChangeWriter) => T, undoes: number | null = null): T {
  const { result, recorded } = db.transaction((): { result: T; recorded: ChangeSummary | null } => {
    // The change's global identity is (site, id) and its clock reading orders it among
    // every copy's changes (docs/merging.md).
    const { site, hlc } = tick(db);
    const { lastInsertRowid } = cached(
      db,
      'INSERT INTO change (at, reviewer_id, reviewer_name, label, undoes, site_id, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(actor.now, actor.reviewerId, actor.reviewerName, label, undoes, site, hlc);
    const changeId = Number(lastInsertRowid);
    const writer = new ChangeWriter(db, changeId, hlc);
    const result = fn(writer);
    if (writer.entryCount > 0) for (const hook of hooks.get(db) ?? []) hook(writer);
    if (writer.entryCount === 0) {
      cached(db, 'DELETE FROM change WHERE id = ?').run(changeId);
      return { result, recorded: null };
    }
    cached(db, 'UPDATE review SET updated_at = ? WHERE singleton = 1').run(actor.now);
    return { result, recorded: { id: changeId, label, touched: [...writer.touched(), { table: REVIEW_ROW.table, ids: [REVIEW_ROW.id] }] } };
  })();
  if (recorded) {
    tellObservers(db, recorded);
    announceChange(recorded);
  }
  return result;
}
