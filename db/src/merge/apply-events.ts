import type { Db } from '../connection.ts';
import { recordChange, type Actor, type ChangeWriter, type Row, type SqlValue, type TableSpec } from '../changes.ts';
import { TABLE_BY_NAME, TABLES } from '../tables.ts';
import {
  findByNaturalKey,
  isReferenced,
  iterateRowHistory,
  readAliases,
  recordAlias,
  conflictRow,
  nextConflictId,
  recordMergedEvents,
  rowsWrittenByMerges,
  type ConflictRecord,
  withRoomForMerge,
  type MergedEvent,
} from '../repositories/merge-repo.ts';
import { CurrentRows } from './current-rows.ts';
import { compareStamp, isHlc, type Stamp } from './hlc.ts';
import { observe } from './site-clock.ts';
import type { ChangeEvent, EventEntry } from './events.ts';
import { NATURAL_KEYS } from './natural-keys.ts';

// Bringing other copies' change events into a review, as one audited change (so one undo
// takes the whole merge back). Per field, the three-way rule of docs/merging.md:
//   - the target still holds the event's "before": apply;
//   - it already holds the "after": skip;
//   - otherwise keep the target's value and queue a conflict (base, local, incoming).
// When the target's value itself came from another copy (an earlier merge), the two
// incoming values are ordered by their clocks and the later one stands, conflict queued
// either way, so the merged contents do not depend on the order copies are merged in.
// A delete meeting an update (either way round), and a delete of a row others still
// refer to, are conflicts: nothing is ever removed by a cascade.

export interface MergeTally {
  applied: number;
  skipped: number;
  conflicts: ConflictRecord[];
  /** Per reviewer: rows applied and conflicts, for the merge report. */
  byReviewer: Map<string, { applied: number; conflicts: number }>;
  changeId: number | null;
}

/** Who last wrote a field (or a row) of the target: its own history, or another copy's change. */
type Writer = { kind: 'local' } | { kind: 'foreign'; stamp: Stamp };

function same(a: SqlValue | undefined, b: SqlValue | undefined): boolean {
  return Object.is(a ?? null, b ?? null);
}

function latest(a: Stamp | undefined, b: Stamp | undefined): Stamp | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareStamp(a, b) >= 0 ? a : b;
}

const shownBySpec = new WeakMap<TableSpec, Map<string, boolean>>();

/** Whether the audit log shows `column` (worked out once per column: `spec.field` builds its name each call). */
function shown(spec: TableSpec, column: string): boolean {
  if (!spec.field) return true;
  let columns = shownBySpec.get(spec);
  if (!columns) shownBySpec.set(spec, (columns = new Map()));
  let visible = columns.get(column);
  if (visible === undefined) columns.set(column, (visible = spec.field(column) !== null));
  return visible;
}

function visibleColumns(spec: TableSpec, row: Row): string[] {
  return Object.keys(row).filter((c) => c !== spec.key && shown(spec, c));
}

/** How many events the merge reads the target's rows for at once (and records as taken in at once). */
const BATCH = 2000;

