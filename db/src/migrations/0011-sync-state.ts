import type { Db } from '../connection.ts';

// Schema v11: where a review file stands with each team server it syncs with (issue 16
// step 2, docs/team-server.md), keyed by the server's id (grove.server.id), so a file
// synced with two servers, or a server reached under a new host name, keeps the right
// position:
//   - last_server_seq: the server number of the last event pulled; the next sync asks
//     for the events after it.
//   - pushed_through_change: every change of this file up to this id is on the server
//     (pushed, or pulled from it); the next sync offers the server only later ones.
//   - url: the server's URL as last used (no password: URLs with one are refused).
// Bookkeeping, not review content: not audited, never undone, not merged.

export const version = 11;
export const name = 'sync-state';

export function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE sync_state (
      server_id TEXT PRIMARY KEY CHECK (length(server_id) > 0),
      url TEXT NOT NULL,
      last_server_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_server_seq >= 0),
      pushed_through_change INTEGER NOT NULL DEFAULT 0 CHECK (pushed_through_change >= 0),
      synced_at TEXT NOT NULL
    );
  `);
}
