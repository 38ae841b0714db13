import type { Db } from '../connection.ts';
import type { ChangeWriter, Row, SqlValue, TableSpec } from '../changes.ts';
import { TABLES } from '../tables.ts';
import { cached } from '../statements.ts';

// What merging reads and writes besides the audited rows themselves (docs/merging.md):
// the history as change events, the version vector, aliases, the conflict queue.

/**
 * One audit entry of the history, with the change (or the other copy's change) it belongs to:
 * a row as SQLite gives it, by position (a merge reads 100k of them, and rows with named
 * columns cost a third more to build).
 */
export type HistoryEntryRow = readonly [
  changeId: number,
  siteId: string,
  hlc: string,
  reviewerName: string,
  label: string,
  originSite: string | null,
  originSeq: number | null,
  originHlc: string | null,
  originReviewer: string | null,
  originLabel: string | null,
  tableName: string,
  beforeRow: string | null,
  afterRow: string | null,
];

/** Every audit entry in history order (change, then entry), with its change's identity. */
export function iterateHistory(db: Db): IterableIterator<HistoryEntryRow> {
  return db
    .prepare(
      `SELECT ae.change_id, c.site_id, c.hlc, c.reviewer_name, c.label,
              ae.origin_site, ae.origin_seq, ae.origin_hlc, ae.origin_reviewer, ae.origin_label,
              ae.table_name, ae.before_row, ae.after_row
       FROM audit_entry ae JOIN change c ON c.id = ae.change_id
       WHERE ae.table_name IS NOT NULL
       ORDER BY ae.change_id, ae.id`,
    )
    .raw()
    .iterate() as IterableIterator<HistoryEntryRow>;
}

/** The digests of other copies' changes this file took in, by "site seq". */
export function mergedDigests(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT site_id, seq, digest FROM merged_event ORDER BY change_id').all() as {
    site_id: string;
    seq: number;
    digest: string;
  }[];
  return new Map(rows.map((r) => [`${r.site_id} ${r.seq}`, r.digest]));
}

/**
 * The version vector: per site, the highest sequence number this file holds, from its own
 * changes (whatever site made them) and from merges not undone.
 */