class EventApplier {
  private readonly aliases: Map<string, string>;
  readonly tally: MergeTally;
  /** Rows an earlier merge wrote ("entity key"): only their history can name another copy as last writer. */
  private readonly mergedBefore: Set<string>;
  /** What this merge wrote, as the stamp of the incoming change that wrote it: by "entity key column", */
  private readonly fieldNow = new Map<string, Stamp>();
  /** by "entity key" for rows inserted or deleted, */
  private readonly rowWholeNow = new Map<string, Stamp>();
  /** and by "entity key" for any write to the row. */
  private readonly rowAnyNow = new Map<string, Stamp>();
  private readonly rows: CurrentRows;
  /** Events taken in and not yet recorded in `merged_event` (written a batch at a time). */
  private readonly seen: MergedEvent[] = [];
  /** The id the next queued conflict takes (read from the file at the first one). */
  private conflictId: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly w: ChangeWriter,
  ) {
    this.aliases = readAliases(db);
    this.mergedBefore = rowsWrittenByMerges(db);
    this.rows = new CurrentRows(db);
    this.tally = { applied: 0, skipped: 0, conflicts: [], byReviewer: new Map(), changeId: w.changeId };
  }

  private translate(row: Row | null): Row | null {
    if (row === null || this.aliases.size === 0) return row;
    const out: Row = {};
    for (const [c, v] of Object.entries(row)) out[c] = typeof v === 'string' ? (this.aliases.get(v) ?? v) : v;
    return out;
  }

  /** The last writer of `column` (or of the row, when null) in the target's history. */
  private writer(spec: TableSpec, key: string, column: string | null): Writer {
    const row = `${spec.entity} ${key}`;
    // Events are applied in clock order, so of two writes this merge made the later is the newer.
    const now = column === null ? this.rowAnyNow.get(row) : latest(this.fieldNow.get(`${row} ${column}`), this.rowWholeNow.get(row));
    if (now) return { kind: 'foreign', stamp: now };
    // A row no merge has written before was last written by the target's own history.
    if (!this.mergedBefore.has(`${spec.entity} ${key}`)) return { kind: 'local' };
    for (const h of iterateRowHistory(this.db, spec.entity, key)) {
      const before = h.before_row === null ? null : (JSON.parse(h.before_row) as Row);
      const after = h.after_row === null ? null : (JSON.parse(h.after_row) as Row);
      const touched = column === null || before === null || after === null || !same(before[column], after[column]);
      if (!touched) continue;
      if (h.origin_site !== null && isHlc(h.origin_hlc)) return { kind: 'foreign', stamp: { hlc: h.origin_hlc, site: h.origin_site } };
      return { kind: 'local' };
    }
    return { kind: 'local' };
  }

  /** Whether the incoming value stands against a field (or row) of the target that differs from its base. */
  private incomingWins(spec: TableSpec, key: string, column: string | null, incoming: Stamp): boolean {
    const w = this.writer(spec, key, column);
    return w.kind === 'foreign' && compareStamp(incoming, w.stamp) > 0;
  }

  private note(event: ChangeEvent, applied: boolean): void {
    const r = this.tally.byReviewer.get(event.reviewer) ?? { applied: 0, conflicts: 0 };
    if (applied) r.applied++;
    this.tally.byReviewer.set(event.reviewer, r);
  }

  private conflict(
    event: ChangeEvent,
    spec: TableSpec,
    key: string,
    field: string,
    base: SqlValue,
    local: SqlValue,
    incoming: SqlValue,
  ): void {
    const c: ConflictRecord = {
      table: spec.table,
      key,
      field,
      base,
      local,
      incoming,
      reviewer: event.reviewer,
      originSite: event.site,
      originSeq: event.seq,
    };
    this.tally.conflicts.push(c);
    // Queued through the change writer: the merge's change then holds its conflicts even
    // when every incoming value conflicted (no other row written), so it is kept and one
    // undo takes it back whole: the queued conflicts and what it saw (merged_event).
    this.w.insert(
      TABLES.mergeConflict,
      conflictRow(this.takeConflictId(), this.w.changeId, c),
      `Queued: ${spec.entity} ${field} (${c.reviewer})`,
    );
    const r = this.tally.byReviewer.get(event.reviewer) ?? { applied: 0, conflicts: 0 };
    r.conflicts++;
    this.tally.byReviewer.set(event.reviewer, r);
  }

  /**
   * Queued conflicts take ids past every id the table ever gave (nextConflictId), read once:
   * the merge is then the only writer of the queue, so the ids after it are its own.
   */
  private takeConflictId(): number {
    this.conflictId ??= nextConflictId(this.db);
    return this.conflictId++;
  }

  /**
   * Reads ahead, in one query per table, the target's rows that `events` (the next batch,
   * in order) name by id, as they stand before the first of them is applied.
   */
  readAhead(events: readonly ChangeEvent[]): void {
    const wanted = new Map<TableSpec, Set<SqlValue>>();
    for (const e of events)
      for (const entry of e.entries) {
        const spec = TABLE_BY_NAME.get(entry.table);
        const row = entry.after ?? entry.before;
        if (!spec || !row) continue;
        const raw = row[spec.key] ?? null;
        const key = typeof raw === 'string' ? (this.aliases.get(raw) ?? raw) : raw;
        let keys = wanted.get(spec);
        if (!keys) wanted.set(spec, (keys = new Set()));
        keys.add(key);
      }
    this.rows.readAhead(wanted);
  }

  /** Records the events taken in since the last call as seen (merged_event). */
  flushSeen(): void {
    recordMergedEvents(this.db, this.w.changeId, this.seen);
    this.seen.length = 0;
  }

  /** The target's key for an incoming row: its own id, or the row it meets on a natural key. */
  private localKey(spec: TableSpec, row: Row): { key: string; current: Row | null } {
    const key = String(row[spec.key]);
    const current = this.rows.get(spec, row[spec.key] ?? null);
    if (current) return { key, current };
    const natural = NATURAL_KEYS[spec.table];
    if (!natural) return { key, current: null };
    const match = findByNaturalKey(
      this.db,
      spec.table,
      spec.key,
      natural,
      natural.map((c) => row[c] ?? null),
    );
    if (match === null || match === key) return { key, current: null };
    this.aliases.set(key, match);
    recordAlias(this.w, spec.table, key, match);
    return { key: match, current: this.rows.get(spec, match) };
  }

  apply(event: ChangeEvent): void {
    observe(this.db, event.hlc);
    this.w.setOrigin({ site: event.site, seq: event.seq, hlc: event.hlc, reviewer: event.reviewer, label: event.label });
    for (const entry of event.entries) this.applyEntry(event, entry);
    this.w.setOrigin(null);
    this.seen.push({ site: event.site, seq: event.seq, hlc: event.hlc, digest: event.digest });
  }

  private applyEntry(event: ChangeEvent, entry: EventEntry): void {
    const spec = TABLE_BY_NAME.get(entry.table);
    if (!spec)
      throw new Error(`A change of ${event.reviewer} ("${event.label}") writes table ${entry.table}, which this Grove does not know.`);
    const before = this.translate(entry.before);
    const after = this.translate(entry.after);
    const sample = after ?? before;
    if (!sample) return;
    const { key, current } = this.localKey(spec, sample);
    if (key !== String(sample[spec.key])) {
      if (before) before[spec.key] = key;
      if (after) after[spec.key] = key;
    }
    const stamp: Stamp = { hlc: event.hlc, site: event.site };
    const summary = `Merged: ${event.label} (${event.reviewer})`;

    if (after === null) {
      // A delete.
      if (!current || !before) return this.skip(event);
      const differing = visibleColumns(spec, before).filter((c) => !same(current[c], before[c]));
      const wins = differing.length === 0 ? !this.foreignNewer(spec, key, stamp) : this.incomingWins(spec, key, null, stamp);
      for (const c of differing) this.conflict(event, spec, key, c, before[c] ?? null, current[c] ?? null, null);
      if (!wins) {
        if (differing.length === 0) this.conflict(event, spec, key, '*', 'row', 'row', null);
        return;
      }
      if (isReferenced(this.db, spec.table, current[spec.key] ?? null)) {
        this.conflict(event, spec, key, '*', 'row', 'row (still referred to)', null);
        return;
      }
      this.w.delete(spec, current[spec.key] ?? null, summary);
      this.rows.deleted(spec, current[spec.key] ?? null);
      this.noteRow(spec, key, stamp);
      return this.applied(event);
    }

    if (!current) {
      // An insert, or an update of a row the target no longer has (deleted here or by another copy).
      if (before === null) {
        if (this.foreignNewer(spec, key, stamp)) {
          this.conflict(event, spec, key, '*', null, null, 'row');
          return;
        }
        return this.insertOrConflict(event, spec, key, after, summary);
      }
      if (this.incomingWins(spec, key, null, stamp)) return this.insertOrConflict(event, spec, key, after, summary, before);
      for (const c of visibleColumns(spec, after).filter((c) => !same(before[c], after[c])))
        this.conflict(event, spec, key, c, before[c] ?? null, null, after[c] ?? null);
      return;
    }

    // An update, or an insert meeting a row the target already has.
    const columns = before === null ? visibleColumns(spec, after) : visibleColumns(spec, after).filter((c) => !same(before[c], after[c]));
    const patch: Row = {};
    for (const c of columns) {
      if (same(current[c], after[c])) continue;
      const base = before === null ? null : (before[c] ?? null);
      const holdsBase = before !== null && same(current[c], before[c]);
      const w = this.writer(spec, key, c);
      const take = w.kind === 'foreign' ? compareStamp(stamp, w.stamp) > 0 : holdsBase;
      if (!holdsBase || !take) this.conflict(event, spec, key, c, base, current[c] ?? null, after[c] ?? null);
      if (take) patch[c] = after[c] ?? null;
    }
    if (Object.keys(patch).length === 0) return this.skip(event);
    // Bookkeeping columns (updated_at) go along with a real change.
    for (const c of Object.keys(after))
      if (!(c in patch) && c !== spec.key && !shown(spec, c) && !same(current[c], after[c])) patch[c] = after[c] ?? null;
    this.w.update(spec, current[spec.key] ?? null, patch, () => summary);
    this.rows.updated(spec, current[spec.key] ?? null, patch);
    for (const c of Object.keys(patch)) this.fieldNow.set(`${spec.entity} ${key} ${c}`, stamp);
    this.rowAnyNow.set(`${spec.entity} ${key}`, stamp);
    return this.applied(event);
  }

  /** A whole row written (inserted or deleted) by this merge: every column's last writer. */
  private noteRow(spec: TableSpec, key: string, stamp: Stamp): void {
    this.rowWholeNow.set(`${spec.entity} ${key}`, stamp);
    this.rowAnyNow.set(`${spec.entity} ${key}`, stamp);
  }

  private foreignNewer(spec: TableSpec, key: string, stamp: Stamp): boolean {
    const w = this.writer(spec, key, null);
    return w.kind === 'foreign' && compareStamp(w.stamp, stamp) > 0;
  }

  private insertOrConflict(event: ChangeEvent, spec: TableSpec, key: string, after: Row, summary: string, before: Row | null = null): void {
    // Read again when next needed: the table may fill columns the row left out; and an
    // insert that failed part-way is undone by its statement, not by us.
    this.rows.forget(spec, after[spec.key] ?? null);
    try {
      this.w.insert(spec, after, summary);
      this.noteRow(spec, key, { hlc: event.hlc, site: event.site });
    } catch (err) {
      // The row refers to one the target has not got (its parent was deleted here).
      if (!/FOREIGN KEY|UNIQUE/i.test(String((err as Error).message))) throw err;
      for (const c of visibleColumns(spec, after))
        if (before === null || !same(before[c], after[c])) this.conflict(event, spec, key, c, before?.[c] ?? null, null, after[c] ?? null);
      return;
    }
    this.applied(event);
  }

  private applied(event: ChangeEvent): void {
    this.tally.applied++;
    this.note(event, true);
  }

  private skip(event: ChangeEvent): void {
    this.tally.skipped++;
    this.note(event, false);
  }
}

/**
 * Applies `events` (in clock order) to the review as one change labelled `label`;
 * `onApplied` hears how many have been taken in so far (for a progress bar).
 */
export function applyEvents(
  db: Db,
  actor: Actor,
  label: string,
  events: readonly ChangeEvent[],
  onApplied?: (done: number) => void,
): MergeTally {
  let tally: MergeTally | null = null;
  withRoomForMerge(db, () =>
    recordChange(db, actor, label, (w) => {
      const applier = new EventApplier(db, w);
      let done = 0;
      for (let start = 0; start < events.length; start += BATCH) {
        const batch = events.slice(start, start + BATCH);
        applier.readAhead(batch);
        for (const e of batch) {
          applier.apply(e);
          onApplied?.(++done);
        }
        applier.flushSeen();
      }
      tally = applier.tally;
    }),
  );
  if (!tally) throw new Error('The merge did not run.');
  return tally;
}
