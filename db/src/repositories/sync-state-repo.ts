import type { Db } from '../connection.ts';
import { cached } from '../statements.ts';

// Where this review file stands with each team server (migration 0009, docs/team-server.md).

export interface SyncState {
  serverId: string;
  url: string;
  lastServerSeq: number;
  pushedThroughChange: number;
  syncedAt: string;
}

export function readSyncState(db: Db, serverId: string): SyncState | null {
  const row = cached(
    db,
    'SELECT server_id, url, last_server_seq, pushed_through_change, synced_at FROM sync_state WHERE server_id = ?',
  ).get(serverId) as
    { server_id: string; url: string; last_server_seq: number; pushed_through_change: number; synced_at: string } | undefined;
  return row
    ? {
        serverId: row.server_id,
        url: row.url,
        lastServerSeq: row.last_server_seq,
        pushedThroughChange: row.pushed_through_change,
        syncedAt: row.synced_at,
      }
    : null;
}

/** The most recently synced server, for a host that offers "Sync" without a URL. */
export function latestSyncState(db: Db): SyncState | null {
  const id = cached(db, 'SELECT server_id FROM sync_state ORDER BY synced_at DESC LIMIT 1').pluck().get() as string | undefined;
  return id === undefined ? null : readSyncState(db, id);
}

export function writeSyncState(db: Db, s: SyncState): void {
  cached(
    db,
    `INSERT INTO sync_state (server_id, url, last_server_seq, pushed_through_change, synced_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (server_id) DO UPDATE SET url = excluded.url, last_server_seq = excluded.last_server_seq,
       pushed_through_change = excluded.pushed_through_change, synced_at = excluded.synced_at`,
  ).run(s.serverId, s.url, s.lastServerSeq, s.pushedThroughChange, s.syncedAt);
}

/**
 * Forgets every server this file synced with (a fork, docs/team-server.md): the copy is a
 * new member's file, and what the original exchanged, under its role, is not the copy's.
 */
export function forgetSyncState(db: Db): void {
  db.prepare('DELETE FROM sync_state').run();
}

/** The highest change id of this file (0 when it has none). */
export function lastChangeId(db: Db): number {
  return (cached(db, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change'), 0) AS n").pluck().get() as number) ?? 0;
}
