import { randomUUID } from 'node:crypto';
import type { Db } from '../connection.ts';
import { hlcFromWallClock, nextHlc, type Hlc } from '../merge/hlc.ts';

// Schema v7: identity and history for merging copies of a review (issue 16, docs/merging.md).
//   - site: this copy's site id (one row). Every copy of a review has its own; `grove fork`
//     gives the copy a new one, and a copy made outside Grove is re-identified at merge.
//   - change.site_id and change.hlc: every change's global identity is (site_id, id) and its
//     hybrid logical clock orders it among all copies' changes. Past changes get the
//     file's own (new) site id and clocks built from their wall-clock times, made strictly
//     increasing in id order, so a file's history merges like any other.
//   - audit_entry.origin_*: a row a merge wrote carries the identity, clock and reviewer of
//     the change it came from (NULL for the file's own changes), so a merged change can be
//     passed on under its own identity and a later merge knows who last wrote a field.
//   - merged_event: each incoming change a merge took in (applied, skipped or conflicted),
//     with the merge change that took it: the version vector is its maximum per site,
//     over merges not undone.
//   - merge_alias: an incoming row id matched to a local row on its natural key (a
//     reviewer added in two copies), so later changes to that row find it.
//   - merge_conflict: the queue of fields a merge could not apply.
// Nothing here depends on the tables of other migrations but change and audit_entry (0001).

export const version = 7;
export const name = 'merge-identity';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE site (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      id TEXT NOT NULL CHECK (length(id) > 0)
    );
    ALTER TABLE change ADD COLUMN site_id TEXT;
    ALTER TABLE change ADD COLUMN hlc TEXT;
    ALTER TABLE audit_entry ADD COLUMN origin_site TEXT;
    ALTER TABLE audit_entry ADD COLUMN origin_seq INTEGER;
    ALTER TABLE audit_entry ADD COLUMN origin_hlc TEXT;
    ALTER TABLE audit_entry ADD COLUMN origin_reviewer TEXT;
    ALTER TABLE audit_entry ADD COLUMN origin_label TEXT;
    CREATE INDEX change_site ON change (site_id, id);
    CREATE INDEX audit_entry_origin ON audit_entry (origin_site, origin_seq) WHERE origin_site IS NOT NULL;

    -- change_id names the merge change without a foreign key: a merge whose incoming
    -- changes were all already held writes no row, and its change row is dropped, but what
    -- it saw stays seen.
    CREATE TABLE merged_event (
      change_id INTEGER NOT NULL,
      site_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      hlc TEXT NOT NULL,
      digest TEXT NOT NULL,
      PRIMARY KEY (site_id, seq, change_id)
    );
    CREATE INDEX merged_event_change ON merged_event (change_id);

    CREATE TABLE merge_alias (
      table_name TEXT NOT NULL,
      foreign_id TEXT NOT NULL,
      local_id TEXT NOT NULL,
      PRIMARY KEY (table_name, foreign_id)
    );

    CREATE TABLE merge_conflict (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      change_id INTEGER NOT NULL,
      table_name TEXT NOT NULL,
      row_key TEXT NOT NULL,
      field TEXT NOT NULL,
      base TEXT,
      local TEXT,
      incoming TEXT,
      reviewer TEXT NOT NULL,
      origin_site TEXT NOT NULL,
      origin_seq INTEGER NOT NULL
    );
    CREATE INDEX merge_conflict_change ON merge_conflict (change_id);
  `);
  const site = randomUUID();
  db.prepare('INSERT INTO site (singleton, id) VALUES (1, ?)').run(site);
  const changes = db.prepare('SELECT id, at FROM change ORDER BY id').all() as { id: number; at: string }[];
  const stamp = db.prepare('UPDATE change SET site_id = ?, hlc = ? WHERE id = ?');
  let last: Hlc | null = null;
  for (const c of changes) {
    const wall = Date.parse(c.at);
    last = last === null ? hlcFromWallClock(Number.isFinite(wall) ? wall : 0) : nextHlc(last, Number.isFinite(wall) ? wall : 0);
    stamp.run(site, last, c.id);
  }
}