export function readVersionVector(db: Db): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT site_id, max(id) AS seq FROM change WHERE site_id IS NOT NULL GROUP BY site_id
       UNION ALL
       SELECT m.site_id, max(m.seq) AS seq FROM merged_event m LEFT JOIN change c ON c.id = m.change_id
       WHERE c.undone_by IS NULL GROUP BY m.site_id`,
    )
    .all() as { site_id: string; seq: number }[];
  const vector = new Map<string, number>();
  for (const r of rows) vector.set(r.site_id, Math.max(vector.get(r.site_id) ?? 0, r.seq));
  return vector;
}

/** The ids of this file's changes made by `site` (its own history under that site id). */
export function changeIdsOfSite(db: Db, site: string): Set<number> {
  const rows = db.prepare('SELECT id FROM change WHERE site_id = ?').pluck().all(site) as number[];
  return new Set(rows);
}

/** An incoming change a merge took in (applied, skipped or wholly conflicting), as `merged_event` records it. */
export interface MergedEvent {
  readonly site: string;
  readonly seq: number;
  readonly hlc: string;
  readonly digest: string;
}

/**
 * Records that the merge change `changeId` took in `events`, in one statement (a merge takes
 * in up to 100k at once; one statement per event cost more than the rest of the insert).
 * In the given order, so of two rows with one identity the later replaces the earlier.
 */
export function recordMergedEvents(db: Db, changeId: number, events: readonly MergedEvent[]): void {
  if (events.length === 0) return;
  cached(
    db,
    `INSERT OR REPLACE INTO merged_event (change_id, site_id, seq, hlc, digest)
     SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]')
     FROM json_each(?) ORDER BY key`,
  ).run(changeId, JSON.stringify(events.map((e) => [e.site, e.seq, e.hlc, e.digest])));
}

export interface ConflictRecord {
  table: string;
  key: string;
  field: string;
  base: SqlValue;
  local: SqlValue;
  incoming: SqlValue;
  reviewer: string;
  originSite: string;
  originSeq: number;
}

/**
 * The next id of a queued conflict: past every id the table has ever given (AUTOINCREMENT's
 * counter), so a conflict row an undone merge deleted is never reused by a later one (a redo
 * of that merge puts it back under its own id).
 */
export function nextConflictId(db: Db): number {
  const seq = (cached(db, "SELECT seq FROM sqlite_sequence WHERE name = 'merge_conflict'").pluck().get() as number | undefined) ?? 0;
  const max = (cached(db, 'SELECT max(id) FROM merge_conflict').pluck().get() as number | null) ?? 0;
  return Math.max(seq, max) + 1;
}

/** A queued conflict as the change writer inserts it (the merge change that found it, open). */
export function conflictRow(id: number, changeId: number, c: ConflictRecord): Row {
  return {
    id,
    change_id: changeId,
    table_name: c.table,
    row_key: c.key,
    field: c.field,
    base: JSON.stringify(c.base),
    local: JSON.stringify(c.local),
    incoming: JSON.stringify(c.incoming),
    reviewer: c.reviewer,
    origin_site: c.originSite,
    origin_seq: c.originSeq,
  };
}

/** The conflict queue: unresolved conflicts of merges not undone, oldest first. */
export function listOpenConflicts(db: Db): ConflictRecord[] {
  const rows = db
    .prepare(
      `SELECT m.table_name, m.row_key, m.field, m.base, m.local, m.incoming, m.reviewer, m.origin_site, m.origin_seq
       FROM merge_conflict m LEFT JOIN change c ON c.id = m.change_id
       WHERE c.undone_by IS NULL AND m.resolution IS NULL ORDER BY m.id`,
    )
    .all() as {
    table_name: string;
    row_key: string;
    field: string;
    base: string;
    local: string;
    incoming: string;
    reviewer: string;
    origin_site: string;
    origin_seq: number;
  }[];
  return rows.map((r) => ({
    table: r.table_name,
    key: r.row_key,
    field: r.field,
    base: JSON.parse(r.base) as SqlValue,
    local: JSON.parse(r.local) as SqlValue,
    incoming: JSON.parse(r.incoming) as SqlValue,
    reviewer: r.reviewer,
    originSite: r.origin_site,
    originSeq: r.origin_seq,
  }));
}

export function readAliases(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT foreign_id, local_id FROM merge_alias').all() as { foreign_id: string; local_id: string }[];
  return new Map(rows.map((r) => [r.foreign_id, r.local_id]));
}

/**
 * Records that `foreignId` (another copy's row of `table`) is the local row `localId`,
 * through the merge's change writer: the alias is audited with the merge, so undoing the
 * merge removes it (and redoing brings it back) like the rows it translated.
 */
export function recordAlias(w: ChangeWriter, table: string, foreignId: string, localId: string): void {
  const summary = `Matched ${table} ${foreignId} to ${localId}`;
  const held = cached(w.db, 'SELECT 1 FROM merge_alias WHERE foreign_id = ?').get(foreignId);
  if (held) w.update(TABLES.mergeAlias, foreignId, { table_name: table, local_id: localId }, () => summary);
  else w.insert(TABLES.mergeAlias, { table_name: table, foreign_id: foreignId, local_id: localId }, summary);
}

/** The row of `table` whose `columns` equal `values` (NULL matching NULL), if one. */
export function findByNaturalKey(
  db: Db,
  table: string,
  key: string,
  columns: readonly string[],
  values: readonly SqlValue[],
): string | null {
  const where = columns.map((c) => `${c} IS ?`).join(' AND ');
  const row = cached(db, `SELECT ${key} AS k FROM ${table} WHERE ${where} LIMIT 1`).get(...values) as { k: SqlValue } | undefined;
  return row ? String(row.k) : null;
}

/** The latest audit entries of one row, newest first, with the origin of each. */
export function iterateRowHistory(
  db: Db,
  entity: string,
  entityId: string,
): IterableIterator<{ before_row: string | null; after_row: string | null; origin_site: string | null; origin_hlc: string | null }> {
  return cached(
    db,
    `SELECT before_row, after_row, origin_site, origin_hlc FROM audit_entry
     WHERE entity = ? AND entity_id = ? ORDER BY id DESC`,
  ).iterate(entity, entityId) as IterableIterator<{
    before_row: string | null;
    after_row: string | null;
    origin_site: string | null;
    origin_hlc: string | null;
  }>;
}

/**
 * The columns a creation's audit entry left out (`TableSpec.keptOnce`: a record's raw text),
 * for rebuilding the row from the history: from the row itself, or, once it was deleted, from
 * the first entry that deleted or changed it (which keeps the whole before-row). Null when neither holds them.
 */
export function keptOnceValues(db: Db, spec: TableSpec, key: string): Row | null {
  const cols = spec.keptOnce ?? [];
  if (cols.length === 0) return {};
  const live = cached(db, `SELECT ${cols.join(', ')} FROM ${spec.table} WHERE ${spec.key} = ?`).get(key) as Row | undefined;
  if (live) return live;
  const before = cached(
    db,
    'SELECT before_row FROM audit_entry WHERE entity = ? AND entity_id = ? AND before_row IS NOT NULL ORDER BY id LIMIT 1',
  )
    .pluck()
    .get(spec.entity, key) as string | undefined;
  if (before === undefined) return null;
  const row = JSON.parse(before) as Row;
  return Object.fromEntries(cols.map((c) => [c, row[c] ?? null]));
}

export function selectRowByKey(db: Db, table: string, key: string, value: SqlValue): Row | null {
  return (cached(db, `SELECT * FROM ${table} WHERE ${key} = ?`).get(value) as Row | undefined) ?? null;
}

/** The rows of `table` whose `key` is one of `values` (those it has), in one query. */
export function selectRowsByKeys(db: Db, table: string, key: string, values: readonly SqlValue[]): Row[] {
  if (values.length === 0) return [];
  return cached(db, `SELECT * FROM ${table} WHERE ${key} IN (SELECT value FROM json_each(?))`).all(JSON.stringify(values)) as Row[];
}

/** Tables with a foreign key to `table`: (child table, column). */
function referencingColumns(db: Db, table: string): { child: string; column: string }[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const refs: { child: string; column: string }[] = [];
  for (const child of tables) {
    const fks = db.prepare(`SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)`).all(child) as {
      parent: string;
      col: string;
    }[];
    for (const fk of fks) if (fk.parent === table) refs.push({ child, column: fk.col });
  }
  return refs;
}

const refCache = new WeakMap<Db, Map<string, { child: string; column: string }[]>>();

/** Whether any row of another table still refers to this one (deleting it would cascade). */
export function isReferenced(db: Db, table: string, value: SqlValue): boolean {
  let byTable = refCache.get(db);
  if (!byTable) {
    byTable = new Map();
    refCache.set(db, byTable);
  }
  let refs = byTable.get(table);
  if (!refs) {
    refs = referencingColumns(db, table);
    byTable.set(table, refs);
  }
  return refs.some((r) => cached(db, `SELECT 1 FROM ${r.child} WHERE ${r.column} = ? LIMIT 1`).get(value) !== undefined);
}

export function reviewIdentity(db: Db): { reviewId: string; schemaVersion: number } {
  const row = db.prepare('SELECT id FROM review WHERE singleton = 1').get() as { id: string } | undefined;
  return { reviewId: row?.id ?? '', schemaVersion: db.pragma('user_version', { simple: true }) as number };
}

/** A consistent copy of the whole review (including pages still in the WAL) written to `file`. */
export function snapshotInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** Readies a file built beside its target for the rename: everything in the main file, no -wal needed. */
export function settleForRename(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
}

/**
 * Runs `fn` (a merge's writes) with this connection's temporary journals (a savepoint's, a
 * statement's: the pages a merge changes inside the caller's transaction) in memory rather
 * than in files; the connection's setting is put back after. (A page cache large enough for
 * every page a merge of 100k events writes was tried too: it measured no faster, often slower.)
 */
export function withRoomForMerge<T>(db: Db, fn: () => T): T {
  const temp = Number(db.pragma('temp_store', { simple: true }));
  db.pragma('temp_store = MEMORY');
  try {
    return fn();
  } finally {
    db.pragma(`temp_store = ${temp}`);
  }
}

/** "entity key" of every row an earlier merge wrote. */
export function rowsWrittenByMerges(db: Db): Set<string> {
  const rows = db.prepare('SELECT DISTINCT entity, entity_id FROM audit_entry WHERE origin_site IS NOT NULL').all() as {
    entity: string;
    entity_id: string;
  }[];
  return new Set(rows.map((r) => `${r.entity} ${r.entity_id}`));
}
