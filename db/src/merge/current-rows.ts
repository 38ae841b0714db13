import type { Db } from '../connection.ts';
import type { Row, SqlValue, TableSpec } from '../changes.ts';
import { selectRowByKey, selectRowsByKeys } from '../repositories/merge-repo.ts';

// The target's current rows as a merge reads them before each write (the three-way rule
// compares each incoming field with the row as it is now). Read ahead in one query per
// table for a batch of events instead of one query per incoming row, then kept in step with
// the merge's own writes: an update's patch is laid over the row (the review's tables are
// STRICT, so a value reads back as it was written), a delete leaves no row,
// and after an insert (whose columns the table may fill with defaults) the row is read
// again when next needed. Nothing else writes the target during the merge (it runs in one
// transaction), so a row held here is the row in the file. Forgetting is always safe: a
// row not held is read from the file.

/** A row's key as the map holds it: SQLite compares a key with the column's affinity, so 1 and '1' meet there too. */
const keyOf = (value: SqlValue): string => String(value);

export class CurrentRows {
  /** Table → key → the row, or null when the target has no row under that key. */
  private readonly byTable = new Map<string, Map<string, Row | null>>();

  constructor(private readonly db: Db) {}

  /**
   * Reads ahead the rows of `wanted` (by table, the keys a batch of events names) not held
   * yet, one query per table; keys the target lacks are held as absent. Rows stay held for
   * later batches (a row edited again and again is read once) up to `limit`, past which
   * what is held is forgotten first.
   */
  readAhead(wanted: ReadonlyMap<TableSpec, ReadonlySet<SqlValue>>, limit = 100_000): void {
    if (this.held() > limit) this.byTable.clear();
    for (const [spec, keys] of wanted) {
      const rows = this.tableOf(spec);
      const values = [...keys].filter((k) => k !== null && !rows.has(keyOf(k)));
      for (const v of values) rows.set(keyOf(v), null);
      for (const row of selectRowsByKeys(this.db, spec.table, spec.key, values)) rows.set(keyOf(row[spec.key] ?? null), row);
    }
  }

  private held(): number {
    let n = 0;
    for (const rows of this.byTable.values()) n += rows.size;
    return n;
  }

  /** The target's row of `spec` under `key` now (null: none). */
  get(spec: TableSpec, key: SqlValue): Row | null {
    if (key === null) return null;
    const rows = this.tableOf(spec);
    const k = keyOf(key);
    const held = rows.get(k);
    if (held !== undefined) return held;
    const row = selectRowByKey(this.db, spec.table, spec.key, key);
    rows.set(k, row);
    return row;
  }

  /** The merge updated the row: `patch` holds the columns it wrote. */
  updated(spec: TableSpec, key: SqlValue, patch: Row): void {
    if (key === null) return;
    const rows = this.tableOf(spec);
    const held = rows.get(keyOf(key));
    // Laid over in place: the rows held here are read by this class alone, never handed on
    // past the write that changes them.
    if (held) Object.assign(held, patch);
    else rows.delete(keyOf(key));
  }

  /** The merge deleted the row. */
  deleted(spec: TableSpec, key: SqlValue): void {
    if (key !== null) this.tableOf(spec).set(keyOf(key), null);
  }

  /** The merge wrote the row in a way not mirrored here (an insert, or one that failed): read it again when needed. */
  forget(spec: TableSpec, key: SqlValue): void {
    if (key !== null) this.tableOf(spec).delete(keyOf(key));
  }

  private tableOf(spec: TableSpec): Map<string, Row | null> {
    let rows = this.byTable.get(spec.table);
    if (!rows) this.byTable.set(spec.table, (rows = new Map()));
    return rows;
  }
}
