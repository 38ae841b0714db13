import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';

// This copy's site id and the latest clock reading in its history (docs/merging.md).

export function readSiteId(db: Db): string {
  const row = cached(db, 'SELECT id FROM site WHERE singleton = 1').get() as { id: string } | undefined;
  if (!row) throw new Error('This review has no site id (schema v7 gives every copy one).');
  return row.id;
}

export function writeSiteId(db: Db, id: string): void {
  db.prepare('UPDATE site SET id = ? WHERE singleton = 1').run(id);
}

/** The latest clock reading of any change in this file (its own or merged in). */
export function readLatestHlc(db: Db): string | null {
  const own = (cached(db, 'SELECT max(hlc) AS h FROM change').get() as { h: string | null }).h;
  const merged = (cached(db, 'SELECT max(hlc) AS h FROM merged_event').get() as { h: string | null }).h;
  if (own === null) return merged;
  if (merged === null) return own;
  return own > merged ? own : merged;
}

/**
 * Re-identifies this file's own history under `site` from change `fromId` on as `as` (a copy
 * made outside Grove whose history parted from the original's there; docs/team-server.md).
 */
export function renameOwnChanges(db: Db, site: string, fromId: number, as: string): number {
  return db.prepare('UPDATE change SET site_id = ? WHERE site_id = ? AND id >= ?').run(as, site, fromId).changes;
}
