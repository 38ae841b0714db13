import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessClient } from '@grove/shared';
import { createBackend } from '../../db/src/backend.ts';
import { forkReview } from '../../db/src/merge/fork.ts';
import { readEvents } from '../../db/src/merge/events.ts';
import { TABLES } from '../../db/src/tables.ts';
import { syncReview } from '../../db/src/team/sync-review.ts';
import { edit, exampleReview, query } from '../support/merge-fixtures.ts';
import { startPostgres, type PostgresServer } from '../support/postgres.ts';
import { runGrove } from '../support/run-cli.ts';
import { tempDir } from '../support/temp.ts';

// What a team sees when syncing (issue 16's follow-up), against a real PostgreSQL
// (test/support/postgres.ts; skipped, with the reason, where it is not installed):
//   - a sync's "pulled" counts what truly came in from other copies, never the file's own
//     events coming back from the server;
//   - a `grove fork` copy of a synced review inherits none of its sync state (the original's
//     server URL names the original's role), and syncing it, as its own member, neither loses
//     nor duplicates an event.

const started = await startPostgres();
if (!started.ok) console.warn(`team-sync-fork tests skipped: ${started.reason}`);
const server: PostgresServer | null = started.ok ? started.server : null;

const PASSWORD = 'team-secret';
const DB = 'team';
const { dir, cleanup } = tempDir('grove-syncfork-');
const env = { ...process.env, PGPASSWORD: PASSWORD, PGPASSFILE: path.join(dir, 'no-pgpass') };

function url(role: string): string {
  return server!.url(role, DB);
}
function sync(file: string, role: string) {
  return syncReview(file, url(role), { env, reviewerName: role });
}
function setNotes(file: string, reviewer: string, notes: string): void {
  const id = query(file, (db) => db.prepare('SELECT id FROM study ORDER BY id LIMIT 1').pluck().get() as string);
  edit(file, reviewer, 'Edit notes', (w) => w.update(TABLES.study, id, { notes }, () => 'notes'));
}
const eventKeys = (file: string) => query(file, (db) => readEvents(db).map((e) => `${e.site} ${e.seq}`));
const syncRows = (file: string) => query(file, (db) => db.prepare('SELECT * FROM sync_state').all());
const studies = (file: string) => query(file, (db) => db.prepare('SELECT id, label, notes FROM study ORDER BY id').all());
async function serverEventKeys(): Promise<string[]> {
  const rows = await server!.admin<{ k: string }>("SELECT origin_site || ' ' || origin_seq AS k FROM grove.event", [], DB);
  return rows.map((r) => r.k);
}

beforeAll(async () => {
  if (!server) return;
  for (const role of ['teamadmin', 'alice', 'bob']) await server.createRole(role, PASSWORD);
  await server.createDatabase(DB, 'teamadmin');
  const init = runGrove(['team', 'init', '--server', url('teamadmin')], { env });
  expect(init.status, init.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  server?.stop();
  cleanup();
});

describe.skipIf(!server)('syncing forks and counting what came in', { timeout: 240_000 }, () => {
  it('counts only other copies’ new events as pulled; a fork inherits no sync state and syncs without losing or doubling events', async () => {
    const a = exampleReview(dir, 'alice.grove');
    setNotes(a, 'Alice', 'read by Alice');
    setNotes(a, 'Alice', 'read twice by Alice');
    const first = await sync(a, 'alice');
    expect(first).toMatchObject({ registered: true, pulled: 0 });
    expect(first.pushed).toBe(2);
    const added = runGrove(['team', 'add-member', '--server', url('alice'), '--review', first.reviewId, '--role', 'bob'], { env });
    expect(added.status, added.stderr).toBe(0);

    // Alice's events all came back from the server: none of them is something that came in.
    const again = await sync(a, 'alice');
    expect(again).toMatchObject({ pulled: 0, pushed: 0, applied: 0, backup: null });

    // A change Alice has not pushed yet, then Bob's copy.
    setNotes(a, 'Alice', 'not yet pushed by Alice');
    const b = path.join(dir, 'bob.grove');
    forkReview(a, b, 'Bob Berg');
    expect(syncRows(a)).toHaveLength(1);
    expect(syncRows(b)).toEqual([]);
    const backend = createBackend({ host: 'in-process' });
    backend.openFile(b);
    try {
      expect(await inProcessClient(backend.connect()).call('sync.status', {})).toEqual({ server: null, last: null });
    } finally {
      backend.closeFile();
    }

    // Bob's first sync, as Bob: everything the server has he holds already; he sends what it
    // lacks — himself added, and Alice's change his copy carries — each once.
    const bobFirst = await sync(b, 'bob');
    expect(bobFirst).toMatchObject({ registered: false, pulled: 0, applied: 0, pushed: 2, backup: null });
    expect(syncRows(b)).toMatchObject([{ url: url('bob') }]);

    // Alice receives only Bob's own change; hers, forwarded by Bob, is already in her file.
    setNotes(b, 'Bob Berg', 'Bob read it');
    const bobSecond = await sync(b, 'bob');
    expect(bobSecond).toMatchObject({ pulled: 0, pushed: 1 });
    const alice = await sync(a, 'alice');
    expect(alice).toMatchObject({ pulled: 2, pushed: 0, conflicts: [] });
    expect((await sync(b, 'bob')).pulled).toBe(0);

    // Nothing lost, nothing doubled: the server holds each event of either file once.
    const held = [...new Set([...eventKeys(a), ...eventKeys(b)])].sort();
    const onServer = await serverEventKeys();
    expect(onServer.length).toBe(new Set(onServer).size);
    expect([...onServer].sort()).toEqual(held);
    expect(studies(a)).toEqual(studies(b));
    const reviewers = (f: string) => query(f, (db) => db.prepare('SELECT name FROM reviewer ORDER BY name').pluck().all());
    expect(reviewers(a)).toEqual(reviewers(b));
    // Both files hold the same events.
    expect([...eventKeys(a)].sort()).toEqual([...eventKeys(b)].sort());
  });
});
